/**
 * The compiled machine (src/core/compile.ts) against the naive explorer (toys/naive-explorer.ts),
 * which reads the same ModelSpec by its documented semantics: on toy models that use each
 * feature (steps passed over by onlyIf, looping programs, events, a runnable guard, events
 * that ignore it, a choice of programs, symmetric roles), BFS without reduction must count the
 * same states, transitions and depth, BFS with symmetry the same orbits, and a violation must
 * be found at the same shortest depth.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { defineLayout } from '../src/core/layout.js';
import { programFields, type ModelSpec, type Role, type Step } from '../src/core/model.js';
import { bfs } from '../src/engines/bfs.js';
import { naiveExplore } from './toys/naive-explorer.js';

const limits = { maxStates: 1_000_000, timeoutMs: 60_000 };

/** BFS with and without symmetry against the naive explorer. */
function agreesWithNaive(spec: ModelSpec): void {
  const naive = naiveExplore(spec);
  const full = bfs(compileModel(spec), { ...limits, symmetry: false });
  const sym = bfs(compileModel(spec), { ...limits, symmetry: true });
  if (naive.violatedAt === undefined) {
    expect(full).toMatchObject({ verdict: 'holds', states: naive.states, transitions: naive.transitions, depth: naive.depth });
    expect(sym).toMatchObject({ verdict: 'holds', states: naive.orbits });
  } else {
    expect(full).toMatchObject({ verdict: 'violated', depth: naive.violatedAt });
    expect(sym).toMatchObject({ verdict: 'violated', depth: naive.violatedAt });
  }
}

const F = (name: string, n = 2) => ({ name, values: Array.from({ length: n }, (_, v) => String(v)) });

/**
 * CPU0 (`host`) toggles every CPU's `run` flag (an event); workers' programs: `a` counts to
 * two in a loop whose odd steps are passed over while `skip` is set, `b` sets `skip` then
 * finishes; an IRQ event bumps `irq` (ignoring `runnable`, or not).
 */
function featureToy(cpus: number, opts: { ignoresRunnable: boolean; symmetric: boolean; bad?: (s: Uint8Array) => boolean }): ModelSpec {
  const L = defineLayout([F('skip'), F('hazard')], [...programFields, F('n', 3), F('run'), F('irq', 3)], cpus);
  const at = (c: number, f: number) => L.base(c) + f;
  const inc = (name: string): Step => ({ name, source: 'test', run: (s, c) => void (s[at(c, L.c.n)] = (s[at(c, L.c.n)]! + 1) % 3) });
  const workers: Role = {
    name: 'worker',
    symmetric: opts.symmetric,
    runnable: (s, c) => s[at(c, L.c.run)] === 1,
    events: [{ name: 'irq', source: 'test', ignoresRunnable: opts.ignoresRunnable, enabled: (s, c) => s[at(c, L.c.irq)]! < 2, run: (s, c) => void s[at(c, L.c.irq)]!++ }],
    programs: [
      { name: 'a', source: 'test', loop: true, steps: [inc('one'), { ...inc('two'), onlyIf: (s) => s[L.g.skip] === 0 }, { ...inc('three'), onlyIf: (s) => s[L.g.skip] === 0 }] },
      { name: 'b', source: 'test', loop: false, steps: [{ name: 'set skip', source: 'test', run: (s) => void (s[L.g.skip] = 1) }, inc('after')] },
    ],
  };
  const host: Role = {
    name: 'host',
    symmetric: false,
    events: Array.from({ length: cpus - 1 }, (_, k) => ({ name: `toggle CPU${k + 1}`, source: 'test', run: (s: Uint8Array) => void (s[at(k + 1, L.c.run)] = 1 - s[at(k + 1, L.c.run)]!) })),
    programs: [{ name: 'idle', source: 'test', loop: false, steps: [{ name: 'wait for a worker to count', source: 'test', enabled: (s) => Array.from({ length: cpus - 1 }, (_, k) => s[at(k + 1, L.c.n)]!).some((n) => n === 2), run: () => {} }] }],
  };
  return {
    name: 'features',
    layout: L,
    roles: [host, workers],
    cpuRoles: Array.from({ length: cpus }, (_, c) => (c === 0 ? 0 : 1)),
    init: (s) => void (s[at(1, L.c.run)] = 1),
    properties: [{ name: 'toy-safe', kind: 'always', doc: 'toy', check: (s) => !(opts.bad?.(s) ?? false) }],
  };
}

describe('the compiled machine against the naive explorer', () => {
  for (const ignoresRunnable of [false, true]) {
    for (const symmetric of [false, true]) {
      it(`onlyIf, loops, program choice, a runnable guard and events (ignoresRunnable ${ignoresRunnable}, symmetric ${symmetric})`, () => {
        for (const cpus of [2, 3]) agreesWithNaive(featureToy(cpus, { ignoresRunnable, symmetric }));
      });
    }
  }

  it('finds a violation at the depth the naive explorer does', () => {
    // Two IRQs on CPU1 while CPU2 has counted to two (block of CPU c at 2 + 5c: prog, pc, n, run, irq).
    const bad = (s: Uint8Array) => s[2 + 5 + 4] === 2 && s[2 + 10 + 2] === 2;
    expect(naiveExplore(featureToy(3, { ignoresRunnable: true, symmetric: false, bad })).violatedAt).toBeGreaterThan(2);
    agreesWithNaive(featureToy(3, { ignoresRunnable: true, symmetric: false, bad }));
  });

  it('passes over steps whose onlyIf is false on arrival, and wraps a looping program', () => {
    const m = compileModel(featureToy(2, { ignoresRunnable: false, symmetric: false }));
    const step = (s: Uint8Array, name: string): Uint8Array => {
      const acts = new Int32Array(m.maxActions);
      const n = m.enabled(s, acts);
      const a = Array.from(acts.subarray(0, n)).find((x) => m.info(s, x).name === name);
      expect(a, name).toBeDefined();
      const out = new Uint8Array(m.stateSize);
      m.apply(s, a!, out);
      return out;
    };
    const s0 = m.initial();
    expect(m.decode(s0).cpus[1]).toMatchObject({ prog: '0', pc: '0' });
    const a1 = step(s0, 'a');
    expect(m.decode(a1).cpus[1]).toMatchObject({ prog: '1', pc: '0' });
    const afterOne = step(a1, 'one');
    expect(m.decode(afterOne).cpus[1]).toMatchObject({ pc: '1', n: '1' });
    const skipping = Uint8Array.from(a1);
    skipping[0] = 1;
    // With skip set, 'two' and 'three' are passed over: after 'one' the loop is back at its start.
    expect(m.decode(step(skipping, 'one')).cpus[1]).toMatchObject({ pc: '0', n: '1' });
    expect(m.finished(s0)).toBe(false);
  });
});
