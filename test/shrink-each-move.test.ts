/**
 * One toy trace per deletion move of the shrinker (src/engines/shrink.ts), built so that that
 * move is the only one that shortens it, and that the shortest counterexample (worked out by
 * hand, and the naive explorer's depth) is what it leaves. CPU0 sets `done` once CPU3 has
 * taken its three steps; workers CPU1..3 each set their `n` to 1, 2, 3 in turn. The target
 * property fails at `done`; a guard property listed before it fails at `done` instead when
 * CPU1 and CPU2 are in a state the case forbids, so a deletion that leaves them there does
 * not reproduce the target. Every worker has one program and no events: a CPU's only action
 * is its next step (action number = CPU number), so no replacement of a run by one step of
 * the same CPU deletes anything.
 * - a chunk of four mixed steps of CPU1 and CPU2 (the guard: done with n1 + n2 not 0 or 4):
 *   no run of one CPU, no one or two steps;
 * - a run of CPU1's three steps spread between CPU3's (guard: done with n1 not 0 or 3);
 * - a single first step (no guard: CPU2's step is just not needed);
 * - a pair, the first two steps, of two CPUs (guard: done with n1 != n2).
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import type { Machine } from '../src/core/machine.js';
import type { ModelSpec, State } from '../src/core/model.js';
import { runActions } from '../src/core/replay.js';
import { shrinkSteps } from '../src/engines/shrink.js';
import { naiveExplore } from './toys/naive-explorer.js';
import { field, toy } from './toys/toy-spec.js';

const build = toy({
  globals: [field('done')],
  cpuFields: [field('n', 4)],
  controllers: 1,
  controller: [{ name: 'done', enabled: (s, _c, t) => s[t.at(3, 'n')] === 3, run: (s, _c, t) => void (s[t.g('done')] = 1) }],
  worker: [[1, 2, 3].map((v) => ({ name: `n=${v}`, run: (s, c, t) => void (s[t.at(c, 'n')] = v) }))],
  bad: () => false,
});

/** The toy at 4 CPUs with the guard (before the target) and the target `done`. */
function withGuard(guard: (n1: number, n2: number) => boolean): { spec: ModelSpec; m: Machine } {
  const base = build(4);
  const L = base.layout;
  const nOf = (s: State, cpu: number): number => s[L.base(cpu) + L.cpuFields.findIndex((f) => f.name === 'n')]!;
  const DONE = L.globalFields.findIndex((f) => f.name === 'done');
  const done = (s: State): boolean => s[DONE] === 1;
  const spec: ModelSpec = {
    ...base,
    properties: [
      { name: 'guard', kind: 'always', doc: 'guard', check: (s) => !(done(s) && guard(nOf(s, 1), nOf(s, 2))) },
      { name: 'target', kind: 'always', doc: 'target', check: (s) => !done(s) },
    ],
  };
  const m = compileModel(spec);
  expect(m.maxActions / m.cpus).toBe(1);
  return { spec, m };
}

function shrinksTo4(guard: (n1: number, n2: number) => boolean, trace: number[]): void {
  const { spec, m } = withGuard(guard);
  const r = runActions(m, trace);
  expect(r.outcome === 'violated' && r.property).toBe('target');
  expect(r.actions.length).toBe(trace.length);
  expect(naiveExplore(spec).violatedAt).toBe(4);
  expect(shrinkSteps(m, trace, 'target')).toEqual([3, 3, 3, 0]);
}

describe('each deletion move, the only one that shortens its trace', () => {
  it('a chunk of four steps of two CPUs (8 -> 4 steps)', () => {
    shrinksTo4((n1, n2) => n1 + n2 !== 0 && n1 + n2 !== 4, [1, 2, 1, 2, 3, 3, 3, 0]);
  });

  it("a run of one CPU's three steps between another's (7 -> 4 steps)", () => {
    shrinksTo4((n1) => n1 !== 0 && n1 !== 3, [1, 3, 1, 3, 1, 3, 0]);
  });

  it('a single first step (5 -> 4 steps)', () => {
    shrinksTo4(() => false, [2, 3, 3, 3, 0]);
  });

  it('a pair, the first two steps, of two CPUs (6 -> 4 steps)', () => {
    shrinksTo4((n1, n2) => n1 !== n2, [1, 2, 3, 3, 3, 0]);
  });
});
