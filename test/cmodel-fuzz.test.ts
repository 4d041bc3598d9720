/**
 * The whole C front end on mutated model files: committed models and toy models, edited at
 * random (a line dropped, duplicated or swapped with another; an identifier replaced by another
 * of the file; a token dropped; punctuation or a constant inserted), then read, parsed, declared,
 * lowered and compiled for their first configuration. Each either compiles or is refused with
 * one line that starts with a location in some source file; nothing else escapes (no internal
 * error, no stack trace), which is what `check` turns into its exit 2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { CError } from '../src/c/error.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { InputError } from '../src/report/input-error.js';

const MODELS = ['models/cve-2018-18281.c', 'models/kick-async.c', 'models/preempt-wait.c', 'test/fixtures/cmodels/tasks/hotplug.c', 'test/fixtures/cmodels/tasks/per-task.c'];
const INSERTS = ['(', ')', '{', '}', ';', ',', '*', '&', '0', '1', '7', 'NULL', 'cpu', 'x', '->', '.', '[0]', 'static', 'int', 'HOTPLUG(CPU(9));', 'TASK("t", CPU(0), ONCE, f);', 'DEFINE_PER_TASK(int, q);'];

type Edit = { kind: 'drop-line' | 'dup-line' | 'swap-lines' | 'rename' | 'drop-token' | 'insert'; a: number; b: number; pick: number };

const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('drop-line', 'dup-line', 'swap-lines', 'rename', 'drop-token', 'insert'),
  a: fc.nat(10_000),
  b: fc.nat(10_000),
  pick: fc.nat(10_000),
});

function applyEdit(text: string, e: Edit): string {
  const lines = text.split('\n');
  const i = e.a % lines.length;
  const j = e.b % lines.length;
  const tokens = [...text.matchAll(/[A-Za-z_][A-Za-z0-9_]*|\S/g)];
  const idents = [...new Set(tokens.map((t) => t[0]).filter((t) => /^[A-Za-z_]/.test(t)))];
  switch (e.kind) {
    case 'drop-line':
      return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    case 'dup-line':
      return [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)].join('\n');
    case 'swap-lines': {
      const out = [...lines];
      [out[i], out[j]] = [out[j]!, out[i]!];
      return out.join('\n');
    }
    case 'rename': {
      const t = tokens.filter((x) => /^[A-Za-z_]/.test(x[0]))[e.a % Math.max(1, idents.length)];
      const to = idents[e.pick % idents.length];
      if (t === undefined || to === undefined || t.index === undefined) return text;
      return text.slice(0, t.index) + to + text.slice(t.index + t[0].length);
    }
    case 'drop-token': {
      const t = tokens[e.a % tokens.length];
      if (t === undefined || t.index === undefined) return text;
      return text.slice(0, t.index) + text.slice(t.index + t[0].length);
    }
    case 'insert': {
      const at = e.a % (text.length + 1);
      return `${text.slice(0, at)} ${INSERTS[e.pick % INSERTS.length]!} ${text.slice(at)}`;
    }
  }
}

beforeAll(async () => {
  await loadCGrammar();
});

describe('the C front end on mutated model files', () => {
  it('compiles or refuses in one located line, never anything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmodel-fuzz-'));
    const sources = MODELS.map((m) => ({ name: basename(m), text: readFileSync(m, 'utf8') }));
    fc.assert(
      fc.property(fc.nat(sources.length - 1), fc.array(editArb, { minLength: 1, maxLength: 3 }), (which, edits) => {
        const src = sources[which]!;
        const file = join(dir, src.name);
        writeFileSync(file, edits.reduce(applyEdit, src.text));
        try {
          const m = loadCModelSync(file);
          m.build(ARCHES[m.decls.arches[0]!], m.decls.defaultCpus, m.decls.memoryModels[0]!);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          const msg = e.message;
          expect(msg, msg).not.toContain('\n');
          if (e instanceof CError) expect(msg, msg).toMatch(/^[^:\s]+:\d+:\d+: \S/);
        }
      }),
      { numRuns: 400, seed: 14 },
    );
  }, 600_000);
});
