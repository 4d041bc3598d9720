/**
 * The progress judgement (every-wait-completes, src/engines/progress.ts) on toy models whose
 * answer is known: it is made on every state (one per orbit only when symmetry is asked for,
 * and never from a given start state), an edge back to the initial state counts, a state cap
 * of exactly the model's size still decides, the trace leads to the first stuck state BFS
 * meets (the shortest), and a model larger than the first block of per-state flags is judged
 * on all of them. Each answer is derived from the model, not copied from a run.
 */
import { describe, expect, it } from 'vitest';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import type { Machine } from '../src/core/machine.js';
import { runActions } from '../src/core/replay.js';
import { bfs } from '../src/engines/bfs.js';
import { checkProgress } from '../src/engines/progress.js';
import { naiveExplore } from './toys/naive-explorer.js';
import { countWorkers, field, toy, type ToyStepDef } from './toys/toy-spec.js';
import { toyScenario } from './toys/toy-scenario.js';

const limits = { maxStates: 1e6, timeoutMs: 6e4 };
const withProgress = { ...limits, progress: { maxEdges: 1e6 } };

/** Workers that each finish once; the controller waits for all of them (or, `never`, for ever). */
const waitForAll = (never = false) =>
  toy({
    globals: [field('done')],
    cpuFields: [field('fin')],
    controllers: 1,
    controller: [{ name: 'wait for all', enabled: (s, _c, t) => !never && countWorkers(s, t, 'fin') === t.workers.length, run: (s, _c, t) => void (s[t.g('done')] = 1) }],
    worker: [[{ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'fin')] = 1) }]],
    bad: () => false,
  });

/** Whether no path from the state a trace leads to lets every non-looping program finish (it is itself the first stuck state). */
const stuckAfter = (m: Machine, trace: readonly number[]): boolean => {
  const p = checkProgress(m, 1e6, runActions(m, trace).states.at(-1)!);
  return p.verdict === 'stuck' && p.trace.length === 0;
};

describe('progress on toy models', () => {
  it('is judged on every state, on one per orbit only when symmetry is asked for, and from a start state unreduced', () => {
    const spec = waitForAll()(4);
    const m = compileModel(spec);
    const naive = naiveExplore(spec);
    expect(checkProgress(m, 1e6)).toEqual({ verdict: 'progresses', states: naive.states });
    expect(checkProgress(m, 1e6, undefined, true)).toEqual({ verdict: 'progresses', states: naive.orbits });
    expect(checkProgress(m, 1e6, m.initial(), true)).toEqual({ verdict: 'progresses', states: naive.states });
  });

  it('starts from the initial state as the model gives it, or from its orbit\'s representative with symmetry', () => {
    // Two workers toggle a bit for ever; CPU0 starts at 1 and CPU1 at 0, which is not how the
    // representative of its orbit orders them, and the toggles come back to that orbit.
    const toggles = toy({
      globals: [],
      cpuFields: [field('v')],
      controllers: 0,
      worker: [[{ name: 'toggle', run: (s, c, t) => void (s[t.at(c, 'v')] = 1 - s[t.at(c, 'v')]!) }]],
      workerLoops: true,
      init: (s, t) => void (s[t.at(0, 'v')] = 1),
      bad: () => false,
    })(2);
    const m = compileModel(toggles);
    const naive = naiveExplore(toggles);
    expect(checkProgress(m, 1e6)).toEqual({ verdict: 'progresses', states: naive.states });
    expect(checkProgress(m, 1e6, undefined, true)).toEqual({ verdict: 'progresses', states: naive.orbits });
  });

  it('decides with a state cap of exactly the model size, and is inconclusive one below it', () => {
    const m = compileModel(waitForAll()(3));
    const n = naiveExplore(waitForAll()(3)).states;
    expect(checkProgress(m, n)).toEqual({ verdict: 'progresses', states: n });
    expect(checkProgress(m, n - 1).verdict).toBe('inconclusive');
  });

  it('follows an edge back to the initial state: a waiter can finish once a looping toggle comes back to it', () => {
    // CPU1 may finish only while x is 0; CPU0 flips x for ever. From x = 1 the only way to
    // finish is the flip back to the initial state.
    const flip = toy({
      globals: [field('x')],
      cpuFields: [],
      controllers: 1,
      controller: [{ name: 'flip', run: (s, _c, t) => void (s[t.g('x')] = 1 - s[t.g('x')]!) }],
      controllerLoops: true,
      worker: [[{ name: 'finish while x is 0', enabled: (s, _c, t) => s[t.g('x')] === 0, run: () => {} }]],
      bad: () => false,
    });
    const m = compileModel(flip(2));
    expect(checkProgress(m, 1e6).verdict).toBe('progresses');
    expect(bfs(m, { ...withProgress, symmetry: false })).toMatchObject({ verdict: 'holds', progress: { verdict: 'progresses' } });
  });

  it('leads its trace to the first stuck state BFS meets: one step, the choice of the wait that never ends', () => {
    // CPU1 chooses a program that finishes or one that waits for ever; CPU0 toggles for ever.
    const hang: ToyStepDef = { name: 'wait for ever', enabled: () => false, run: () => {} };
    const spec = toy({
      globals: [],
      cpuFields: [field('v')],
      controllers: 1,
      controller: [{ name: 'toggle', run: (s, c, t) => void (s[t.at(c, 'v')] = 1 - s[t.at(c, 'v')]!) }],
      controllerLoops: true,
      worker: [[{ name: 'finish', run: () => {} }], [hang, { name: 'after', run: () => {} }]],
      bad: () => false,
    })(2);
    const m = compileModel(spec);
    const fused = bfs(m, { ...withProgress, symmetry: false });
    for (const p of [checkProgress(m, 1e6), fused.verdict === 'holds' ? fused.progress : undefined]) {
      expect(p?.verdict).toBe('stuck');
      if (p?.verdict !== 'stuck') throw new Error('unreachable: asserted above');
      expect(p.trace).toHaveLength(1);
      expect(stuckAfter(m, p.trace)).toBe(true);
      expect(stuckAfter(m, [])).toBe(false);
    }
  });

  it('without symmetry, leads its trace from the initial state the model gives, not from its orbit\'s representative', () => {
    // CPU0 starts with v = 1 and CPU1 with v = 0; a worker that chooses to wait for its v to be
    // 1 finishes on CPU0 and waits for ever on CPU1.
    const spec = toy({
      globals: [],
      cpuFields: [field('v')],
      controllers: 0,
      worker: [[{ name: 'finish', run: () => {} }], [{ name: 'wait for v', enabled: (s, c, t) => s[t.at(c, 'v')] === 1, run: () => {} }]],
      init: (s, t) => void (s[t.at(0, 'v')] = 1),
      bad: () => false,
    })(2);
    const m = compileModel(spec);
    const p = checkProgress(m, 1e6);
    expect(p.verdict).toBe('stuck');
    if (p.verdict !== 'stuck') throw new Error('unreachable: asserted above');
    expect(p.trace).toHaveLength(1);
    expect(stuckAfter(m, p.trace)).toBe(true);
  });

  it('judges a model larger than the first block of per-state flags: 4,097 states, the one where both finish last', () => {
    // CPU0 takes 16 steps and CPU1 240: 17 x 241 = 4,097 states; both finished only in the
    // deepest state, the last in BFS order (index 4,096).
    const steps = (n: number): ToyStepDef[] => Array.from({ length: n }, (_, i) => ({ name: `step ${i}`, run: () => {} }));
    const chain = toy({ globals: [], cpuFields: [], controllers: 1, controller: steps(16), worker: [steps(240)], bad: () => false, symmetric: false })(2);
    const m = compileModel(chain);
    expect(naiveExplore(chain).states).toBe(4097);
    expect(checkProgress(m, 1e6)).toEqual({ verdict: 'progresses', states: 4097 });
    expect(bfs(m, { ...withProgress, symmetry: false })).toMatchObject({ verdict: 'holds', states: 4097, progress: { verdict: 'progresses' } });
  });

  it('is reported by check as the property every-wait-completes', () => {
    const r = runCheck(toyScenario({ never: waitForAll(true) }), 'never', 'x86-native', { ...defaultCheckOptions, cpus: 3 });
    expect(r).toMatchObject({ verdict: 'violated', property: 'every-wait-completes' });
  });
});
