/**
 * An `__atomic_block` is a claim about the code as shipped. A patch that changes code running
 * inside it (a statement of the block, a function inlined into it, an override file's
 * function) may take the claim's reason away, so the compiler runs that code step by step,
 * the blocks ending before it and starting again after it (src/cmodel/lower/atomic-trust.ts). The case that asks for it: context_switch_to_task() makes
 * switch_mm_irqs_off() one step because of its smp_mb(); 83b0177a's race (the barrier taken
 * out, x86-pcid under tso) is inside that step, so trusting the block gives a false holds.
 */
import { readFileSync } from 'node:fs';
import { createPatch } from 'diff';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { lineChanges } from '../src/cmodel/changes.js';
import { loadCModelSync, type LoadOptions } from '../src/cmodel/index.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { writeModel } from './model-file.js';
import { switchBackModel } from './switch-back.js';

beforeAll(async () => {
  await loadCGrammar();
  MODEL = switchBackModel();
});

let MODEL = '';
const NO_MB = 'models/switch-mm/no-mb-in-cpumask.diff';
const CORE = 'prelude/kernel/sched/core.c';

function check(opts: LoadOptions): { verdict: string; property: string | undefined; split: readonly string[] } {
  const built = loadCModelSync(MODEL, opts).build(ARCHES['x86-pcid'], 2, 'tso');
  const r = bfs(compileModel(built.spec), { symmetry: false, maxStates: 200_000, timeoutMs: 60_000 });
  return { verdict: r.verdict, property: r.verdict === 'violated' ? r.property : undefined, split: built.splitAtomicBlocks };
}

/** The patch's author restating context_switch_to_task()'s claim: its `__atomic_block` line rewritten. */
function restate(): string {
  const text = readFileSync(CORE, 'utf8');
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes('__atomic_block("switch_mm_irqs_off'));
  expect(at).toBeGreaterThan(0);
  lines[at] = '\t__atomic_block("switch_mm_irqs_off: IRQs are off, as the patch author claims") {';
  return createPatch(CORE, text, lines.join('\n'));
}

describe('a patch reaching into an __atomic_block: the code it changed runs step by step', () => {
  it('the shipped prelude keeps the block and holds', () => {
    const r = check({});
    expect(r.verdict).toBe('holds');
    expect(r.split).toEqual([]);
  });

  it("taking out switch_mm_irqs_off()'s smp_mb() splits context_switch_to_task()'s block, and 83b0177a's race shows", () => {
    const r = check({ patch: NO_MB });
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('no-stale-tlb-after-sync');
    const core = r.split.find((s) => s.startsWith(`${CORE}:`));
    expect(core).toMatch(/the patch changes switch_mm_irqs_off\(\) \(prelude\/arch\/x86\/mm\/tlb\.c:\d+\), which runs step by step inside it/);
  });

  it("a patch that rewrites the block's own line makes the claim its author's: the block stands", () => {
    const r = check({ patch: NO_MB, patchText: { name: 'restate.diff', text: restate() } });
    expect(r.split.some((s) => s.startsWith(`${CORE}:`))).toBe(false);
    expect(r.verdict).toBe('holds'); // the claim, now the author's, hides the race again
  });

  it('an override file is the reviewer\'s code in full: a block that runs its function is split', () => {
    const prelude = readFileSync('prelude/arch/x86/mm/tlb.c', 'utf8');
    const start = prelude.indexOf('static void load_new_mm_cr3(');
    expect(start).toBeGreaterThan(0);
    const end = prelude.indexOf('\n}\n', start) + 3;
    const override = writeModel(prelude.slice(start, end), 'override');
    const r = check({ overrides: [override] });
    expect(r.split.find((s) => s.startsWith(`${CORE}:`))).toMatch(/the patch changes load_new_mm_cr3\(\)/);
    expect(r.verdict).toBe('holds'); // the same code, step by step: no race without the patch
  });

  /** A one-statement edit of a prelude file inside a block: that statement alone runs step by step, and the verdict stands. */
  function oneStatement(file: string, from: string, to: string): void {
    const text = readFileSync(file, 'utf8');
    const patched = text.replace(from, to);
    expect(patched).not.toBe(text);
    const r = check({ patchText: { name: 'one-statement.diff', text: createPatch(file, text, patched) } });
    expect(r.split.find((s) => s.startsWith(`${file}:`))).toMatch(/the patch changes line \d+, which runs step by step inside it/);
    expect(r.verdict).toBe('holds');
  }

  it('a patch to a statement of the block itself: that statement runs step by step', () => {
    oneStatement(CORE, '\t\tlocal_irq_disable();\n\t\tif (IS_ENABLED(CONFIG_X86))', '\t\tlocal_irq_disable();\n\t\tbarrier();\n\t\tif (IS_ENABLED(CONFIG_X86))');
  });

  it('a changed statement that jumps (continue) back into the block starts the block again as it jumps', () => {
    oneStatement('prelude/kernel/smp.c', '\t\t\tif (cond_func && !cond_func(cpu, info)) {', '\t\t\tif (cond_func && !cond_func(cpu, info)) {\t/* not this one */');
  });

  it('a patch outside every block splits none', () => {
    const text = readFileSync(MODEL, 'utf8');
    const patched = text.replace('\ttlb_finish_mmu(&tlb);\n', '\ttlb_finish_mmu(&tlb);\t/* the flush */\n');
    expect(patched).not.toBe(text);
    const patch = createPatch(MODEL, text, patched);
    const r = check({ patchText: { name: 'comment.diff', text: patch } });
    expect(r.split).toEqual([]);
    expect(r.verdict).toBe('holds');
  });
});

describe('lineChanges: the lines a patch wrote, numbered in the patched file', () => {
  it('added lines are added and touched; a deletion touches the lines on each side', () => {
    const c = lineChanges('a\nb\nc\nd\n', 'a\nc\nX\nd\n');
    expect([...c.added]).toEqual([3]);
    expect([...c.touched].sort()).toEqual([1, 2, 3]);
  });

  it('nothing changed, nothing touched', () => {
    const c = lineChanges('a\nb\n', 'a\nb\n');
    expect(c.added.size).toBe(0);
    expect(c.touched.size).toBe(0);
  });
});
