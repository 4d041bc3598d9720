/**
 * The litmus run's bookkeeping around the model: judging against the header as the kernel's
 * judgelitmus.sh judges herd7 (a test with no execution at all agrees only with DEADLOCK), the
 * filter applied to process paths before reads-from is chosen (it must count exactly what
 * filtering each execution counts), and the racing pair shown with the data-race flag.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agreement, formatLitmusResult, loadLitmus, parseLitmus, runLitmus, type LitmusResult } from '../src/litmus/index.js';
import { decided } from '../src/litmus/run.js';

const DIR = join(import.meta.dirname, '..', 'litmus');
const read = (f: string): string => readFileSync(join(DIR, f), 'utf8');

beforeAll(async () => {
  await loadLitmus();
});

const counts = (r: LitmusResult): [number, number, number] => (r.status === 'answer' ? [r.positive, r.negative, r.states.length] : [-1, -1, -1]);

/** Replaces the final clause (and any filter) of a test. */
const withClause = (text: string, clause: string): string => text.replace(/^(filter|exists|~exists|forall)[\s\S]*$/m, clause + '\n');

describe('judging against the header (judgelitmus.sh)', () => {
  const sb = read('SB+poonceonces.litmus');
  const none = withClause(sb, 'filter (0:r0=2)\nexists (0:r0=0)');
  it('a test with no execution at all disagrees with Never and agrees with DEADLOCK', () => {
    const never = runLitmus(none.replace(/Result: \w+/, 'Result: Never'));
    expect(counts(never)).toEqual([0, 0, 0]);
    expect(agreement(never)).toBe('disagree');
    expect(agreement(runLitmus(none.replace(/Result: \w+/, 'Result: DEADLOCK')))).toBe('agree');
  });
});

describe('the filter on process paths', () => {
  // For a filter F and a condition C: the executions kept are those satisfying F; positive
  // ones satisfy F and C. Both are counted again without the filter, from `exists`.
  const cases: readonly [string, string, string][] = [
    ['SB+poonceonces.litmus', '0:r0=0', '1:r0=0'],
    ['MP+lock-writes+trylock-reads.litmus', '~1:r0=0', '1:r1=0 \\/ 1:r2=0'],
    ['SB+cmpxchg-fails.litmus', '0:r1=0 \\/ 1:r1=5', '0:r0=0 /\\ 1:r0=0'],
    ['Refcount+dectests.litmus', '~0:r0=1', 'true'],
  ];
  for (const [file, f, c] of cases) {
    it(`${file}: filter (${f}) counts what filtering each execution counts`, () => {
      const text = read(file);
      const filtered = counts(runLitmus(withClause(text, `filter (${f})\nexists (${c})`)));
      const both = counts(runLitmus(withClause(text, `exists ((${f}) /\\ (${c}))`)));
      const kept = counts(runLitmus(withClause(text, `exists (${f})`)));
      expect([filtered[0], filtered[0] + filtered[1]]).toEqual([both[0], kept[0]]);
    });
  }
  it('decides a condition on the registers known so far, else leaves it open', () => {
    const t = parseLitmus(withClause(read('SB+poonceonces.litmus'), 'exists (0:r0=0 /\\ (1:r0=1 \\/ ~x=1))'));
    const p0 = (v: number) => (o: { kind: string; thread?: number }) => (o.kind === 'reg' && o.thread === 0 ? v : undefined);
    expect(decided(t.cond, p0(1))).toBe(false);
    expect(decided(t.cond, p0(0))).toBeUndefined();
    expect(decided(t.cond, (o) => (o.kind === 'reg' ? (o.thread === 0 ? 0 : 1) : undefined))).toBe(true);
  });
});

describe('the data-race flag', () => {
  it('comes with a racing pair of an allowed execution, in the text and the answer', () => {
    const r = runLitmus(read('MP+plain+plain.litmus'));
    if (r.status !== 'answer') throw new Error('no answer');
    expect(r.flags).toContain('data-race');
    expect(r.race).not.toBeNull();
    expect(formatLitmusResult(r)).toMatch(/^Data race \(linux-kernel\.cat's data-race flag/m);
    const race = runLitmus(read('MP+plain-release+acquire-plain.litmus'));
    expect(race.status === 'answer' && race.race).toBeNull();
  });
});
