/**
 * Shrinking to the shortest counterexample and the fewest CPU switches on toys where both are
 * worked out by hand (and the shortest length is also the naive explorer's):
 * - a CPU that chose the long program is shrunk to the short one (no deletion can do that: it
 *   takes replacing the choice, move 4 of src/engines/shrink.ts);
 * - steps of a CPU the violation does not need, and an interleaving of the ones it needs, go;
 * - a trace that does not reach the violation is left as it is;
 * - the CPU switches of a trace are counted as a person reads the diagram.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { runActions } from '../src/core/replay.js';
import { cpuSwitches, minimize, shrinkSteps } from '../src/engines/shrink.js';
import { naiveExplore } from './toys/naive-explorer.js';
import { field, toy } from './toys/toy-spec.js';

/** Workers choose a long program (two steps, then done) or a short one (done at once). */
const chooser = toy({
  globals: [field('done'), field('x', 3)],
  cpuFields: [],
  controllers: 0,
  worker: [
    [
      { name: 'x=1', run: (s, _c, t) => void (s[t.g('x')] = 1) },
      { name: 'x=2', run: (s, _c, t) => void (s[t.g('x')] = 2) },
      { name: 'done', run: (s, _c, t) => void (s[t.g('done')] = 1) },
    ],
    [{ name: 'done', run: (s, _c, t) => void (s[t.g('done')] = 1) }],
  ],
  bad: (s, t) => s[t.g('done')] === 1,
});

/** Each worker takes two steps; the violation is every worker having taken both. */
const bothTwice = toy({
  globals: [],
  cpuFields: [field('n', 3)],
  controllers: 0,
  worker: [[1, 2].map((v) => ({ name: `n=${v}`, run: (s, c, t) => void (s[t.at(c, 'n')] = v) }))],
  bad: (s, t) => t.workers.every((w) => s[t.at(w, 'n')] === 2),
});

/** Worker CPUs count; CPU0 (controller) ticks for ever and is never needed; the violation is worker CPU1 at 3. */
const withTicker = toy({
  globals: [],
  cpuFields: [field('n', 4)],
  controllers: 1,
  controller: [{ name: 'tick', run: () => {} }],
  controllerLoops: true,
  worker: [[1, 2, 3].map((v) => ({ name: `n=${v}`, run: (s, c, t) => void (s[t.at(c, 'n')] = v) }))],
  bad: (s, t) => s[t.at(1, 'n')] === 3,
});

describe('shrinking on hand-worked toys', () => {
  it('replaces the choice of the long program by the short one: 2 steps', () => {
    const spec = chooser(2);
    const m = compileModel(spec);
    const K = m.maxActions / m.cpus;
    // Local 0: next program step; 1: choose the long program; 2: choose the short one.
    const long = [1, K + 1, 0, K, 0, 0];
    expect(runActions(m, long).outcome).toBe('violated');
    expect(naiveExplore(spec).violatedAt).toBe(2);
    const s = shrinkSteps(m, long, 'toy-safe');
    expect(s.length).toBe(2);
    expect(runActions(m, s).outcome).toBe('violated');
    expect(minimize(m, long, 'toy-safe').length).toBe(2);
  });

  it('replaces the choice on CPU1 too, with CPU1 the only CPU in the trace: 2 steps', () => {
    const m = compileModel(chooser(2));
    const K = m.maxActions / m.cpus;
    const long = [K + 1, K, K, K];
    expect(runActions(m, long).outcome).toBe('violated');
    const s = shrinkSteps(m, long, 'toy-safe');
    expect(s.length).toBe(2);
    expect(runActions(m, s).outcome).toBe('violated');
  });

  it('drops the steps of a CPU that is not needed and keeps the needed ones: 3 steps, no switch', () => {
    const spec = withTicker(3);
    const m = compileModel(spec);
    const K = m.maxActions / m.cpus;
    const tick = 0;
    const w1 = K;
    const w2 = 2 * K;
    const long = [tick, w2, tick, w1, tick, tick, w2, w1, tick, tick, tick, w1];
    expect(runActions(m, long).outcome).toBe('violated');
    expect(naiveExplore(spec).violatedAt).toBe(3);
    expect(shrinkSteps(m, long, 'toy-safe')).toEqual([w1, w1, w1]);
    expect(minimize(m, long, 'toy-safe')).toEqual([w1, w1, w1]);
  });

  it('orders an interleaving by CPU: two workers, 4 steps, 1 switch; three workers, 6 steps, 2 switches', () => {
    for (const [cpus, switches] of [[2, 1], [3, 2]] as const) {
      const m = compileModel(bothTwice(cpus));
      const K = m.maxActions / m.cpus;
      const cpuSteps = Array.from({ length: cpus }, (_, c) => c * K);
      const interleaved = [...cpuSteps, ...cpuSteps];
      expect(cpuSwitches(m, interleaved)).toBe(2 * cpus - 1);
      const min = minimize(m, interleaved, 'toy-safe');
      expect(min.length).toBe(2 * cpus);
      expect(cpuSwitches(m, min)).toBe(switches);
      expect(runActions(m, min).outcome).toBe('violated');
    }
  });

  it('a trace that does not reach the violation comes back as it is', () => {
    const m = compileModel(bothTwice(2));
    const K = m.maxActions / m.cpus;
    expect(shrinkSteps(m, [0, K, 0], 'toy-safe')).toEqual([0, K, 0]);
  });

  it('counts switches as the diagram shows them', () => {
    const m = compileModel(bothTwice(2));
    const K = m.maxActions / m.cpus;
    expect(cpuSwitches(m, [])).toBe(0);
    expect(cpuSwitches(m, [0])).toBe(0);
    expect(cpuSwitches(m, [K])).toBe(0);
    expect(cpuSwitches(m, [0, 0])).toBe(0);
    expect(cpuSwitches(m, [K, K, 0])).toBe(1);
    expect(cpuSwitches(m, [0, K, K, 0])).toBe(2);
  });
});
