/**
 * Engines on a tiny machine with a known answer: two CPUs each do a non-atomic increment
 * (load into a register, store register+1) of a shared counter. The lost update (counter 1
 * after both finished) is the violation. State counts are derived (by counting, and by the
 * naive explorer in toys/naive-explorer.ts), never copied from a run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { defineLayout } from '../src/core/layout.js';
import { programFields, type ModelSpec } from '../src/core/model.js';
import { runActions } from '../src/core/replay.js';
import { bfs } from '../src/engines/bfs.js';
import { randomExplore, runChoices, runsArbitrary } from '../src/engines/random.js';
import { naiveExplore } from './toys/naive-explorer.js';

function counterModel(cpus: number, atomic: boolean): ModelSpec {
  const L = defineLayout([{ name: 'counter' }], [...programFields, { name: 'reg' }, { name: 'done' }], cpus);
  const steps = atomic
    ? [{ name: 'atomic_inc', source: 'test', run: (s: Uint8Array, c: number) => { s[L.g.counter]! += 1; s[L.base(c) + L.c.done] = 1; } }]
    : [
        { name: 'load', source: 'test', run: (s: Uint8Array, c: number) => { s[L.base(c) + L.c.reg] = s[L.g.counter]!; } },
        { name: 'store', source: 'test', run: (s: Uint8Array, c: number) => { s[L.g.counter] = s[L.base(c) + L.c.reg]! + 1; s[L.base(c) + L.c.done] = 1; } },
      ];
  const allDone = (s: Uint8Array) => Array.from({ length: cpus }, (_, c) => s[L.base(c) + L.c.done] === 1).every(Boolean);
  return {
    name: 'counter',
    layout: L,
    roles: [{ name: 'incrementer', programs: [{ name: 'inc', source: 'test', loop: false, steps }], events: [], symmetric: true }],
    cpuRoles: Array.from({ length: cpus }, () => 0),
    init: () => {},
    properties: [
      { name: 'no-lost-update', kind: 'always', doc: 'counter == cpus when all are done', check: (s) => !allDone(s) || s[L.g.counter] === cpus },
      { name: 'both-loaded', kind: 'sometimes', doc: 'every CPU holds a loaded value', check: (s) => allDone(s) },
    ],
  };
}

const limits = { maxStates: 1_000_000, timeoutMs: 60_000 };

describe('BFS', () => {
  it('can prove the atomic counter, with the state count the naive explorer derives', () => {
    const r = bfs(compileModel(counterModel(3, true)), { ...limits, symmetry: false });
    expect(r.verdict).toBe('holds');
    expect(r.states).toBe(8); // 2^3 subsets of finished CPUs
    expect(r.depth).toBe(3);
    expect(naiveExplore(counterModel(3, true))).toMatchObject({ states: 8, transitions: r.transitions, depth: 3 });
  });

  it('can find the lost update with the shortest trace', () => {
    const m = compileModel(counterModel(2, false));
    const r = bfs(m, { ...limits, symmetry: false });
    expect(r.verdict).toBe('violated');
    if (r.verdict !== 'violated') return;
    expect(r.trace.length).toBe(4); // load, load, store, store
    expect(runActions(m, r.trace).outcome).toBe('violated');
  });

  it('symmetry reduction keeps the verdict, shrinks the space, and maps traces back to concrete CPUs', () => {
    const m = compileModel(counterModel(3, false));
    const full = bfs(m, { ...limits, symmetry: false });
    const sym = bfs(m, { ...limits, symmetry: true });
    expect(full.verdict).toBe('violated');
    expect(sym.verdict).toBe('violated');
    expect(sym.states).toBeLessThan(full.states);
    const atomic = compileModel(counterModel(3, true));
    expect(bfs(atomic, { ...limits, symmetry: true }).states).toBe(4); // 0..3 CPUs finished
    expect(naiveExplore(counterModel(3, true)).orbits).toBe(4);
    if (sym.verdict !== 'violated' || full.verdict !== 'violated') throw new Error('unreachable: asserted above');
    expect(sym.trace.length).toBe(full.trace.length);
    expect(runActions(m, sym.trace).outcome).toBe('violated');
  });
});

describe('random engine', () => {
  it('finds the lost update, shrinks it to the BFS length, and is deterministic per seed', () => {
    const m = compileModel(counterModel(2, false));
    const a = randomExplore(m, { ...limits, seed: 7, runs: 1000, depth: 20 });
    const b = randomExplore(m, { ...limits, seed: 7, runs: 1000, depth: 20 });
    expect(a.verdict).toBe('violated');
    expect(b.verdict).toBe('violated');
    if (a.verdict !== 'violated' || b.verdict !== 'violated') throw new Error('unreachable: asserted above');
    expect(a.trace).toEqual(b.trace);
    expect(a.trace.length).toBe(4);
  });

  it('replays the failing run from its seed and path', () => {
    const m = compileModel(counterModel(2, false));
    const r = randomExplore(m, { ...limits, seed: 3, runs: 1000, depth: 20, noMinimize: true });
    expect(r.verdict).toBe('violated');
    if (r.verdict !== 'violated') return;
    expect(r.found.path).toBeDefined();
    const again = fc.check(fc.property(runsArbitrary(20), (run) => runChoices(m, run).property === undefined), { seed: 3, path: r.found.path, endOnFailure: true });
    expect(again.failed).toBe(true);
    expect(again.counterexample).not.toBeNull();
    if (again.counterexample === null) throw new Error('unreachable: asserted above');
    expect(runChoices(m, again.counterexample[0]).trace).toEqual(r.trace);
  });

  it('cannot prove anything: no violation means inconclusive, not holds', () => {
    const r = randomExplore(compileModel(counterModel(2, true)), { ...limits, seed: 1, runs: 50, depth: 10 });
    expect(r.verdict).toBe('inconclusive');
  });
});

describe('progress check', () => {
  const waiter = (released: boolean): ModelSpec => {
    const L = defineLayout([{ name: 'flag' }], [...programFields, { name: 'n' }], 2);
    return {
      name: 'waiter',
      layout: L,
      roles: [
        {
          name: 'waiter',
          programs: [{ name: 'wait', source: 'test', loop: false, steps: [{ name: 'wait_for_flag', source: 'test', enabled: (s) => s[L.g.flag] === 1, run: () => {} }] }],
          events: [],
          symmetric: false,
        },
        {
          name: 'spinner',
          programs: [
            {
              name: 'spin',
              source: 'test',
              loop: true,
              steps: [{ name: released ? 'set_flag' : 'spin', source: 'test', run: (s, c) => { if (released) s[L.g.flag] = 1; s[L.base(c) + L.c.n] = 1 - (s[L.base(c) + L.c.n] ?? 0); } }],
            },
          ],
          events: [],
          symmetric: false,
        },
      ],
      cpuRoles: [0, 1],
      init: () => {},
      properties: [],
    };
  };

  it('can tell a wait that always completes from one that never can, while another CPU keeps looping', async () => {
    const { checkProgress } = await import('../src/engines/progress.js');
    expect(checkProgress(compileModel(waiter(true)), 1000).verdict).toBe('progresses');
    const stuck = checkProgress(compileModel(waiter(false)), 1000);
    expect(stuck.verdict).toBe('stuck');
    if (stuck.verdict === 'stuck') expect(stuck.trace).toEqual([]);
  });

  // The same on scenarios (mmu-gather, preempt-wait, eqs-kick): test/progress-scenarios.test.ts.
  it('BFS judges progress on the graph it explored exactly as the separate progress check does', async () => {
    const { checkProgress } = await import('../src/engines/progress.js');
    const { bfs } = await import('../src/engines/bfs.js');
    const opts = { symmetry: false, maxStates: 100_000, timeoutMs: 60_000, progress: { maxEdges: 1_000_000 } };
    for (const released of [true, false]) {
      const m = compileModel(waiter(released));
      const fused = bfs(m, opts);
      expect(fused.verdict).toBe('holds');
      if (fused.verdict === 'holds') expect(fused.progress).toEqual(checkProgress(m, 100_000));
    }
    // Over the edge cap the judgement is not made, never guessed.
    const capped = bfs(compileModel(waiter(true)), { ...opts, progress: { maxEdges: 1 } });
    expect(capped.verdict).toBe('holds');
    if (capped.verdict === 'holds') expect(capped.progress?.verdict).toBe('inconclusive');
  });
});
