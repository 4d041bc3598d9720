/**
 * The compiler on hostile input: model files mutated at random (characters dropped, tokens of
 * C inserted) either compile into a model the engines can explore, or are refused with one
 * InputError line naming a location — never a crash, never a stack trace. The same for
 * patches that do not apply.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { InputError } from '../src/report/input-error.js';

const dir = mkdtempSync(join(tmpdir(), 'shootdown-hostile-'));
const TOKENS = ['(', ')', '{', '}', ';', ',', '*', '&', '/*', '"', "'", '#', '\n', '0', '-1', 'x', 'cpu', 'for_each_cpu(', 'ROLE(', '__atomic_block("x")', 'while (1)', 'return', 'int', 'NULL', 'VAL', '\0'];

beforeAll(async () => {
  await loadCGrammar();
});

/** Compiles (and briefly explores) a model text; returns 'ok' or the refusal line. */
function attempt(text: string, patch?: string): string {
  const file = join(dir, 'm.c');
  writeFileSync(file, text);
  let patchFile: string | undefined;
  if (patch !== undefined) {
    patchFile = join(dir, 'p.diff');
    writeFileSync(patchFile, patch);
  }
  try {
    const m = loadCModelSync(file, patchFile === undefined ? {} : { patch: patchFile });
    const spec = m.build(ARCHES["x86-native"], m.decls.minCpus, "sc").spec;
    bfs(compileModel(spec), { symmetry: true, maxStates: 300, timeoutMs: 5_000 });
    return 'ok';
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
}

describe('C model compiler on hostile input', () => {
  for (const name of ['kick.c', 'mp.c']) {
    it(`mutations of ${name} compile or are refused in one line`, () => {
      const base = readFileSync(`test/fixtures/cmodels/${name}`, 'utf8');
      const edit = fc.record({ at: fc.nat(base.length), drop: fc.nat(8), insert: fc.array(fc.constantFrom(...TOKENS), { maxLength: 3 }) });
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
          let text = base;
          for (const e of edits) {
            const at = Math.min(e.at, text.length);
            text = text.slice(0, at) + e.insert.join(' ') + text.slice(at + e.drop);
          }
          const r = attempt(text);
          if (r !== 'ok') {
            expect(r).not.toContain('\n');
            expect(r).toMatch(/^[^:]+(:\d+:\d+)?: |^[^ ]+: /);
          }
        }),
        { numRuns: 150, seed: 18281 },
      );
    });
  }

  it('a patch that does not apply, or is not a diff, is refused with its location', () => {
    const base = readFileSync('test/fixtures/cmodels/mp.c', 'utf8');
    expect(attempt(base, '--- a/m.c\n+++ b/m.c\n@@ -1,1 +1,1 @@\n-no such line\n+x\n')).toMatch(/p\.diff:\d+:1: hunk 1 .* does not apply to .*m\.c/);
    expect(attempt(base, 'just text\n')).toMatch(/p\.diff:1:1: the patch changes no file/);
    expect(attempt(base, '--- a/elsewhere.c\n+++ b/elsewhere.c\n@@ -1,1 +1,1 @@\n-a\n+b\n')).toMatch(/neither the model nor a prelude file/);
  });

  it('refuses an unbounded register-only loop at run time with its location', () => {
    const text = 'int x;\nvoid f(void)\n{\n\tint i = 0;\n\twhile (i >= 0)\n\t\ti = i & 1;\n}\nROLE("f", CPU(0), ONCE, f);\n';
    expect(attempt(text)).toMatch(/m\.c:\d+: f: a loop with no shared access does not end/);
  });
});
