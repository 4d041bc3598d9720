/**
 * One toy model per condition the cutoff checks (src/engines/cutoff.ts). Each breaks that one
 * condition and no other, and (where a model can show it) holds with two workers but is
 * violated with three, by plain BFS without any reduction: a cutoff that skipped the condition
 * would carry the two-worker `holds` to every CPU count and be wrong. The test names the
 * condition by the reason the cutoff gives, so removing any check fails the test of its toy.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec, Role } from '../src/core/model.js';
import { cutoffFor } from '../src/engines/cutoff.js';
import { countWorkers, field, plain, toy, type Toy, type ToyDef } from './toys/toy-spec.js';

const cutoff = (build: (cpus: number) => ModelSpec) => cutoffFor(build, 8, 2, 8);

/** Plain BFS: holds with two workers, violated with three; and the cutoff refuses, saying why. */
function refusedWhereItWouldBeWrong(build: (cpus: number) => ModelSpec, controllers: 0 | 1, reason: string): void {
  expect(plain(build(controllers + 2)).verdict, 'two workers').toBe('holds');
  expect(plain(build(controllers + 3)).verdict, 'three workers').toBe('violated');
  expect(cutoff(build)).toEqual({ applies: false, reason: expect.stringContaining(reason) });
}

const hazard = field('hazard');
const setHazard = (s: Uint8Array, t: Toy) => void (s[t.g('hazard')] = 1);
const ready = { name: 'mark ready', run: (s: Uint8Array, c: number, t: Toy) => void (s[t.at(c, 'ready')] = 1) };
const hazardIsBad: ToyDef['bad'] = (s, t) => s[t.g('hazard')] === 1;

/** Each worker marks itself ready; the controller waits for every worker, then sets `done`; `done` with a worker not ready is the violation. */
const sound: ToyDef = {
  globals: [field('done')],
  cpuFields: [field('ready')],
  controllers: 1,
  controller: [{ name: 'wait for all', enabled: (s, _c, t) => countWorkers(s, t, 'ready') === t.workers.length, run: (s, _c, t) => void (s[t.g('done')] = 1) }],
  worker: [[ready]],
  bad: (s, t) => s[t.g('done')] === 1 && countWorkers(s, t, 'ready') < t.workers.length,
};

describe('cutoff conditions, one toy model each', () => {
  it('accepts the toy that breaks none, and its verdict is the plain search at every CPU count', () => {
    expect(cutoff(toy(sound))).toEqual({ applies: true, cpus: 3, workerRole: 'worker' });
    for (const n of [3, 4, 5]) expect(plain(toy(sound)(n)).verdict).toBe('holds');
  });

  it('(roles) needs two interchangeable CPUs, and refuses two symmetric roles', () => {
    expect(cutoff(toy({ ...sound, symmetric: false }))).toEqual({ applies: false, reason: expect.stringContaining('no model with two interchangeable CPUs') });
    const twoRoles = (cpus: number): ModelSpec => {
      const spec = toy(sound)(cpus);
      const roles: Role[] = spec.roles.map((r) => ({ ...r, symmetric: true }));
      return { ...spec, roles, cpuRoles: spec.cpuRoles.map((_, c) => c % 2) };
    };
    // From four CPUs on (the smallest model asked for), two CPUs of each role.
    expect(cutoffFor(twoRoles, 8, 4, 8)).toEqual({ applies: false, reason: 'more than one symmetric role' });
  });

  it('(roles) a controller that moves to another CPU number as CPUs are added', () => {
    const moving = toy({ ...sound, controllerAt: (cpus) => cpus - 1 });
    expect(cutoff(moving)).toEqual({ applies: false, reason: expect.stringContaining('does not keep its role') });
  });

  it('(roles) a CPU of a third role that only larger models have', () => {
    // From five CPUs on, the last CPU is a saboteur that sets `done` (global byte 0) early.
    const saboteur: Role = { name: 'saboteur', symmetric: false, events: [], programs: [{ name: 'sabotage', source: 'test', loop: false, steps: [{ name: 'set done', source: 'test', run: (s) => void (s[0] = 1) }] }] };
    const build = (cpus: number): ModelSpec => {
      const spec = toy(sound)(cpus);
      return cpus < 5 ? spec : { ...spec, roles: [...spec.roles, saboteur], cpuRoles: spec.cpuRoles.map((r, c) => (c === cpus - 1 ? 2 : r)) };
    };
    expect(plain(build(4)).verdict).toBe('holds');
    expect(plain(build(5)).verdict).toBe('violated');
    expect(cutoff(build)).toEqual({ applies: false, reason: expect.stringContaining('neither a controller nor a worker CPU') });
  });

  it('(workers) a worker that reads other workers\' blocks', () => {
    const nosy = toy({
      globals: [hazard],
      cpuFields: [field('ready')],
      controllers: 0,
      worker: [[ready, { name: 'count the others', run: (s, c, t) => void (countWorkers(s, t, 'ready') - (s[t.at(c, 'ready')] ?? 0) >= 2 && setHazard(s, t)) }]],
      bad: hazardIsBad,
    });
    refusedWhereItWouldBeWrong(nosy, 0, "touches the block of another 'worker' CPU");
  });

  it('(workers) a worker that writes shared state without violating a property', () => {
    // Each worker picks one of three colours and records it in shared state; all three seen is
    // the violation. No step reads what the workers write, so only this condition catches it.
    const colours = [0, 1, 2].map((k) => [{ name: `colour ${k}`, run: (s: Uint8Array, _c: number, t: Toy) => void (s[t.g(`seen${k}`)] = 1) }]);
    const painters = toy({
      globals: [field('seen0'), field('seen1'), field('seen2')],
      cpuFields: [],
      controllers: 0,
      worker: colours,
      bad: (s, t) => s[t.g('seen0')] === 1 && s[t.g('seen1')] === 1 && s[t.g('seen2')] === 1,
    });
    refusedWhereItWouldBeWrong(painters, 0, "'worker' step colour 0 writes shared state without violating a property");
  });

  it('(workers) a race window (sometimes-property) is not a violation: a shared write must violate an always-property', () => {
    // The painters again, with a race window whose states are the violation's: a write that
    // leaves the window false must still be refused.
    const painters = toy({
      globals: [field('seen0'), field('seen1'), field('seen2')],
      cpuFields: [],
      controllers: 0,
      worker: [0, 1, 2].map((k) => [{ name: `colour ${k}`, run: (s: Uint8Array, _c: number, t: Toy) => void (s[t.g(`seen${k}`)] = 1) }]),
      bad: (s, t) => s[t.g('seen0')] === 1 && s[t.g('seen1')] === 1 && s[t.g('seen2')] === 1,
      window: (s, t) => s[t.g('seen0')] === 1 && s[t.g('seen1')] === 1 && s[t.g('seen2')] === 1,
    });
    refusedWhereItWouldBeWrong(painters, 0, "'worker' step colour 0 writes shared state without violating a property");
  });

  it('(workers) shared state written by workers and read by a step', () => {
    // Workers count themselves (a read-modify-write of shared state); the count reaching 3 is the violation.
    const counting = toy({
      globals: [field('count', 4), hazard],
      cpuFields: [],
      controllers: 0,
      worker: [[{ name: 'count me', run: (s, _c, t) => { s[t.g('count')] = Math.min(3, s[t.g('count')]! + 1); if (s[t.g('count')] === 3) setHazard(s, t); } }]],
      bad: hazardIsBad,
    });
    refusedWhereItWouldBeWrong(counting, 0, 'count, written by \'worker\' CPUs, is read by a step');
  });

  it('(guards) a controller waiting for any worker in one state and another in a second', () => {
    // One worker triggers, one arms; only then may the controller set `done`, which a third,
    // watching worker sees as the violation. Two workers cannot fill all three parts.
    const parts = toy({
      globals: [field('done')],
      cpuFields: [field('state', 4)],
      controllers: 1,
      controller: [{ name: 'wait for a trigger and an armer', enabled: (s, _c, t) => countWorkers(s, t, 'state', 1) > 0 && countWorkers(s, t, 'state', 2) > 0, run: (s, _c, t) => void (s[t.g('done')] = 1) }],
      worker: [1, 2].map((v) => [{ name: `state ${v}`, run: (s: Uint8Array, c: number, t: Toy) => void (s[t.at(c, 'state')] = v) }]).concat([[{ name: 'watch', run: (s, c, t) => void (s[t.g('done')] === 1 && (s[t.at(c, 'state')] = 3)) }]]),
      bad: (s, t) => countWorkers(s, t, 'state', 3) > 0,
    });
    refusedWhereItWouldBeWrong(parts, 1, "controller's wait for a trigger and an armer: its guard is not one condition per 'worker' CPU");
  });

  it('(guards, three workers) a controller waiting for two workers, which two workers cannot tell from every worker', () => {
    const two = toy({
      ...sound,
      controller: [{ name: 'wait for two', enabled: (s, _c, t) => countWorkers(s, t, 'ready') >= 2, run: (s, _c, t) => void (s[t.g('done')] = 1) }],
    });
    refusedWhereItWouldBeWrong(two, 1, "controller's wait for two: its guard is not one condition per 'worker' CPU");
  });

  it('(guards) a controller step whose onlyIf reads the workers', () => {
    const peeking = toy({
      globals: [hazard],
      cpuFields: [field('ready')],
      controllers: 1,
      controller: [
        { name: 'start', run: () => {} },
        { name: 'if three are ready', onlyIf: (s, _c, t) => countWorkers(s, t, 'ready') >= 3, run: (s, _c, t) => setHazard(s, t) },
      ],
      worker: [[ready]],
      bad: hazardIsBad,
    });
    refusedWhereItWouldBeWrong(peeking, 1, "controller's if three are ready: its onlyIf reads a 'worker' CPU");
  });

  it('(effects) a controller writing shared state from several workers', () => {
    const tally = toy({
      globals: [field('count', 4)],
      cpuFields: [field('ready')],
      controllers: 1,
      controller: [{ name: 'tally', run: (s, _c, t) => void (s[t.g('count')] = countWorkers(s, t, 'ready')) }],
      worker: [[ready]],
      bad: (s, t) => s[t.g('count')]! >= 3,
    });
    refusedWhereItWouldBeWrong(tally, 1, "controller's tally: its effect depends on more than one 'worker' CPU at a time");
  });

  it("(effects) a controller writing one worker's block from the others'", () => {
    const gossip = toy({
      globals: [],
      cpuFields: [field('ready'), field('told')],
      controllers: 1,
      controllerEvents: [{ name: 'gossip', run: (s, _c, t) => { for (const w of t.workers) if (countWorkers(s, t, 'ready') - s[t.at(w, 'ready')]! >= 2) s[t.at(w, 'told')] = 1; } }],
      worker: [[ready]],
      bad: (s, t) => countWorkers(s, t, 'told') > 0,
    });
    refusedWhereItWouldBeWrong(gossip, 1, "controller's gossip: its effect depends on more than one 'worker' CPU at a time");
  });

  it('(properties) a violation about two workers at once, and (three workers) about three', () => {
    const pairs = toy({ ...sound, bad: (s, t) => countWorkers(s, t, 'ready') >= 2 && s[t.g('done')] === 0 });
    expect(cutoff(pairs)).toEqual({ applies: false, reason: 'a violation is not one condition on the shared state or on one CPU' });
    const triples = toy({ ...sound, bad: (s, t) => countWorkers(s, t, 'ready') >= 3 });
    refusedWhereItWouldBeWrong(triples, 1, 'a violation is not one condition on the shared state or on one CPU');
  });

  /** Steps that set the hazard once a count of workers starting in some field reaches three. */
  const startsWith = (init: ToyDef['init'], fieldsFirst = false) =>
    toy({
      fieldsFirst,
      globals: [hazard, field('n', 8)],
      cpuFields: [field('n', 8)],
      controllers: 1,
      controller: [{ name: 'check n', run: (s, c, t) => void (s[t.at(c, 'n')]! >= 3 && setHazard(s, t)) }],
      worker: [[{ name: 'check n', run: (s, c, t) => void ((s[t.g('n')]! >= 3 || s[t.at(c, 'n')]! >= 3) && setHazard(s, t)) }]],
      init,
      bad: hazardIsBad,
    });

  it('(start) a shared field starting with the number of workers', () => {
    refusedWhereItWouldBeWrong(startsWith((s, t) => void (s[t.g('n')] = t.workers.length)), 1, 'global field n starts differently at 8 CPUs');
  });

  it('(start) the controller starting with the number of workers', () => {
    refusedWhereItWouldBeWrong(startsWith((s, t) => void (s[t.at(0, 'n')] = t.workers.length)), 1, 'CPU0 starts differently at 8 CPUs');
  });

  it('(start) the controller starting with the number of workers in the first byte of its block', () => {
    const first = startsWith((s, t) => void (s[t.at(0, 'n')] = t.workers.length), true);
    expect(first(3).layout.c['n']).toBe(0);
    refusedWhereItWouldBeWrong(first, 1, 'CPU0 starts differently at 8 CPUs');
  });

  it('(start) the workers starting with the number of workers, in values whose digits run together', () => {
    // With two workers a worker block starts (…, 1, 12), with seven (…, 11, 2).
    const digits = toy({
      globals: [hazard],
      cpuFields: [field('a', 12), field('b', 13)],
      controllers: 1,
      controller: [{ name: 'idle', run: () => {} }],
      worker: [[{ name: 'check', run: (s, c, t) => void (s[t.at(c, 'a')] === 11 && setHazard(s, t)) }]],
      init: (s, t) => {
        for (const w of t.workers) [s[t.at(w, 'a')], s[t.at(w, 'b')]] = t.workers.length === 2 ? [1, 12] : [11, 2];
      },
      bad: hazardIsBad,
    });
    expect(cutoff(digits)).toEqual({ applies: false, reason: 'CPU1 starts unlike the worker CPUs of the 3-CPU model' });
  });

  it('(start) the workers starting with the number of workers', () => {
    const init: ToyDef['init'] = (s, t) => {
      for (const w of t.workers) s[t.at(w, 'n')] = t.workers.length;
    };
    refusedWhereItWouldBeWrong(startsWith(init), 1, 'CPU1 starts unlike the worker CPUs of the 3-CPU model');
  });

  it('(start) a layout that grows with the CPU count', () => {
    const growing = (cpus: number): ModelSpec => toy({ ...sound, globals: [...sound.globals, ...(cpus > 4 ? [field('extra')] : [])] })(cpus);
    expect(cutoff(growing)).toEqual({ applies: false, reason: 'the layout changes with the CPU count' });
  });

  /** `spec` with its controller runnable only once two workers are ready. */
  const runsOnceTwoWorkersReady = (spec: ModelSpec): ModelSpec => {
    const L = spec.layout;
    const readyAt = (c: number) => L.base(c) + L.cpuFields.findIndex((f) => f.name === 'ready');
    const runnable = (s: Uint8Array) => spec.cpuRoles.filter((r, c) => r === 0 && s[readyAt(c)] === 1).length >= 2;
    return { ...spec, roles: spec.roles.map((r) => (r.name === 'controller' ? { ...r, runnable } : r)) };
  };

  it('(guards) a controller whose runnable guard counts the workers', () => {
    // The controller sets `done` unguarded, but runs only once two workers are ready.
    const build = (cpus: number): ModelSpec => {
      const spec = toy({ ...sound, controller: [{ name: 'set done', run: (s, _c, t) => void (s[t.g('done')] = 1) }] })(cpus);
      return runsOnceTwoWorkersReady(spec);
    };
    expect(plain(build(3)).verdict).toBe('holds');
    expect(plain(build(4)).verdict).toBe('violated');
    expect(cutoffFor(build, 8, 2, 8)).toEqual({ applies: false, reason: "controller's set done: its guard is not one condition per 'worker' CPU" });
  });

  it("(guards) a controller event whose CPU's runnable guard counts the workers (the event does not ignore it)", () => {
    // The controller has no step; its event sets `done`, and runs only once two workers are ready.
    const build = (cpus: number): ModelSpec => {
      const spec = toy({ ...sound, controller: [], controllerEvents: [{ name: 'set done', run: (s, _c, t) => void (s[t.g('done')] = 1) }] })(cpus);
      return runsOnceTwoWorkersReady(spec);
    };
    expect(plain(build(3)).verdict).toBe('holds');
    expect(plain(build(4)).verdict).toBe('violated');
    expect(cutoffFor(build, 8, 2, 8)).toEqual({ applies: false, reason: "controller's set done: its guard is not one condition per 'worker' CPU" });
  });

  it('a step too many paths to check on every path refuses the cutoff', () => {
    const wide = Array.from({ length: 6 }, (_, i) => field(`g${i}`, 8));
    const build = toy({
      globals: [hazard, ...wide],
      cpuFields: [field('ready')],
      controllers: 0,
      worker: [[{ name: 'look', run: (s, c, t) => void (s[t.at(c, 'ready')] = wide.reduce((a, g) => a + s[t.g(g.name)]!, 0) === 0 ? 1 : 1) }]],
      bad: hazardIsBad,
    });
    expect(cutoffFor(build, 2, 2, 2)).toEqual({ applies: false, reason: expect.stringContaining('a step has too many paths to check') });
  });

  it("(workers) names a controller's byte that the workers write and a step reads", () => {
    const poke = toy({
      globals: [hazard],
      cpuFields: [field('ready'), field('poked')],
      controllers: 1,
      controller: [{ name: 'wait to be poked', enabled: (s, c, t) => s[t.at(c, 'poked')] === 1, run: (s, _c, t) => setHazard(s, t) }],
      worker: [[{ name: 'poke CPU0', run: (s, _c, t) => void (s[t.at(0, 'poked')] = 1) }]],
      bad: hazardIsBad,
    });
    const L = poke(3).layout;
    expect(cutoffFor(poke, 8, 2, 8)).toEqual({ applies: false, reason: `byte ${L.base(0) + L.cpuFields.findIndex((f) => f.name === 'poked')}, written by 'worker' CPUs, is read by a step` });
  });

  it('(start) a per-CPU field only larger models have', () => {
    const growing = (cpus: number): ModelSpec => toy({ ...sound, cpuFields: [...sound.cpuFields, ...(cpus > 4 ? [field('extra')] : [])] })(cpus);
    expect(cutoff(growing)).toEqual({ applies: false, reason: 'the layout changes with the CPU count' });
  });
});

/**
 * Models the cutoff must accept: each keeps every condition, in a shape the toys above do not
 * have. A cutoff that refused them would still be sound, but every check of such a model would
 * cost the full search at the CPU count asked for; each is also checked against plain BFS.
 */
describe('cutoff conditions, models that keep them', () => {
  /** Accepted, and the plain verdict is the same with two, three and four workers. */
  function accepted(build: (cpus: number) => ModelSpec, expected: { cpus: number; workerRole?: string }, asked = 8, minCpus = 2): void {
    expect(cutoffFor(build, asked, minCpus, 8)).toEqual({ applies: true, cpus: expected.cpus, workerRole: expected.workerRole ?? 'worker' });
    const verdict = plain(build(expected.cpus)).verdict;
    for (const more of [1, 2]) expect(plain(build(expected.cpus + more)).verdict).toBe(verdict);
  }

  it('asked at exactly the two-worker CPU count; refused below it', () => {
    accepted(toy(sound), { cpus: 3 }, 3);
    expect(cutoffFor(toy(sound), 2, 2, 8)).toEqual({ applies: false, reason: 'no model with two interchangeable CPUs at or below this CPU count' });
  });

  it('(guards, three workers) checks the three-worker model even when it is the largest allowed', () => {
    const two = toy({ ...sound, controller: [{ name: 'wait for two', enabled: (s, _c, t) => countWorkers(s, t, 'ready') >= 2, run: (s, _c, t) => void (s[t.g('done')] = 1) }] });
    expect(cutoffFor(two, 4, 2, 4)).toEqual({ applies: false, reason: expect.stringContaining("controller's wait for two: its guard is not one condition per 'worker' CPU") });
  });

  it('(roles) workers only, CPU0 among them, with a choice of programs', () => {
    accepted(toy({ globals: [hazard], cpuFields: [field('ready')], controllers: 0, worker: [[ready], [ready, { name: 'again', run: () => {} }]], bad: hazardIsBad }), { cpus: 2 });
  });

  it('(roles) the worker role declared after a role of two CPUs that are not interchangeable', () => {
    const build = (cpus: number): ModelSpec => {
      const spec = toy(sound)(cpus);
      return { ...spec, roles: [spec.roles[1]!, spec.roles[0]!], cpuRoles: spec.cpuRoles.map((_, c) => (c < 2 ? 0 : 1)) };
    };
    accepted(build, { cpus: 4 }, 8, 4);
  });

  it('(workers) shared state written only as a violation, with several always-properties', () => {
    // A worker that finds `done` set before it is ready sets the hazard: a flag no step reads.
    const flagged = (cpus: number): ModelSpec => {
      const spec = toy({ ...sound, worker: [[{ name: 'check', run: (s, c, t) => void (s[t.g('done')] === 1 && s[t.at(c, 'ready')] === 0 && setHazard(s, t)) }, ready]], globals: [field('done'), hazard], bad: (s, t) => s[t.g('hazard')] === 1 })(cpus);
      return { ...spec, properties: [...spec.properties, { name: 'always-true', kind: 'always', doc: 'test', check: () => true }] };
    };
    accepted(flagged, { cpus: 3 });
  });

  it("(guards) a controller event that ignores its CPU's runnable guard, which counts the workers", () => {
    // The event runs whatever the runnable guard says, so its own guard alone is judged.
    const build = (cpus: number): ModelSpec => {
      // Its event (an interrupt, no guard of its own) marks the controller's own block.
      const spec = toy({ ...sound, controller: [], controllerEvents: [{ name: 'irq', run: (s, c, t) => void (s[t.at(c, 'ready')] = 1) }] })(cpus);
      const L = spec.layout;
      const readyAt = (c: number) => L.base(c) + L.cpuFields.findIndex((f) => f.name === 'ready');
      const runnable = (s: Uint8Array) => spec.cpuRoles.filter((r, c) => r === 0 && s[readyAt(c)] === 1).length >= 2;
      return { ...spec, roles: spec.roles.map((r) => (r.name === 'controller' ? { ...r, runnable, events: r.events.map((e) => ({ ...e, ignoresRunnable: true })) } : r)) };
    };
    accepted(build, { cpus: 3 });
  });

  it('(roles) the worker role is the symmetric role with two CPUs, not the first role declared symmetric', () => {
    // The controller's role is declared symmetric too (it has one CPU) and comes first.
    const build = (cpus: number): ModelSpec => {
      const spec = toy(sound)(cpus);
      return { ...spec, roles: [{ ...spec.roles[1]!, symmetric: true }, spec.roles[0]!], cpuRoles: spec.cpuRoles.map((r) => 1 - r) };
    };
    accepted(build, { cpus: 3 });
  });

  it('builds no model outside the CPU counts it is given (a model may not exist there)', () => {
    const only3 = (cpus: number): ModelSpec => {
      if (cpus !== 3) throw new Error(`no ${cpus}-CPU model`);
      return toy(sound)(cpus);
    };
    expect(cutoffFor(only3, 3, 3, 3)).toEqual({ applies: true, cpus: 3, workerRole: 'worker' });
  });

  it('judges the CPU count asked for on the first three-worker model, not on a larger one it is not asked for', () => {
    // From five CPUs on, the last CPU is a third role; asked at four CPUs, that model is not the question.
    const saboteur: Role = { name: 'saboteur', symmetric: false, events: [], programs: [{ name: 'sabotage', source: 'test', loop: false, steps: [{ name: 'set done', source: 'test', run: (s) => void (s[0] = 1) }] }] };
    const build = (cpus: number): ModelSpec => {
      const spec = toy(sound)(cpus);
      return cpus < 5 ? spec : { ...spec, roles: [...spec.roles, saboteur], cpuRoles: spec.cpuRoles.map((r, c) => (c === cpus - 1 ? 2 : r)) };
    };
    expect(cutoffFor(build, 4, 2, 5)).toEqual({ applies: true, cpus: 3, workerRole: 'worker' });
    for (const n of [3, 4]) expect(plain(build(n)).verdict).toBe('holds');
  });

  it('(roles) probes the smallest two-worker model and the first three-worker one: a 4-CPU model with an idle CPU of a third role', () => {
    // At four CPUs (only), CPU3 runs an idle role instead of the worker role.
    const idle: Role = { name: 'idle', symmetric: false, events: [], programs: [{ name: 'idle', source: 'test', loop: false, steps: [] }] };
    const build = (cpus: number): ModelSpec => {
      const spec = toy(sound)(cpus);
      return cpus === 4 ? { ...spec, roles: [...spec.roles, idle], cpuRoles: spec.cpuRoles.map((r, c) => (c === 3 ? 2 : r)) } : spec;
    };
    // Asked at three CPUs: the 4-CPU model has no three workers, so it is not the three-worker probe.
    expect(cutoffFor(build, 3, 2, 4)).toEqual({ applies: true, cpus: 3, workerRole: 'worker' });
    expect(plain(build(3)).verdict).toBe('holds');
    // Asked at four: the probe is the 3-CPU model, and the idle CPU is neither its controller nor a worker.
    expect(cutoffFor(build, 4, 2, 4)).toEqual({ applies: false, reason: "CPU3 of the larger model is neither a controller nor a worker CPU" });
  });

  it('(workers) a step that never runs is not held against the workers, even one that would clear a violation flag', () => {
    const clear = { name: 'never: clear', onlyIf: () => false, run: (s: Uint8Array, _c: number, t: Toy) => void (s[t.g('hazard')] = 0) };
    const flagged = toy({ ...sound, worker: [[{ name: 'check', run: (s, c, t) => void (s[t.g('done')] === 1 && s[t.at(c, 'ready')] === 0 && setHazard(s, t)) }, ready, clear]], globals: [field('done'), hazard], bad: hazardIsBad });
    accepted(flagged, { cpus: 3 });
  });

  it('(workers) a step that never runs is not held against the workers', () => {
    const never = { name: 'never', onlyIf: () => false, run: (s: Uint8Array, _c: number, t: Toy) => void (s[t.g('done')] = 1) };
    accepted(toy({ ...sound, worker: [[ready, never]] }), { cpus: 3 });
  });

  it('(guards, effects) a controller writing each worker\'s block from that block alone, after an onlyIf on shared state, with a step that never runs', () => {
    const tell = toy({
      globals: [field('done'), field('go')],
      cpuFields: [field('ready'), field('told')],
      controllers: 1,
      controller: [
        { name: 'go', run: (s, _c, t) => void (s[t.g('go')] = 1) },
        { name: 'tell the ready ones', onlyIf: (s, _c, t) => s[t.g('go')] === 1, run: (s, _c, t) => { for (const w of t.workers) if (s[t.at(w, 'ready')] === 1) s[t.at(w, 'told')] = 1; } },
        { name: 'never', onlyIf: () => false, run: (s, _c, t) => void (s[t.g('done')] = countWorkers(s, t, 'ready') >= 2 ? 1 : 0) },
      ],
      worker: [[ready]],
      bad: (s, t) => t.workers.some((w) => s[t.at(w, 'told')] === 1 && s[t.at(w, 'ready')] === 0),
    });
    accepted(tell, { cpus: 3 });
  });
});
