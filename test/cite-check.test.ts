/**
 * cite-check (src/citations/): the citation grammar, the checks on small synthetic trees (one per
 * way a citation can be wrong), and every citation of src/ against test/fixtures/kernel, the
 * skeleton cite-check wrote from a Linux 7.1.5 tree (names only). A citation added without being
 * checked against a real tree is not in the skeleton and fails here.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCitation } from '../src/citations/check.js';
import { blankComments, scanSource } from '../src/citations/c-scan.js';
import { collectCitations, collectCommitIds } from '../src/citations/collect.js';
import { parseCitation } from '../src/citations/grammar.js';
import { KernelTree } from '../src/citations/kernel-tree.js';
import { citeCheck } from '../src/citations/main.js';
import { checkAll, failures } from '../src/citations/report.js';

const root = resolve('.tmp', `cite-check-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): KernelTree {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return new KernelTree(dir);
}

const SMP = `
/* A comment naming csd_lock_wait() must not count as a call. */
static void helper(void)
{
	csd_lock_wait(csd);
}

#ifdef CONFIG_X
static void split(int a)
{
	if (a) {
#else
static void split(int a)
{
	if (!a) {
#endif
		helper();
	}
}

void smp_call_function_many_cond(void)
{
	const char *s = "send_call_function_ipi_mask()";
	split(1);
}

#define kick_all(x) do { smp_call_function_many_cond(); } while (0)
DEFINE_IDTENTRY_SYSVEC(sysvec_call_function)
{
	helper();
}
`;

describe('citation grammar', () => {
  it('reads paths, call chains, lists, transitive links and remarks', () => {
    const p = parseCitation('kernel/smp.c: a() -> b(x, y), c() (remark) -> ... -> d() | patch: some series');
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const [code, marked] = p.clauses;
    expect(code).toEqual({
      kind: 'code',
      path: 'kernel/smp.c',
      chain: [
        { calls: [{ name: 'a' }], transitive: false },
        { calls: [{ name: 'b' }, { name: 'c' }], transitive: false },
        { calls: [{ name: 'd' }], transitive: true },
      ],
    });
    expect(marked).toEqual({ kind: 'patch', text: 'some series' });
  });

  it('refuses text that is neither a kernel path nor marked, and calls it cannot read', () => {
    expect(parseCitation('Lance Yang v8 1/2').ok).toBe(false);
    expect(parseCitation('kernel/smp.c: a() returns early').ok).toBe(false);
    expect(parseCitation('kernel/smp.c: a() -> b(').ok).toBe(false);
  });
});

describe('C scanning', () => {
  it('blanks comments and strings but keeps offsets', () => {
    const text = 'a /* b */ "c" // d\ne';
    const out = blankComments(text);
    expect(out).toHaveLength(text.length);
    expect(out.includes('b') || out.includes('c') || out.includes('d')).toBe(false);
    expect(out.endsWith('\ne')).toBe(true);
  });

  it('finds functions, macros, DEFINE_* definitions and balances #if branches', () => {
    const f = scanSource(SMP, 'kernel/smp.c');
    expect([...f.definitions.keys()].sort()).toEqual(['DEFINE_IDTENTRY_SYSVEC', 'helper', 'kick_all', 'smp_call_function_many_cond', 'split', 'sysvec_call_function']);
  });

  it('finds assembler symbols and .macro in headers', () => {
    const asm = scanSource('SYM_CODE_START(entry)\n\tcall helper\nSYM_CODE_END(entry)\nSYM_INNER_LABEL(inner, SYM_L_GLOBAL)\n', 'arch/x/entry.S');
    expect([...asm.definitions.keys()].sort()).toEqual(['entry', 'inner']);
    const h = scanSource('.macro SWITCH_CR3 reg:req\n\tmov %cr3, \\reg\n.endm\n', 'arch/x/calling.h');
    expect(h.definitions.has('SWITCH_CR3')).toBe(true);
  });
});

describe('checking a citation against a tree', () => {
  const t = tree('synthetic', { 'kernel/smp.c': SMP, 'kernel/other.c': 'void far(void)\n{\n\tsmp_call_function_many_cond();\n}\n', Makefile: 'VERSION = 7\nPATCHLEVEL = 1\nSUBLEVEL = 5\n' });
  const status = (c: string) => checkCitation(t, c);

  it('accepts what the tree has', () => {
    expect(status('kernel/smp.c: smp_call_function_many_cond() -> split() -> helper() -> csd_lock_wait()')).toEqual({ status: 'ok', kinds: [] });
    expect(status('kernel/smp.c: sysvec_call_function() -> helper()').status).toBe('ok');
    expect(status('kernel/smp.c: smp_call_function_many_cond() -> ... -> csd_lock_wait()').status).toBe('ok');
    expect(status('kernel/other.c: far() -> smp_call_function_many_cond() | patch: x').status).toBe('ok');
    expect(status('spec: a manual | model: a step')).toEqual({ status: 'marked', kinds: ['spec', 'model'] });
    expect(t.version()).toBe('7.1.5');
  });

  it('reports a missing file, a function defined elsewhere, and a call that is not there', () => {
    expect(status('kernel/gone.c: helper()')).toEqual({ status: 'failed', reason: 'kernel/gone.c: no such file' });
    expect(status('kernel/smp.c: far()')).toEqual({ status: 'failed', reason: 'far() is not defined in kernel/smp.c (defined in kernel/other.c)' });
    expect(status('kernel/smp.c: nowhere()')).toEqual({ status: 'failed', reason: 'nowhere() is not defined in kernel/smp.c (defined nowhere in the tree)' });
    // Named only in a comment and in a string: not a call.
    expect(status('kernel/smp.c: smp_call_function_many_cond() -> send_call_function_ipi_mask()')).toEqual({
      status: 'failed',
      reason: 'smp_call_function_many_cond() does not mention send_call_function_ipi_mask',
    });
    expect(status('kernel/smp.c: helper() -> ... -> far()').status).toBe('failed');
    expect(status('an unmarked sentence').status).toBe('failed');
  });
});

describe('cite-check on the skeleton of Linux 7.1.5', () => {
  const fixture = new KernelTree(resolve('test', 'fixtures', 'kernel'));
  const report = checkAll(fixture, collectCitations(), collectCommitIds(resolve('src')));

  it('finds every citation of src/ (none left unchecked, none failing)', () => {
    expect(fixture.version()).toBe('7.1.5');
    expect(report.citations.length).toBeGreaterThan(150);
    expect(failures(report).map((c) => `${c.text}: ${c.verdict.status === 'failed' ? c.verdict.reason : ''}`)).toEqual([]);
  });

  it('checks step sources, configuration sources and variant patches, and lists commit ids', () => {
    const usedBy = new Set(report.citations.flatMap((c) => c.usedBy));
    expect(usedBy.has('mmu-gather')).toBe(true);
    expect(usedBy.has('arch x86-native')).toBe(true);
    expect(usedBy.has('mmu-gather/mainline patch')).toBe(true);
    expect(report.commits.map((c) => c.id)).toContain('3ef938c35035');
    expect(report.commits.every((c) => c.status === 'no-history')).toBe(true);
  });

  it('exits 0 with a table and totals, 1 on a tree that lacks the code, 2 on bad input', () => {
    let out = '';
    let err = '';
    const run = (args: string[]) => citeCheck(args, resolve('src'), (s) => (out += s), (s) => (err += s));
    expect(run(['--kernel', resolve('test', 'fixtures', 'kernel')])).toBe(0);
    expect(out).toContain('cite-check: Linux 7.1.5');
    expect(out).toMatch(/totals: \d+ citations: \d+ match the tree, 0 do not/);
    const empty = tree('empty', { 'mm/x.c': '', 'include/y.h': '' });
    expect(run(['--kernel', empty.root])).toBe(1);
    for (const bad of [[], ['--kernel'], ['--kernel', join(root, 'nope')], ['--kernel', resolve('src')], ['--frobnicate']]) {
      err = '';
      expect(run(bad)).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
    }
  });
});
