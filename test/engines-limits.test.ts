/**
 * What the exhaustive engines answer when they cannot finish, and what they answer about
 * progress and traces on small toys: over the state cap or the time budget the answer is
 * `inconclusive` with its reason, never `holds`; DFS finds the same violations and state
 * counts as BFS, with traces that replay on the unreduced machine; a wait that can never
 * complete is found with and without symmetry.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { runActions } from '../src/core/replay.js';
import { bfs } from '../src/engines/bfs.js';
import { dfs } from '../src/engines/dfs.js';
import { checkProgress } from '../src/engines/progress.js';
import { naiveExplore } from './toys/naive-explorer.js';
import { countWorkers, field, toy } from './toys/toy-spec.js';

/** Workers that count (passed over once at `n` - 1) and finish; `done` once every worker finished. */
const counters = (n: number, opts: { bad?: boolean; stuck?: boolean } = {}) =>
  toy({
    globals: [field('done')],
    cpuFields: [field('n', n), field('fin')],
    controllers: 1,
    controller: [{ name: 'wait for all', enabled: (s, _c, t) => countWorkers(s, t, 'fin') === t.workers.length && opts.stuck !== true, run: (s, _c, t) => void (s[t.g('done')] = 1) }],
    worker: [
      [
        { name: 'count', run: (s, c, t) => void (s[t.at(c, 'n')] = Math.min(n - 1, s[t.at(c, 'n')]! + 1)), onlyIf: (s, c, t) => s[t.at(c, 'n')]! < n - 1 },
        { name: 'finish', run: (s, c, t) => void (s[t.at(c, 'fin')] = 1) },
      ],
    ],
    workerLoops: false,
    bad: (s, t) => opts.bad === true && countWorkers(s, t, 'fin') === t.workers.length && s[t.g('done')] === 0,
  });

/** A counter that loops forever: 200 values per worker, so two workers pass 16,384 states. */
const spinners = toy({
  globals: [],
  cpuFields: [field('v', 200)],
  controllers: 0,
  worker: [[{ name: 'tick', run: (s, c, t) => void (s[t.at(c, 'v')] = (s[t.at(c, 'v')]! + 1) % 200) }]],
  workerLoops: true,
  bad: () => false,
});

describe('exhaustive engines at their limits', () => {
  for (const [name, engine] of [
    ['BFS', bfs],
    ['DFS', dfs],
  ] as const) {
    it(`${name}: over the state cap or the time budget is inconclusive, never holds`, () => {
      const m = compileModel(spinners(2));
      expect(engine(m, { symmetry: false, maxStates: 1_000_000, timeoutMs: 60_000 })).toMatchObject({ verdict: 'holds', states: 40_000 });
      expect(engine(m, { symmetry: false, maxStates: 20_000, timeoutMs: 60_000 })).toMatchObject({ verdict: 'inconclusive', reason: 'max-states' });
      expect(engine(m, { symmetry: false, maxStates: 1_000_000, timeoutMs: 0 })).toMatchObject({ verdict: 'inconclusive', reason: 'timeout' });
    });
  }

  it('DFS: the state counts BFS and the naive explorer find, and violations whose traces replay', () => {
    for (const symmetry of [false, true]) {
      const spec = counters(3)(4);
      const naive = naiveExplore(spec);
      const d = dfs(compileModel(spec), { symmetry, maxStates: 1e6, timeoutMs: 6e4 });
      expect(d).toMatchObject({ verdict: 'holds', states: symmetry ? naive.orbits : naive.states, transitions: bfs(compileModel(spec), { symmetry, maxStates: 1e6, timeoutMs: 6e4 }).transitions });
      const bad = compileModel(counters(3, { bad: true })(4));
      const v = dfs(bad, { symmetry, maxStates: 1e6, timeoutMs: 6e4 });
      expect(v.verdict).toBe('violated');
      if (v.verdict !== 'violated') throw new Error('unreachable: asserted above');
      expect(runActions(bad, v.trace)).toMatchObject({ outcome: 'violated', property: 'toy-safe', at: v.trace.length - 1 });
      expect(v.depth).toBeGreaterThanOrEqual(naiveExplore(counters(3, { bad: true })(4)).violatedAt!);
    }
  });

  it('progress: a wait that can never complete is stuck, with a trace that replays there, with and without symmetry', () => {
    for (const symmetry of [false, true]) {
      const ok = compileModel(counters(2)(3));
      expect(checkProgress(ok, 100_000, undefined, symmetry).verdict).toBe('progresses');
      const fused = bfs(ok, { symmetry, maxStates: 1e6, timeoutMs: 6e4, progress: { maxEdges: 1e6 } });
      expect(fused).toMatchObject({ verdict: 'holds', progress: { verdict: 'progresses' } });
      const stuck = compileModel(counters(2, { stuck: true })(3));
      const p = checkProgress(stuck, 100_000, undefined, symmetry);
      expect(p.verdict).toBe('stuck');
      if (p.verdict !== 'stuck') throw new Error('unreachable: asserted above');
      // Every state is stuck (the controller never finishes): the first is the initial state.
      expect(p.stuckStates).toBe(p.states);
      expect(p.trace).toEqual([]);
      expect(bfs(stuck, { symmetry, maxStates: 1e6, timeoutMs: 6e4, progress: { maxEdges: 1e6 } })).toMatchObject({ verdict: 'holds', progress: { verdict: 'stuck', stuckStates: p.stuckStates } });
      expect(checkProgress(stuck, 3, undefined, symmetry).verdict).toBe('inconclusive');
    }
  });
});
