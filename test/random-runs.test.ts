/**
 * The random engine (src/engines/random.ts) on toys whose runs are worked out by hand:
 * - what fast-check generates: a stickiness in 0..15 and exactly `depth` choice numbers, each
 *   in 0..MAX_CHOICE;
 * - one run: every step is enabled, the run sticks to the CPU of the previous step as its
 *   stickiness says (and to no CPU before the first step), stops at a violation (an initial
 *   state that violates gives an empty trace), when nothing is enabled, or at `depth`;
 * - the search: how many runs, transitions and the deepest run it reports, that it never claims
 *   a race window reached, that it stops at the first failing run, its time, and `timeout`
 *   versus a spent budget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { runActions } from '../src/core/replay.js';
import { randomExplore, runChoices, runsArbitrary } from '../src/engines/random.js';
import { MAX_CHOICE, STICKINESS_LEVELS } from '../src/engines/schedule.js';
import { field, toy } from './toys/toy-spec.js';

const limits = { maxStates: 1e6, timeoutMs: 6e4 };
const choice = (step: number, cpu: number, stick: number): number => step | (cpu << 10) | (stick << 20);

/** Two workers, each with three steps and nothing else: a run ends after six steps. */
const threeSteps = toy({
  globals: [],
  cpuFields: [field('n', 4)],
  controllers: 0,
  worker: [[1, 2, 3].map((v) => ({ name: `n=${v}`, run: (s, c, t) => void (s[t.at(c, 'n')] = v) }))],
  bad: () => false,
  window: (s, t) => s[t.at(0, 'n')] === 3,
});

/** Two workers that tick for ever: every run goes to `depth`. */
const tickers = toy({
  globals: [],
  cpuFields: [field('v', 2)],
  controllers: 0,
  worker: [[{ name: 'tick', run: (s, c, t) => void (s[t.at(c, 'v')] = 1 - s[t.at(c, 'v')]!) }]],
  workerLoops: true,
  bad: () => false,
});

/** One worker chooses a short program (1 step) or a long one (3 steps): runs of 2 or 4 steps. */
const shortOrLong = toy({
  globals: [],
  cpuFields: [field('n', 4)],
  controllers: 0,
  worker: [[1, 2, 3].map((v) => ({ name: `n=${v}`, run: (s, c, t) => void (s[t.at(c, 'n')] = v) })), [{ name: 'n=1', run: (s, c, t) => void (s[t.at(c, 'n')] = 1) }]],
  bad: () => false,
});

/** Any step violates. */
const anyStepFails = toy({
  globals: [field('hit')],
  cpuFields: [],
  controllers: 0,
  worker: [[{ name: 'hit', run: (s, _c, t) => void (s[t.g('hit')] = 1) }]],
  bad: (s, t) => s[t.g('hit')] === 1,
});

describe('runsArbitrary', () => {
  it('generates a stickiness in 0..15 and exactly depth choices in 0..MAX_CHOICE', () => {
    const runs = fc.sample(runsArbitrary(6), { seed: 5, numRuns: 300 });
    const sticks = new Set(runs.map((r) => r.stickiness));
    for (const r of runs) {
      expect(r.stickiness).toBeGreaterThanOrEqual(0);
      expect(r.stickiness).toBeLessThan(STICKINESS_LEVELS);
      expect(r.choices.length).toBe(6);
      for (const c of r.choices) expect(c >= 0 && c <= MAX_CHOICE && Number.isInteger(c)).toBe(true);
    }
    // Every level is drawn (300 draws of 16 levels).
    expect(sticks.size).toBe(STICKINESS_LEVELS);
  });
});

describe('runChoices', () => {
  const m = compileModel(threeSteps(2));
  const cpuOf = (a: number): number => Math.floor(a / (m.maxActions / m.cpus));

  it('sticks to the CPU of the previous step at full stickiness, and to none before the first', () => {
    // CPU draws alternate 0, 1, 0, ...; the step draw 1 picks the second enabled step where there are two.
    const choices = Array.from({ length: 8 }, (_, i) => choice(1, i % 2, 0));
    expect(runChoices(m, { stickiness: 15, choices }).trace.map(cpuOf)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(runChoices(m, { stickiness: 0, choices }).trace.map(cpuOf)).toEqual([0, 1, 0, 1, 0, 1]);
    const fromCpu1 = Array.from({ length: 8 }, (_, i) => choice(1, (i + 1) % 2, 0));
    expect(runChoices(m, { stickiness: 15, choices: fromCpu1 }).trace.map(cpuOf)).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it('sticks to the CPU of the last step also where a CPU has more than one action number', () => {
    // An event that is never enabled gives every CPU two action numbers (CPU c's step is 2c).
    const withEvent = toy({
      globals: [],
      cpuFields: [field('n', 4)],
      controllers: 0,
      worker: [[1, 2, 3].map((v) => ({ name: `n=${v}`, run: (s, c, t) => void (s[t.at(c, 'n')] = v) }))],
      workerEvents: [{ name: 'never', enabled: () => false, run: () => {} }],
      bad: () => false,
    });
    const m2 = compileModel(withEvent(2));
    expect(m2.maxActions / m2.cpus).toBe(2);
    const fromCpu1 = Array.from({ length: 8 }, (_, i) => choice(1, (i + 1) % 2, 0));
    expect(runChoices(m2, { stickiness: 15, choices: fromCpu1 }).trace).toEqual([2, 2, 2, 0, 0, 0]);
  });

  it('takes only enabled steps, stops when nothing is enabled, and at depth', () => {
    const r = runChoices(m, { stickiness: 3, choices: [7, 1 << 10, 99, 5 << 20, 12345, 0, 1, 2, 3, 4] });
    expect(r.trace.length).toBe(6);
    expect(r.property).toBeUndefined();
    expect(runActions(m, r.trace).outcome).toBe('completed');
    expect(runChoices(compileModel(tickers(2)), { stickiness: 0, choices: [1, 2, 3, 4, 5, 6, 7] }).trace.length).toBe(7);
  });

  it('stops at the first violation, and an initial state that violates gives an empty trace', () => {
    const hit = compileModel(anyStepFails(2));
    const r = runChoices(hit, { stickiness: 0, choices: [0, 0, 0] });
    expect(r.property).toBe('toy-safe');
    expect(r.trace.length).toBe(1);
    const bad0 = toy({ globals: [field('hit')], cpuFields: [], controllers: 0, worker: [[{ name: 'x', run: () => {} }]], init: (s, t) => void (s[t.g('hit')] = 1), bad: (s, t) => s[t.g('hit')] === 1 });
    expect(runChoices(compileModel(bad0(2)), { stickiness: 0, choices: [0, 0] })).toEqual({ property: 'toy-safe', trace: [] });
  });
});

describe('randomExplore', () => {
  it('reports its runs, transitions and deepest run, and no race window as reached', () => {
    const r = randomExplore(compileModel(tickers(2)), { ...limits, seed: 4, runs: 25, depth: 5 });
    expect(r.verdict).toBe('inconclusive');
    if (r.verdict !== 'inconclusive') return;
    expect(r.reason).toBe('max-states');
    expect(r.transitions).toBe(25 * 5);
    expect(r.depth).toBe(5);
    expect(r.found.detail).toBe('fast-check choice sequences, seed 4, 25 runs of 5 steps');
    expect('path' in r.found).toBe(false);
    const w = randomExplore(compileModel(threeSteps(2)), { ...limits, seed: 4, runs: 10, depth: 9 });
    // The random engine does not check race windows: it claims none, and names only the sometimes-properties.
    expect(w.reached).toEqual({ 'toy-window': false });
    expect(w.depth).toBe(6);
    expect(w.transitions).toBe(10 * 6);
  });

  it('its deepest run is the longest of its runs, not the last, and its transitions their sum', () => {
    const m = compileModel(shortOrLong(1));
    // The runs fast-check draws for seed 6, each run by itself.
    const lengths = fc.sample(runsArbitrary(8), { seed: 6, numRuns: 12 }).map((run) => runChoices(m, run).trace.length);
    expect(new Set(lengths)).toEqual(new Set([2, 4]));
    expect(lengths.at(-1)).toBe(2);
    const r = randomExplore(m, { ...limits, seed: 6, runs: 12, depth: 8 });
    expect(r.depth).toBe(4);
    expect(r.transitions).toBe(lengths.reduce((a, b) => a + b, 0));
  });

  it('stops at the first failing run and reports it with a path that fast-check replays', () => {
    const m = compileModel(anyStepFails(2));
    const r = randomExplore(m, { ...limits, seed: 9, runs: 100, depth: 4, noMinimize: true });
    expect(r.verdict).toBe('violated');
    if (r.verdict !== 'violated') return;
    // The first run fails at its first step: one run, one transition.
    expect(r.found.detail).toBe('fast-check choice sequences, seed 9, 1 runs of 4 steps');
    expect(r.transitions).toBe(1);
    expect(r.trace.length).toBe(1);
    expect(r.property).toBe('toy-safe');
    expect(typeof r.found.path).toBe('string');
  });

  it('its seconds are the wall time of the call', () => {
    const w0 = performance.now();
    const r = randomExplore(compileModel(tickers(2)), { ...limits, seed: 1, runs: 20, depth: 20 });
    const elapsed = (performance.now() - w0) / 1000;
    expect(r.seconds).toBeGreaterThanOrEqual(0);
    expect(r.seconds).toBeLessThanOrEqual(elapsed);
  });

  it('a run interrupted by its time limit is a timeout, a spent budget is not', () => {
    const m = compileModel(tickers(3));
    const t = randomExplore(m, { maxStates: 1e6, timeoutMs: 1, seed: 2, runs: 1e9, depth: 50 });
    expect(t.verdict === 'inconclusive' && t.reason).toBe('timeout');
    const b = randomExplore(m, { ...limits, seed: 2, runs: 3, depth: 5 });
    expect(b.verdict === 'inconclusive' && b.reason).toBe('max-states');
  });
});
