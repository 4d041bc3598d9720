/**
 * Partial-order reduction explores a stubborn subset of the enabled steps; it may leave out an
 * order of two steps only if they are independent. Toy models where one dependency decides
 * the verdict: with it ignored, the reduced search would try only the harmless order. Each
 * reduced verdict is checked against plain BFS without any reduction.
 */
import { describe, expect, it } from 'vitest';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import { defineLayout } from '../src/core/layout.js';
import { programFields, type ModelSpec, type Step } from '../src/core/model.js';
import { bfs } from '../src/engines/bfs.js';
import { partialOrderFor, probeMaxima } from '../src/engines/partial-order.js';
import { footprintsOf } from '../src/core/footprint.js';
import { transitionTable } from '../src/core/transitions.js';
import fc from 'fast-check';
import { randomToy, toyOf } from './toys/random-toy.js';
import { field, plain, toy, type Toy, type ToyStepDef } from './toys/toy-spec.js';
import { toyScenario } from './toys/toy-scenario.js';

const reduced = (build: (cpus: number) => ModelSpec, cpus: number) => {
  const spec = build(cpus);
  const m = compileModel(spec);
  return bfs(m, { symmetry: false, maxStates: 100_000, timeoutMs: 10_000, partialOrder: partialOrderFor(build, spec, m, cpus).sets });
};

/** The reduced search finds the violation plain BFS finds, directly and through `check --por`. */
function agrees(build: (cpus: number) => ModelSpec, cpus: number, minCpus = 2): void {
  expect(plain(build(cpus)).verdict).toBe('violated');
  expect(reduced(build, cpus).verdict).toBe('violated');
  const r = runCheck(toyScenario({ m: build }, { minCpus }), 'm', 'x86-native', { ...defaultCheckOptions, cpus, por: true, symmetry: false });
  expect(r.verdict).toBe('violated');
}

const publish: ToyStepDef = { name: 'publish', run: (s, _c, t) => void (s[t.g('x')] = 1) };
const read: ToyStepDef = { name: 'read x', run: (s, c, t) => void (s[t.at(c, 'r')] = s[t.g('x')]! + 1) };
/** Saw x unpublished, and now sees it published: the reader used a stale value. */
const check: ToyStepDef = { name: 'check', run: (s, c, t) => void (s[t.at(c, 'r')] === 1 && s[t.g('x')] === 1 && (s[t.g('hazard')] = 1)) };

/** A writer and a reader; `writerFirst` puts the writer on the lower CPU (its transitions are numbered first). */
const race = (writerFirst: boolean) =>
  toy({
    globals: [field('x'), field('hazard')],
    cpuFields: [field('r', 3)],
    controllers: 1,
    symmetric: false,
    controller: writerFirst ? [publish] : [read, check],
    worker: [writerFirst ? [read, check] : [publish]],
    bad: (s: Uint8Array, t: Toy) => s[t.g('hazard')] === 1,
  });

/**
 * CPU0 and CPU1 each write x (1 and 2) and say so; CPU2 waits for both, then checks that the
 * last write was CPU1's. Only the two writes' order decides; nobody reads x until both ran.
 */
function lastWriter(cpus: number): ModelSpec {
  const L = defineLayout([{ name: 'x' }, { name: 'doneA' }, { name: 'doneB' }, { name: 'hazard' }], [...programFields], cpus);
  const one = (name: string, steps: Step[]) => ({ name, symmetric: false, events: [], programs: [{ name, source: 'test', loop: false, steps }] });
  return {
    name: 'last-writer',
    layout: L,
    roles: [
      one('A', [{ name: 'write 1', source: 'test', run: (s) => void ((s[L.g.x] = 1), (s[L.g.doneA] = 1)) }]),
      one('B', [{ name: 'write 2', source: 'test', run: (s) => void ((s[L.g.x] = 2), (s[L.g.doneB] = 1)) }]),
      one('checker', [
        { name: 'wait for both', source: 'test', enabled: (s) => s[L.g.doneA] === 1 && s[L.g.doneB] === 1, run: () => {} },
        { name: 'check x', source: 'test', run: (s) => void (s[L.g.x] === 1 && (s[L.g.hazard] = 1)) },
      ]),
    ],
    cpuRoles: [0, 1, 2],
    init: () => {},
    properties: [{ name: 'toy-safe', kind: 'always', doc: 'CPU1 wrote last', check: (s) => s[L.g.hazard] === 0 }],
  };
}

/**
 * CPU0 spins forever on its own counter; CPU1's one step is the violation. The two are
 * independent, so a reduced set may hold the spin alone; the spin leads back to a state
 * already expanded, and the proviso (a reduced set must reach a state not yet expanded) is
 * what makes the search take CPU1's step at all.
 */
const spinAndStrike = toy({
  globals: [field('hazard')],
  cpuFields: [field('spin')],
  controllers: 1,
  symmetric: false,
  controller: [{ name: 'spin', run: (s, c, t) => void (s[t.at(c, 'spin')] = 1 - s[t.at(c, 'spin')]!) }],
  controllerLoops: true,
  worker: [[{ name: 'strike', run: (s, _c, t) => void (s[t.g('hazard')] = 1) }]],
  bad: (s: Uint8Array, t: Toy) => s[t.g('hazard')] === 1,
});

/** Each CPU counts its own field up to k, one step at a time; nothing is shared. */
const counters = (k: number) =>
  toy({
    globals: [field('hazard')],
    cpuFields: [field('n', k + 1)],
    controllers: 0,
    symmetric: false,
    worker: [Array.from({ length: k }, (_, i): ToyStepDef => ({ name: `count to ${i + 1}`, run: (s, c, t) => void (s[t.at(c, 'n')] = i + 1) }))],
    bad: (s: Uint8Array, t: Toy) => s[t.g('hazard')] === 1,
  });

describe('partial-order reduction on toy models', () => {
  it('does not ignore a step forever while an independent CPU loops (the proviso)', () => {
    agrees(spinAndStrike, 2);
  });

  it('keeps two writes of the same byte in both orders', () => {
    agrees(lastWriter, 3, 3);
  });

  it('keeps a write before a read it races with (the writer numbered first)', () => {
    agrees(race(true), 2);
  });

  it('keeps a write before a read it races with (the reader numbered first)', () => {
    agrees(race(false), 2);
  });

  it('reduces: steps that touch nothing in common are explored in one order only (n CPUs, k steps each: n·k + 1 states, not (k + 1)^n)', () => {
    // 4 CPUs x 10 steps: 40 transitions, more than one 32-bit word of the stubborn sets' bitsets.
    for (const [cpus, k] of [[2, 3], [3, 2], [4, 2], [4, 10]] as const) {
      expect(plain(counters(k)(cpus))).toMatchObject({ verdict: 'holds', states: (k + 1) ** cpus });
      expect(reduced(counters(k), cpus), `${cpus} CPUs, ${k} steps`).toMatchObject({ verdict: 'holds', states: cpus * k + 1, depth: cpus * k });
    }
  });

  it('reduces a choice of programs to the choices themselves: each CPU in turn chooses (both ways) and runs, 2^(n+2) - 3 states', () => {
    // Each CPU chooses program A (own field := 1) or B (own field := 2). A CPU's two choices
    // write its program byte, so a stubborn set holds both; its chosen step is a set of one.
    // The reduced search takes the CPUs in turn: after CPU c's choice and after its step,
    // 2^c states each; 1 + 2 (2 + 4 + ... + 2^n) = 2^(n+2) - 3. Plain BFS: 5 states per CPU.
    const choosers = toy({
      globals: [field('hazard')],
      cpuFields: [field('l', 3)],
      controllers: 0,
      symmetric: false,
      worker: [1, 2].map((v) => [{ name: `set ${v}`, run: (s: Uint8Array, c: number, t: Toy) => void (s[t.at(c, 'l')] = v) }]),
      bad: (s: Uint8Array, t: Toy) => s[t.g('hazard')] === 1,
    });
    for (const cpus of [2, 3]) {
      expect(plain(choosers(cpus))).toMatchObject({ verdict: 'holds', states: 5 ** cpus });
      expect(reduced(choosers, cpus), `${cpus} CPUs`).toMatchObject({ verdict: 'holds', states: 2 ** (cpus + 2) - 3 });
    }
  });

  it('reduces events that touch nothing in common with anything else to one order: 2n transitions in a row', () => {
    // Each CPU has one step (own a := 1) and one event (while own e is 0, e := 1): four bytes
    // no other transition touches, so every set is one transition and the search one path.
    const raisers = toy({
      globals: [field('hazard')],
      cpuFields: [field('a'), field('e')],
      controllers: 0,
      symmetric: false,
      worker: [[{ name: 'set a', run: (s, c, t) => void (s[t.at(c, 'a')] = 1) }]],
      workerEvents: [{ name: 'raise e', enabled: (s, c, t) => s[t.at(c, 'e')] === 0, run: (s, c, t) => void (s[t.at(c, 'e')] = 1) }],
      bad: (s: Uint8Array, t: Toy) => s[t.g('hazard')] === 1,
    });
    for (const cpus of [2, 3]) {
      expect(plain(raisers(cpus))).toMatchObject({ verdict: 'holds', states: 4 ** cpus });
      expect(reduced(raisers, cpus), `${cpus} CPUs`).toMatchObject({ verdict: 'holds', states: 2 * cpus + 1, depth: 2 * cpus });
    }
  });

  it('does not count a step that changes nothing as progress for the proviso (a self-loop)', () => {
    // CPU0 idles for ever without changing the state; CPU1's one step is the violation.
    const idle = toy({
      globals: [field('hazard')],
      cpuFields: [],
      controllers: 1,
      symmetric: false,
      controller: [{ name: 'idle', run: () => {} }],
      controllerLoops: true,
      worker: [[{ name: 'strike', run: (s, _c, t) => void (s[t.g('hazard')] = 1) }]],
      bad: (s: Uint8Array, t: Toy) => s[t.g('hazard')] === 1,
    });
    agrees(idle, 2);
  });

  it('bounds each byte by the largest value the probe model reaches, a per-CPU field by its largest on any CPU', () => {
    // The footprints (and the cutoff's and symmetry's checks) enumerate paths over these bounds.
    // CPU0 sets g to 2 and its v to 3, then lowers both (the largest values are not the last
    // ones); each worker chooses one of two programs (CPU0 has one) and sets its v to 1.
    const build = toy({
      globals: [field('g', 4), field('hazard')],
      cpuFields: [field('v', 4)],
      controllers: 1,
      controller: [
        { name: 'g := 2', run: (s, _c, t) => void (s[t.g('g')] = 2) },
        { name: 'v := 3', run: (s, c, t) => void (s[t.at(c, 'v')] = 3) },
        { name: 'g := 1', run: (s, _c, t) => void (s[t.g('g')] = 1) },
        { name: 'v := 0', run: (s, c, t) => void (s[t.at(c, 'v')] = 0) },
      ],
      worker: [1, 2].map(() => [{ name: 'v := 1', run: (s: Uint8Array, c: number, t: Toy) => void (s[t.at(c, 'v')] = 1) }]),
      bad: (s: Uint8Array, t: Toy) => s[t.g('hazard')] === 1,
    });
    const spec = build(3);
    const L = spec.layout;
    const max = probeMaxima(spec);
    expect([max(L.g['g']!), max(L.g['hazard']!)]).toEqual([2, 0]);
    for (let c = 0; c < 3; c++) {
      expect([max(L.base(c) + L.c['v']!), max(L.base(c) + L.c.pc), max(L.base(c) + L.c.prog)], `v, pc, prog of CPU${c}`).toEqual([3, 4, 2]);
    }
  });

  it('keeps both orders of two independent steps when a violation between them does not last (not sticky)', () => {
    // CPU0 sets a, CPU1 sets b; a = 0 and b = 1 is the violation, which CPU0's step then ends.
    // Only the order CPU1 first passes through it.
    const passing = toy({
      globals: [field('a'), field('b')],
      cpuFields: [],
      controllers: 1,
      symmetric: false,
      controller: [{ name: 'a := 1', run: (s, _c, t) => void (s[t.g('a')] = 1) }],
      worker: [[{ name: 'b := 1', run: (s, _c, t) => void (s[t.g('b')] = 1) }]],
      bad: (s: Uint8Array, t: Toy) => s[t.g('a')] === 0 && s[t.g('b')] === 1,
    });
    agrees(passing, 2);
  });

  it('sees each enabled action as its own transition: the CPU, and the step, event or program choice it is', () => {
    // The stubborn sets reason about static transitions; an action taken for another would
    // bring the wrong dependencies. Every reachable state of random toys with program choice,
    // loops and events.
    fc.assert(
      fc.property(randomToy, fc.integer({ min: 2, max: 3 }), (r, cpus) => {
        const build = toyOf(r, false);
        const spec = build(cpus);
        const m = compileModel(spec);
        const { sets } = partialOrderFor(build, spec, m, cpus);
        const T = transitionTable(spec, footprintsOf(spec, probeMaxima(spec)));
        const acts = new Int32Array(m.maxActions);
        const out = new Int32Array(m.maxActions);
        const seen = new Set<string>();
        const queue = [m.initial()];
        for (let s = queue.pop(); s !== undefined; s = queue.pop()) {
          const n = m.enabled(s, acts);
          sets.reduce(s, acts, n, out);
          for (let k = 0; k < n; k++) {
            const t = sets.transitionAt(k);
            const info = m.info(s, acts[k]!);
            const role = spec.roles[spec.cpuRoles[info.cpu]!]!;
            const name = T.kind[t] === 'event' ? role.events[T.index[t]!]!.name : T.kind[t] === 'choose' ? role.programs[T.program[t]! - 1]!.name : role.programs[T.program[t]! - 1]!.steps[T.index[t]!]!.name;
            expect([T.cpu[t], T.kind[t], name]).toEqual([info.cpu, info.kind === 'program' ? 'step' : info.kind, info.name]);
            const next = new Uint8Array(m.stateSize);
            m.apply(s, acts[k]!, next);
            if (!seen.has(next.join())) {
              seen.add(next.join());
              queue.push(next);
            }
          }
        }
      }),
      { seed: 18, numRuns: 40 },
    );
  });
});
