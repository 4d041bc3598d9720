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
import { symmetryFor, symmetryProbeCpus } from '../src/engines/symmetry.js';
import { countWorkers, field, plain, toy, type Toy, type ToyDef, type ToyStepDef } from './toys/toy-spec.js';
import { naiveExplore } from './toys/naive-explorer.js';
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

  it('is checked at the smallest CPU count from 3 with two CPUs of every symmetric role the model has', () => {
    const w = workers({});
    expect(symmetryProbeCpus(w, 8, 2)).toBe(3);
    expect(symmetryProbeCpus(w, 2, 2)).toBe(2);
    expect(symmetryProbeCpus(w, 8, 5)).toBe(5);
    expect(symmetryProbeCpus(toy({ ...def(), symmetric: false }), 8, 2)).toBeUndefined();
    // CPU0 and CPU1 control, the rest work: two workers only from four CPUs on.
    expect(symmetryProbeCpus(twoControllers(() => true), 8, 2)).toBe(4);
    // Two symmetric roles: CPU1-2 of one, CPU3 on of another, which has two only from five CPUs.
    const twoRoles = (cpus: number): ModelSpec => {
      const spec = twoControllers(() => true)(cpus);
      return { ...spec, roles: [...spec.roles, { ...spec.roles[0]!, name: 'other' }], cpuRoles: spec.cpuRoles.map((_, c) => (c === 0 ? 1 : c < 3 ? 0 : 2)) };
    };
    expect(symmetryProbeCpus(twoRoles, 8, 2)).toBe(5);
  });

  it('is checked only on roles declared symmetric: two controllers told apart by number do not stop the workers\' reduction', () => {
    const build = twoControllers((c) => c === 0);
    expect(symmetryFor(build, 5, 2)).toEqual({ applies: true });
    const spec = build(5);
    expect(reduced(spec)).toMatchObject({ verdict: plain(spec).verdict, states: naiveExplore(spec).orbits });
  });

  it('names the runnable guard, the onlyIf or the event that tells two CPUs apart', () => {
    const byNumber = (s: Uint8Array, c: number, t: Toy) => c !== 1 || done(s, t, 0);
    const runnable = (cpus: number): ModelSpec => {
      const spec = workers({})(cpus);
      return { ...spec, roles: spec.roles.map((r) => ({ ...r, runnable: (st: Uint8Array, c: number) => byNumber(st, c, toyOf(spec)) })) };
    };
    expect(symmetryFor(runnable, 3, 2)).toEqual({ applies: false, reason: "worker's runnable on CPU0 tells CPU0 from CPU1, declared interchangeable" });
    expect(symmetryFor(workers({ worker: [[{ ...finish, onlyIf: byNumber }]] }), 3, 2)).toEqual({ applies: false, reason: "worker's finish (onlyIf) on CPU0 tells CPU0 from CPU1, declared interchangeable" });
    const event = { name: 'strike', enabled: byNumber, run: (s: Uint8Array, _c: number, t: Toy) => void (s[t.g('hazard')] = 1) };
    expect(symmetryFor(workers({ workerEvents: [event] }), 3, 2)).toEqual({ applies: false, reason: "worker's strike on CPU0 tells CPU0 from CPU1, declared interchangeable" });
    const effect = { name: 'strike', run: (s: Uint8Array, c: number, t: Toy) => void (c === 1 && (s[t.g('hazard')] = 1)) };
    expect(symmetryFor(workers({ workerEvents: [effect] }), 3, 2)).toEqual({ applies: false, reason: "worker's strike on CPU0 tells CPU0 from CPU1, declared interchangeable" });
  });

  it('passes over a step that never runs, whatever it would do', () => {
    const never = { name: 'never', onlyIf: () => false, run: (s: Uint8Array, c: number, t: Toy) => void (c === 1 && (s[t.g('hazard')] = 1)) };
    expect(symmetryFor(workers({ worker: [[finish, never]] }), 3, 2)).toEqual({ applies: true });
  });

  it('swaps whole blocks, the program a CPU chose included', () => {
    // Each worker chooses program 1 or 2; the property counts the workers in program 2.
    const choosers = workers({ worker: [[finish], [finish]], bad: (s, t) => t.workers.filter((c) => s[t.at(c, 'prog')] === 2).length >= 2 && countWorkers(s, t, 'done') === 0 });
    expect(symmetryFor(choosers, 3, 2)).toEqual({ applies: true });
    expect(reduced(choosers(3)).verdict).toBe(plain(choosers(3)).verdict);
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

  it('with one, is refused where a reachable state has a property that tells two CPUs apart (the reduction would keep one side only)', () => {
    // The violation: CPU1 has finished and CPU0 has not. Its paths (every g value) are past the early limit too.
    const cpu1First = argued(
      toy({
        globals: [field('hazard'), ...wide],
        cpuFields: [field('done')],
        controllers: 0,
        worker: [[{ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'done')] = readsAll(s, t) === 0 ? 1 : 1) }]],
        bad: (s, t) => s[t.g('hazard')] === 1 || (done(s, t, 1) && !done(s, t, 0) && readsAll(s, t) === 0),
      }),
    );
    expect(symmetryFor(cpu1First, 2, 2)).toEqual({ applies: false, reason: expect.stringContaining('property toy-safe tells CPU0 from CPU1') });
    expect(plain(cpu1First(2)).verdict).toBe('violated');
    const r = runCheck(toyScenario({ cpu1First }), 'cpu1First', 'x86-native', { ...defaultCheckOptions, cpus: 2 });
    expect(r.verdict).toBe('violated');
  });

  it('with one, swaps only CPUs of a symmetric role: a controller beside the workers, and two controllers that differ, do not refuse it', () => {
    const withController = argued(
      toy({
        globals: [field('hazard'), ...wide],
        cpuFields: [field('done')],
        controllers: 1,
        controller: [{ name: 'look', run: (s, c, t) => void (s[t.at(c, 'done')] = readsAll(s, t) === 0 ? 1 : 1) }],
        worker: [[{ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'done')] = readsAll(s, t) === 0 ? 1 : 1) }]],
        bad: (s, t) => s[t.g('hazard')] === 1,
      }),
    );
    expect(symmetryFor(withController, 3, 2)).toEqual({ applies: true, basis: expect.stringContaining('reachable states of the 3-CPU model') });
    // CPU0 and CPU1 both run the controller role (not symmetric); only CPU0 marks itself done.
    const unlike = argued((cpus: number): ModelSpec => {
      const spec = toy({
        globals: [field('hazard'), ...wide],
        cpuFields: [field('done')],
        controllers: 1,
        controller: [{ name: 'mark', run: (s, c, t) => void (c === 0 && readsAll(s, t) === 0 && (s[t.at(c, 'done')] = 1)) }],
        worker: [[{ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'done')] = readsAll(s, t) === 0 ? 1 : 1) }]],
        bad: (s, t) => s[t.g('hazard')] === 1,
      })(cpus);
      return { ...spec, cpuRoles: spec.cpuRoles.map((_, c) => (c < 2 ? 1 : 0)) };
    });
    expect(symmetryFor(unlike, 4, 2)).toEqual({ applies: true, basis: expect.stringContaining('reachable states of the 4-CPU model') });
    for (const [name, build, cpus] of [['withController', withController, 3], ['unlike', unlike, 4]] as const) {
      const r = runCheck(toyScenario({ [name]: build }), name, 'x86-native', { ...defaultCheckOptions, cpus });
      expect(r.verdict).toBe(plain(build(cpus)).verdict);
    }
  });

  it('is checked on every path up to the full limit without a static argument, and falls back early only with one', () => {
    // 6^5 = 7,776 paths per step: past the early limit (1,000), within the full one (100,000).
    const mid = Array.from({ length: 5 }, (_, i) => field(`m${i}`, 6));
    const midWorkers = toy({
      globals: [field('hazard'), ...mid],
      cpuFields: [field('done')],
      controllers: 0,
      worker: [[{ name: 'finish', run: (s, c, t) => void (s[t.at(c, 'done')] = mid.reduce((a, g) => a + s[t.g(g.name)]!, 0) === 0 ? 1 : 1) }]],
      bad: (s, t) => s[t.g('hazard')] === 1,
    });
    expect(symmetryFor(midWorkers, 3, 2)).toEqual({ applies: true });
    expect(symmetryFor(argued(midWorkers), 3, 2)).toEqual({ applies: true, basis: expect.stringContaining('reachable states of the 3-CPU model') });
  });
});

/** The toy definition `workers` starts from. */
function def(): ToyDef {
  return { globals: [field('hazard')], cpuFields: [field('done')], controllers: 0, worker: [[finish]], bad: (s, t) => s[t.g('hazard')] === 1 };
}

/** The Toy view of a built spec (its layout and CPU count), for closures written against a ModelSpec. */
function toyOf(spec: ModelSpec): Toy {
  const L = spec.layout;
  const g = new Map(L.globalFields.map((f, i) => [f.name, i]));
  const c = new Map(L.cpuFields.map((f, i) => [f.name, i]));
  return { L, cpus: L.cpus, workers: spec.cpuRoles.flatMap((r, i) => (r === 0 ? [i] : [])), g: (n) => g.get(n)!, at: (cpu, n) => L.base(cpu) + c.get(n)! };
}

/** CPU0 and CPU1 run a controller role (not symmetric) whose step writes the hazard where `acts` says; the other CPUs are workers. */
function twoControllers(acts: (cpu: number) => boolean): (cpus: number) => ModelSpec {
  return (cpus) => {
    const spec = toy({ ...def(), controllers: 1, controller: [{ name: 'mark', run: (s, c, t) => void (acts(c) && (s[t.at(c, 'done')] = 1)) }] })(cpus);
    return { ...spec, cpuRoles: spec.cpuRoles.map((_, c) => (c < 2 ? 1 : 0)) };
  };
}
