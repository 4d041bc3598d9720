/**
 * The stubborn sets and the reduced BFS do what their rules say: on random toy models (program
 * choice, loops, events, guards, violations that last and ones that do not), the reduced
 * search's verdict, state count and transition count are those of a second implementation
 * read off the same rules (./toys/naive-stubborn.ts: plain sets, every closure to its end).
 * Where test/reductions-random.test.ts shows the reduction keeps verdicts, this shows it
 * reduces as much as the rules allow and no more, so a change that only makes it weaker (or
 * stronger) fails here too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import type { ModelSpec, Role } from '../src/core/model.js';
import { bfs } from '../src/engines/bfs.js';
import { partialOrderFor } from '../src/engines/partial-order.js';
import { naiveReducedBfs } from './toys/naive-stubborn.js';
import { randomToy, toyOf } from './toys/random-toy.js';
import { field, plain, toy, type Toy, type ToyStepDef } from './toys/toy-spec.js';

/** 32 steps that change only the pc: a CPU running them first pushes the others' transitions past one 32-bit word. */
const ticks: ToyStepDef[] = Array.from({ length: 32 }, (_, i) => ({ name: `tick ${i}`, run: () => {} }));

describe('stubborn sets, against the rules read directly', () => {
  it('explore the states and transitions the rules give, on random toy models', () => {
    fc.assert(
      fc.property(randomToy, fc.integer({ min: 2, max: 3 }), (r, cpus) => {
        const build = toyOf(r, false);
        const spec = build(cpus);
        const m = compileModel(spec);
        const got = bfs(m, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4, partialOrder: partialOrderFor(build, spec, m, cpus).sets });
        expect({ verdict: got.verdict, states: got.states, transitions: got.transitions }).toEqual(naiveReducedBfs(build, cpus));
      }),
      { seed: 18, numRuns: 150 },
    );
  });

  it('explore the states and transitions the rules give when every row is two words (CPU0 ticks 32 times first), on random toy models', () => {
    fc.assert(
      fc.property(randomToy, fc.integer({ min: 2, max: 3 }), (r, cpus) => {
        const build = toyOf(r, false, ticks.length);
        const spec = build(cpus);
        const m = compileModel(spec);
        const por = partialOrderFor(build, spec, m, cpus);
        expect(por.transitions).toBeGreaterThan(32);
        const got = bfs(m, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4, partialOrder: por.sets });
        expect({ verdict: got.verdict, states: got.states, transitions: got.transitions }).toEqual(naiveReducedBfs(build, cpus));
      }),
      { seed: 32, numRuns: 60 },
    );
  });

  it("take a disabled step's enablers from the false leaf its guard reaches in this state (the guard reads its own CPU's field first)", () => {
    // CPU0 waits for b if its own flag a is set (it is, from the start), else for c; CPU1 sets b,
    // and CPU0's event sets c. The leaf reached reads a and b: its enablers are CPU1's step alone.
    // Again after 32 ticks of CPU0, with the enablers in the second word of every row.
    for (const before of [[], ticks]) {
      const build = toy({
        globals: [field('b'), field('c'), field('hazard')],
        cpuFields: [field('a')],
        controllers: 1,
        symmetric: false,
        init: (s, t) => void (s[t.at(0, 'a')] = 1),
        controller: [...before, { name: 'wait', enabled: (s, c, t) => (s[t.at(c, 'a')] === 1 ? s[t.g('b')] === 1 : s[t.g('c')] === 1), run: (s, _c, t) => void (s[t.g('c')] === 0 && (s[t.g('hazard')] = 1)) }],
        controllerEvents: [{ name: 'set c', run: (s, _c, t) => void (s[t.g('c')] = 1) }],
        worker: [[{ name: 'set b', run: (s, _c, t) => void (s[t.g('b')] = 1) }]],
        bad: (s, t) => s[t.g('hazard')] === 1,
      });
      const spec = build(2);
      const m = compileModel(spec);
      const got = bfs(m, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4, partialOrder: partialOrderFor(build, spec, m, 2).sets });
      expect({ verdict: got.verdict, states: got.states, transitions: got.transitions }).toEqual(naiveReducedBfs(build, 2));
      expect(got.verdict).toBe(plain(spec).verdict);
    }
  });

  it("take the enablers of a CPU that is not runnable yet: its program choice waits for what makes it runnable, not for nothing", () => {
    // CPU1 runs only once CPU0 has set go; it then chooses one of two programs, each of which
    // reads y (still 0: the violation) unless CPU0's event has poked it first.
    // Again after 32 ticks of CPU0, with CPU1's transitions in the second word of every row.
    for (const before of [[], ticks]) {
      const useY: ToyStepDef = { name: 'use y', run: (s, _c, t) => void (s[t.g('y')] === 0 && (s[t.g('hazard')] = 1)) };
      const base = toy({
        globals: [field('go'), field('y'), field('hazard')],
        cpuFields: [],
        controllers: 1,
        symmetric: false,
        controller: [...before, { name: 'set go', run: (s, _c, t) => void (s[t.g('go')] = 1) }],
        controllerEvents: [{ name: 'poke', enabled: (s, _c, t) => s[t.g('y')] === 0, run: (s, _c, t) => void (s[t.g('y')] = 1) }],
        worker: [[useY], [{ ...useY, name: 'use y again' }]],
        bad: (s, t) => s[t.g('hazard')] === 1,
      });
      const build = (cpus: number): ModelSpec => {
        const spec = base(cpus);
        return { ...spec, roles: spec.roles.map((r) => (r.name === 'worker' ? { ...r, runnable: (s: Uint8Array) => s[0] === 1 } : r)) };
      };
      const spec = build(2);
      const m = compileModel(spec);
      expect(plain(spec).verdict).toBe('violated');
      const got = bfs(m, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4, partialOrder: partialOrderFor(build, spec, m, 2).sets });
      expect({ verdict: got.verdict, states: got.states, transitions: got.transitions }).toEqual(naiveReducedBfs(build, 2));
      expect(got.verdict).toBe('violated');
    }
  });

  it("take every enabler of a step whose guard reads another CPU's field (no decision tree): the closure of a read brings the writer it depends on and what makes that writer runnable", () => {
    // CPU0 reads w (a stale-value check: the violation is w already 1); CPU2 writes w, but only
    // once CPU1 has set its own flag f. CPU2's guard reads a field of another CPU, so it has no
    // decision tree and its enablers are the precomputed row (every writer of f). The closure
    // seeded by CPU0's read brings CPU2's write (dependent) and CPU1's flag (its enabler).
    // Again after 32 ticks of CPU0, with every row two words.
    for (const before of [[], ticks]) {
      const base = toy({
        globals: [field('w'), field('hazard')],
        cpuFields: [field('f')],
        controllers: 1,
        symmetric: false,
        controller: [...before, { name: 'read w', run: (s, _c, t) => void (s[t.g('w')] === 1 && (s[t.g('hazard')] = 1)) }],
        worker: [[{ name: 'set f', run: (s, c, t) => void (s[t.at(c, 'f')] = 1) }]],
        bad: (s, t) => s[t.g('hazard')] === 1,
      });
      const build = (cpus: number): ModelSpec => {
        const spec = base(cpus);
        const L = spec.layout;
        const f1 = L.base(1) + L.c['f']!;
        const w = L.g['w']!;
        const writer: Role = {
          name: 'writer',
          symmetric: false,
          events: [],
          runnable: (s) => s[f1] === 1,
          programs: [{ name: 'write', source: 'test', loop: false, steps: [{ name: 'write w', source: 'test', run: (s) => void (s[w] = 1) }] }],
        };
        return { ...spec, roles: [...spec.roles, writer], cpuRoles: [1, 0, 2] };
      };
      const spec = build(3);
      const m = compileModel(spec);
      const por = partialOrderFor(build, spec, m, 3);
      expect(plain(spec).verdict).toBe('violated');
      const got = bfs(m, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4, partialOrder: por.sets });
      expect({ verdict: got.verdict, states: got.states, transitions: got.transitions }).toEqual(naiveReducedBfs(build, 3));
      expect(got.verdict).toBe('violated');
    }
  });

  it('keep a race whose transitions are numbered past the first 32 (bitsets of two words): the violation, and the states and transitions the rules give', () => {
    // CPU0 ticks 32 times (steps that change only its pc), then publishes x; CPU1 reads x, then
    // checks it: a stale read (x was 0, now 1) is the violation. Publish, read and check are
    // transitions 32, 33 and 34, in the second word of every row.
    const build = toy({
      globals: [field('x'), field('hazard')],
      cpuFields: [field('r', 3)],
      controllers: 1,
      symmetric: false,
      controller: [...ticks, { name: 'publish', run: (s, _c, t) => void (s[t.g('x')] = 1) }],
      worker: [
        [
          { name: 'read x', run: (s, c, t) => void (s[t.at(c, 'r')] = s[t.g('x')]! + 1) },
          { name: 'check', run: (s, c, t) => void (s[t.at(c, 'r')] === 1 && s[t.g('x')] === 1 && (s[t.g('hazard')] = 1)) },
        ],
      ],
      bad: (s, t) => s[t.g('hazard')] === 1,
    });
    const spec = build(2);
    const m = compileModel(spec);
    const por = partialOrderFor(build, spec, m, 2);
    expect(por.transitions).toBeGreaterThan(32);
    expect(plain(spec).verdict).toBe('violated');
    const got = bfs(m, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4, partialOrder: por.sets });
    expect({ verdict: got.verdict, states: got.states, transitions: got.transitions }).toEqual(naiveReducedBfs(build, 2));
    expect(got.verdict).toBe('violated');
    // CPU0 ticks 32 times; CPU1 and CPU2 each take two steps of their own (transitions 32-35):
    // their sets, seeded past the first word and with the fewest dependents, are the ones chosen.
    const apart = toy({
      globals: [field('hazard')],
      cpuFields: [field('k', 3)],
      controllers: 1,
      symmetric: false,
      controller: ticks,
      worker: [[0, 1].map((i) => ({ name: `count ${i}`, run: (s: Uint8Array, c: number, t: Toy) => void (s[t.at(c, 'k')] = i + 1) }))],
      bad: (s, t) => s[t.g('hazard')] === 1,
    });
    const m3 = compileModel(apart(3));
    const got3 = bfs(m3, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4, partialOrder: partialOrderFor(apart, apart(3), m3, 3).sets });
    expect({ verdict: got3.verdict, states: got3.states, transitions: got3.transitions }).toEqual(naiveReducedBfs(apart, 3));
    expect(got3.states).toBe(1 + 2 + 2 + 32);
  });
});
