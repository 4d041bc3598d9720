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
import { partialOrderFor } from '../src/engines/partial-order.js';
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
  worker: [[{ name: 'strike', run: (s, _c, t) => void (s[t.g('hazard')] = 1) }]],
  bad: (s: Uint8Array, t: Toy) => s[t.g('hazard')] === 1,
});

describe('partial-order reduction on toy models', () => {
  it('does not ignore a step forever while an independent CPU loops (the proviso)', () => {
    const looping = (cpus: number) => {
      const spec = spinAndStrike(cpus);
      return { ...spec, roles: spec.roles.map((r) => (r.name === 'controller' ? { ...r, programs: r.programs.map((p) => ({ ...p, loop: true })) } : r)) };
    };
    agrees(looping, 2);
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
});
