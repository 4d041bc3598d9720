/**
 * Symmetry reduction explores one state per orbit of the CPUs a role declares interchangeable.
 * A model whose declaration is wrong (a property or a step that tells two of them apart) must
 * be refused, and then explored in full: each toy model here is checked against plain BFS
 * without reduction, and the unchecked reduction is shown to give the wrong verdict on it.
 */
import { describe, expect, it } from 'vitest';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import type { ModelSpec } from '../src/core/model.js';
import { bfs } from '../src/engines/bfs.js';
import { cutoffFor } from '../src/engines/cutoff.js';
import { symmetryFor } from '../src/engines/symmetry.js';
import { field, plain, toy, type Toy, type ToyDef, type ToyStepDef } from './toys/toy-spec.js';
import { toyScenario } from './toys/toy-scenario.js';

const reduced = (spec: ModelSpec) => bfs(compileModel(spec), { symmetry: true, maxStates: 100_000, timeoutMs: 10_000 });
const done = (s: Uint8Array, t: Toy, w: number) => s[t.at(w, 'done')] === 1;
const finish = { name: 'finish', run: (s: Uint8Array, c: number, t: Toy) => void (s[t.at(c, 'done')] = 1) };

/** Two workers that each finish once; `bad` and the steps say what else happens. */
const workers = (over: Partial<ToyDef>): ((cpus: number) => ModelSpec) =>
  toy({ globals: [field('hazard')], cpuFields: [field('done')], controllers: 0, worker: [[finish]], bad: (s, t) => s[t.g('hazard')] === 1, ...over });

/** Refused by name; `check` then explores in full and gets the plain verdict, which the unchecked reduction misses. */
function refused(build: (cpus: number) => ModelSpec, reason: string): void {
  expect(symmetryFor(build, 2, 2)).toEqual({ applies: false, reason: expect.stringContaining(reason) });
  expect(plain(build(2)).verdict).toBe('violated');
  expect(reduced(build(2)).verdict).toBe('holds');
  const r = runCheck(toyScenario({ m: build }), 'm', 'x86-native', { ...defaultCheckOptions, cpus: 2 });
  expect(r.verdict).toBe('violated');
  expect(r.found.detail).toContain(`symmetry reduction not used: ${reason}`);
}

describe('symmetry reduction', () => {
  it('is used where the declaration holds, and gives the plain verdict on fewer states', () => {
    const both = workers({ bad: (s, t) => t.workers.filter((w) => done(s, t, w)).length >= 2 });
    expect(symmetryFor(both, 3, 2)).toEqual({ applies: true });
    const r = runCheck(toyScenario({ both }), 'both', 'x86-native', { ...defaultCheckOptions, cpus: 3 });
    expect(r.verdict).toBe(plain(both(3)).verdict);
    expect(r.found.detail).toContain('symmetry reduction');
    expect(r.found.detail).not.toContain('not used');
    const sound = workers({ bad: () => false });
    expect(reduced(sound(3)).states).toBeLessThan(plain(sound(3)).states);
  });

  it('is refused for a property that reads one CPU of the role and not the other', () => {
    // CPU0 done while CPU1 is not: sorting the blocks always puts the finished one second.
    refused(workers({ bad: (s, t) => done(s, t, 0) && !done(s, t, 1) }), 'property toy-safe tells CPU0 from CPU1');
  });

  it('is refused for a step that singles out one CPU by number', () => {
    // CPU1 finishing after CPU0 sets the hazard; in the reduced space the one that finished
    // first is always CPU1 (the larger block sorts last).
    const second = { name: 'finish', run: (s: Uint8Array, c: number, t: Toy) => { if (c === 1 && done(s, t, 0)) s[t.g('hazard')] = 1; s[t.at(c, 'done')] = 1; } };
    refused(workers({ worker: [[second]] }), "worker's finish on CPU0 tells CPU0 from CPU1");
  });

  it('is refused for a guard that singles out one CPU by number, and the cutoff refuses it too', () => {
    const guarded = workers({ worker: [[{ ...finish, enabled: (s, c, t) => c !== 1 || done(s, t, 0) }]] });
    expect(symmetryFor(guarded, 3, 2)).toEqual({ applies: false, reason: expect.stringContaining("worker's finish on CPU0 tells CPU0 from CPU1") });
    const r = runCheck(toyScenario({ guarded }), 'guarded', 'x86-native', { ...defaultCheckOptions, cpus: 3 });
    expect(r.verdict).toBe(plain(guarded(3)).verdict);
    expect(cutoffFor(guarded, 8, 2, 8)).toEqual({ applies: false, reason: expect.stringContaining('declared interchangeable') });
  });
});

describe('symmetry of models whose steps have too many paths to check on every path', () => {
  // Each worker step reads six 8-valued globals: 8^6 paths, past the path enumeration's limit.
  const wide = Array.from({ length: 6 }, (_, i) => field(`g${i}`, 8));
  const readsAll = (s: Uint8Array, t: Toy): number => wide.reduce((a, g) => a + s[t.g(g.name)]!, 0);
  const argued = (build: (cpus: number) => ModelSpec) => (cpus: number): ModelSpec => ({ ...build(cpus), symmetryArgument: 'the toy says so' });
  const wideWorkers = (step: ToyStepDef) =>
    toy({ globals: [field('hazard'), ...wide], cpuFields: [field('done')], controllers: 0, worker: [[step]], bad: (s, t) => s[t.g('hazard')] === 1 });

  it('without a static argument, is refused (and the model explored in full)', () => {
    const sound = wideWorkers({ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'done')] = readsAll(s, t) === 0 ? 1 : 1) });
    expect(symmetryFor(sound, 3, 2)).toEqual({ applies: false, reason: expect.stringContaining('too many paths') });
  });

  it("with one, is checked on the probe's reachable states and used where it holds", () => {
    const sound = argued(wideWorkers({ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'done')] = readsAll(s, t) === 0 ? 1 : 1) }));
    expect(symmetryFor(sound, 3, 2)).toEqual({ applies: true, basis: expect.stringContaining('reachable states of the 3-CPU model') });
    const r = runCheck(toyScenario({ sound }), 'sound', 'x86-native', { ...defaultCheckOptions, cpus: 3 });
    expect(r.verdict).toBe(plain(sound(3)).verdict);
    expect(r.found.detail).not.toContain('not used');
  });

  it('with one, is refused where a reachable state tells two CPUs apart, and check gives the plain verdict', () => {
    // CPU1 finishing after CPU0 sets the hazard: the reduction would only ever see CPU1 first.
    const second: ToyStepDef = {
      name: 'finish',
      run: (s, c, t) => {
        if (c === 1 && done(s, t, 0) && readsAll(s, t) === 0) s[t.g('hazard')] = 1;
        s[t.at(c, 'done')] = 1;
      },
    };
    const asym = argued(wideWorkers(second));
    expect(symmetryFor(asym, 2, 2)).toEqual({ applies: false, reason: expect.stringContaining('does not give the swapped successor') });
    expect(plain(asym(2)).verdict).toBe('violated');
    expect(reduced(asym(2)).verdict).toBe('holds');
    const r = runCheck(toyScenario({ asym }), 'asym', 'x86-native', { ...defaultCheckOptions, cpus: 2 });
    expect(r.verdict).toBe('violated');
  });
});
