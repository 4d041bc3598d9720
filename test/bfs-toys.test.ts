/**
 * What BFS reports besides its verdict, on toy models whose answers are derived: how it
 * searched (the line `check` prints), which race windows it reached (also when it stops at a
 * violation or a bound), its time and memory per state, and its live progress. The clock is
 * replaced by one that moves a fixed step per reading, so times are exact, not measured.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import type { ModelSpec } from '../src/core/model.js';
import { runActions } from '../src/core/replay.js';
import { bfs } from '../src/engines/bfs.js';
import { partialOrderFor } from '../src/engines/partial-order.js';
import type { Progress } from '../src/engines/result.js';
import { naiveExplore } from './toys/naive-explorer.js';
import { countWorkers, field, toy, type ToyDef } from './toys/toy-spec.js';

const limits = { maxStates: 1e6, timeoutMs: 6e4 };

/** Workers that each finish once; `window`: some worker has finished. */
const finishers = toy({
  globals: [field('hazard')],
  cpuFields: [field('fin')],
  controllers: 0,
  worker: [[{ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'fin')] = 1) }]],
  bad: (s, t) => s[t.g('hazard')] === 1,
  window: (s, t) => countWorkers(s, t, 'fin') > 0,
});

/** Two workers that each count 0..199 for ever (40,000 states), and a window on the first tick. */
const spinners = toy({
  globals: [],
  cpuFields: [field('v', 200)],
  controllers: 0,
  worker: [[{ name: 'tick', run: (s, c, t) => void (s[t.at(c, 'v')] = (s[t.at(c, 'v')]! + 1) % 200) }]],
  workerLoops: true,
  bad: () => false,
  window: (s, t) => countWorkers(s, t, 'v') > 0,
});

/** A clock that moves `step` ms each time it is read. */
/** Three symmetric workers that each finish once, CPU0 finished from the start; `bad` is the property's negation. */
function cpu0StartsFinished(bad: ToyDef['bad']): ModelSpec {
  return toy({
    globals: [field('hazard')],
    cpuFields: [field('fin')],
    controllers: 0,
    worker: [[{ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'fin')] = 1) }]],
    init: (s, t) => void (s[t.at(0, 'fin')] = 1),
    bad,
  })(3);
}

function steppingClock(step: number): void {
  let t = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (t += step));
}
afterEach(() => vi.restoreAllMocks());

/** The visited set's bytes for `n` states of `size` bytes at its default capacity (test/state-store.test.ts states the rule). */
function storeBytes(size: number, n: number): number {
  let slots = 1;
  while (slots < 2 * 4096) slots *= 2;
  while (2 * n > slots) slots *= 2;
  return n * 4 * Math.ceil(size / 4) + slots * 8;
}

describe('BFS reports', () => {
  it('says how it searched: BFS, with symmetry reduction only where the machine allows it, with partial-order reduction', () => {
    const build = finishers;
    const spec = build(3);
    const m = compileModel(spec);
    const por = () => partialOrderFor(build, spec, m, 3).sets;
    expect(bfs(m, { ...limits, symmetry: false }).found).toEqual({ engine: 'exhaustive', detail: 'BFS' });
    expect(bfs(m, { ...limits, symmetry: true }).found).toEqual({ engine: 'exhaustive', detail: 'BFS, symmetry reduction' });
    expect(bfs(m, { ...limits, symmetry: false, partialOrder: por() }).found).toEqual({ engine: 'exhaustive', detail: 'BFS, partial-order reduction' });
    expect(bfs(m, { ...limits, symmetry: true, partialOrder: por() }).found).toEqual({ engine: 'exhaustive', detail: 'BFS, symmetry reduction, partial-order reduction' });
    const asymmetric = compileModel(toy({ globals: [], cpuFields: [], controllers: 0, worker: [[{ name: 'finish', run: () => {} }]], bad: () => false, symmetric: false })(3));
    expect(bfs(asymmetric, { ...limits, symmetry: true }).found.detail).toBe('BFS');
  });

  it('keeps the initial state as the model gives it unless symmetry reduction is on', () => {
    // Worker CPU1 starts finished and CPU2 does not: not the representative of its orbit.
    const spec = cpu0StartsFinished((s, t) => s[t.g('hazard')] === 1);
    const naive = naiveExplore(spec);
    expect(bfs(compileModel(spec), { ...limits, symmetry: false }).states).toBe(naive.states);
    expect(bfs(compileModel(spec), { ...limits, symmetry: true }).states).toBe(naive.orbits);
  });

  it('without symmetry reduction, starts from the initial state as the model gives it: a violation about one CPU replays', () => {
    // CPU0 starts finished; the violation is CPU2 finished before CPU1, one step from the start.
    // The representative of the initial state's orbit would have CPU2 finished already.
    const spec = cpu0StartsFinished((s, t) => s[t.at(2, 'fin')] === 1 && s[t.at(1, 'fin')] === 0);
    const m = compileModel(spec);
    const r = bfs(m, { ...limits, symmetry: false });
    if (r.verdict !== 'violated') throw new Error(`expected a violation, got ${r.verdict}`);
    expect(r.trace).toHaveLength(1);
    expect(runActions(m, r.trace)).toMatchObject({ outcome: 'violated', property: 'toy-safe' });
  });

  it('gives a counterexample that replays through states numbered past 4,096 (the search tree grows)', () => {
    // 13 workers that each finish once: 8,192 states; the violation is every worker finished,
    // the last state found, at depth 13.
    const all = toy({
      globals: [field('hazard')],
      cpuFields: [field('fin')],
      controllers: 0,
      worker: [[{ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'fin')] = 1) }]],
      bad: (s, t) => countWorkers(s, t, 'fin') === t.workers.length,
    })(13);
    const m = compileModel(all);
    const r = bfs(m, { ...limits, symmetry: false });
    if (r.verdict !== 'violated') throw new Error(`expected a violation, got ${r.verdict}`);
    expect(r.states).toBe(8_192);
    expect(r.trace).toHaveLength(13);
    expect(runActions(m, r.trace)).toMatchObject({ outcome: 'violated', property: 'toy-safe' });
  });

  it('stops at the first check that finds the state cap reached: inconclusive (max-states) with the states held then', () => {
    // 15 workers that each finish once: 2^15 states. The first check, after 16,384 states are
    // expanded (those with at most 7 finished: C(15,0) + ... + C(15,7)), holds those and the
    // 6,435 with 8 finished: 22,819.
    const fifteen = compileModel(finishers(15));
    expect(bfs(fifteen, { ...limits, symmetry: false })).toMatchObject({ verdict: 'holds', states: 32_768 });
    expect(bfs(fifteen, { ...limits, maxStates: 22_819, symmetry: false })).toMatchObject({ verdict: 'inconclusive', reason: 'max-states', states: 22_819 });
  });

  it('names exactly the race windows reached, in a holds, at a violation and at a bound', () => {
    const holds = bfs(compileModel(finishers(2)), { ...limits, symmetry: false });
    expect(holds).toMatchObject({ verdict: 'holds' });
    expect(holds.reached).toEqual({ 'toy-window': true });
    const late = toy({
      globals: [field('hazard')],
      cpuFields: [field('fin')],
      controllers: 0,
      worker: [[{ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'fin')] = 1) }, { name: 'strike', run: (s, _c, t) => void (s[t.g('hazard')] = 1) }]],
      bad: (s, t) => s[t.g('hazard')] === 1,
      window: (s, t) => countWorkers(s, t, 'fin') > 0,
    });
    const violated = bfs(compileModel(late(2)), { ...limits, symmetry: false });
    expect(violated).toMatchObject({ verdict: 'violated' });
    expect(violated.reached).toEqual({ 'toy-window': true });
    const bound = bfs(compileModel(spinners(2)), { ...limits, maxStates: 100, symmetry: false });
    expect(bound).toMatchObject({ verdict: 'inconclusive', reason: 'max-states' });
    expect(bound.reached).toEqual({ 'toy-window': true });
  });

  it('does not judge progress under partial-order reduction', () => {
    const spec = finishers(3);
    const m = compileModel(spec);
    const r = bfs(m, { ...limits, symmetry: false, progress: { maxEdges: 1e6 }, partialOrder: partialOrderFor(finishers, spec, m, 3).sets });
    expect(r.verdict).toBe('holds');
    expect(r).not.toHaveProperty('progress');
  });

  it('reports the seconds its clock ran and the bytes each state cost (the visited set, its tree entry, its edges)', () => {
    const spec = finishers(3);
    const n = naiveExplore(spec);
    steppingClock(300);
    const r = bfs(compileModel(spec), { ...limits, symmetry: false });
    expect(r).toMatchObject({ verdict: 'holds', states: n.states, seconds: 0.3 });
    expect(r.bytesPerState).toBe((storeBytes(spec.layout.size, n.states) + 8 * n.states) / n.states);
    const p = bfs(compileModel(spec), { ...limits, symmetry: false, progress: { maxEdges: 1e6 } });
    expect(p.bytesPerState).toBe((storeBytes(spec.layout.size, n.states) + 8 * n.states + 8 * n.transitions) / n.states);
  });

  it('reports progress every 16,384 states expanded, when more than 250 ms of its clock passed since the last report', () => {
    const m = compileModel(spinners(2));
    const seen: Progress[] = [];
    // 300 ms a reading: both checks report (states expanded: 16,384 and 32,768; two ticks each).
    steppingClock(300);
    expect(bfs(m, { ...limits, symmetry: false, onProgress: (p) => seen.push(p) })).toMatchObject({ verdict: 'holds', states: 40_000 });
    expect(seen.map((p) => [p.transitions, p.states - p.queue, p.seconds])).toEqual([
      [32_768, 16_384, 0.3],
      [65_536, 32_768, 0.6],
    ]);
    // 250 ms a reading: the first check is not more than 250 ms after the start; the second is.
    vi.restoreAllMocks();
    seen.length = 0;
    steppingClock(250);
    bfs(m, { ...limits, symmetry: false, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.transitions)).toEqual([65_536]);
  });

  it('stops on the time budget only once more than the budget has passed', () => {
    steppingClock(300);
    expect(bfs(compileModel(spinners(2)), { ...limits, timeoutMs: 300, symmetry: false })).toMatchObject({ verdict: 'inconclusive', reason: 'timeout', transitions: 65_536 });
  });
});
