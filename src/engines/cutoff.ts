/**
 * A cutoff: when the CPUs of a symmetric role (the workers: GUP-fast walkers, EQS CPUs) never
 * touch one another and the other CPUs (the controllers: the freeing CPU, the text patcher)
 * treat each of them alike and separately, a safety violation with any number of workers is
 * also a violation with two. The model is then checked exhaustively with two workers and the
 * verdict holds for every CPU count (Emerson and Kahlon's cutoffs for conjunctive guards, in
 * the shape of a projection argument).
 *
 * The argument. Take a run with N workers to the first state violating an always-property,
 * and keep only the controllers and two workers: the worker whose step reached the violation
 * (if a worker's) and the worker the violated predicate is about. Every kept step can still be
 * taken and does the same:
 * - (workers) a worker's steps read and write only globals, controller blocks and its own
 *   block, and write globals or controller bytes only as violation flags (every such write
 *   makes some always-property false, and no step reads them), so dropped workers change
 *   nothing the kept CPUs read before the violation;
 * - (guards) a controller's guard is a conjunction of a part about the globals and controllers
 *   and one part per worker about that worker, so with fewer workers it holds whenever it held;
 * - (effects) a controller step's effect on globals and controllers does not depend on any
 *   worker block, and its effect on a worker's block only on that block and the globals and
 *   controllers;
 * - (properties) "some always-property is false" is a disjunction of a part about globals and
 *   controllers and one part per worker;
 * - (start) the initial globals, controller blocks and worker blocks do not depend on N.
 * - (roles) the workers are interchangeable as their role declares (./symmetry.ts), so which
 *   two are kept does not matter.
 * So the projected run is a run of the two-worker model, violating the same property.
 *
 * Every condition is checked here on the model built with two workers and again with three,
 * over every state of the fields' value domains (src/core/trace-paths.ts enumerates every path
 * of every step; a field without value names ranges up to the largest value the two-worker
 * model reaches), and carried to larger models on the assumption the footprints also make: a
 * step's code treats every worker alike whatever their number. The three-worker check is what
 * refuses a condition on how many workers are in some state ("at least two have acked"): with
 * two workers "at least two" and "every one" are the same function, with three they differ.
 * A threshold of three or more workers would need a larger probe; it is assumed absent (no
 * mechanism counts workers). Progress (every-wait-completes) and race windows are not
 * carried: they are judged on the two-worker model only.
 */
import type { Layout } from '../core/layout.js';
import type { Guard, ModelSpec, State, Step } from '../core/model.js';
import { byteDomains, footprintsOf, neverRuns, type ModelFootprints, type RelLoc } from '../core/footprint.js';
import { bytesOf } from '../core/transitions.js';
import { TooManyPaths, tracePaths } from '../core/trace-paths.js';
import { compileModel } from '../core/compile.js';
import { overlay } from './overlay.js';
import { ProbeTooLarge, probeMaxima } from './partial-order.js';
import { checkSymmetric, NotSymmetric } from './symmetry.js';

export type CutoffVerdict = { readonly applies: true; readonly cpus: number; readonly workerRole: string } | { readonly applies: false; readonly reason: string };

class ConditionFails extends Error {}

export function cutoffFor(build: (cpus: number) => ModelSpec, cpus: number, minCpus: number, maxCpus: number): CutoffVerdict {
  // The smallest model with exactly two CPUs of one symmetric role, and the next with three.
  const workerCounts = (spec: ModelSpec): number[] => spec.roles.map((r, ri) => (r.symmetric ? spec.cpuRoles.filter((x) => x === ri).length : 0));
  let probe: ModelSpec | undefined;
  let probeCpus = 0;
  for (let n = minCpus; n <= Math.min(maxCpus, cpus) && probe === undefined; n++) {
    const spec = build(n);
    const counts = workerCounts(spec);
    if (counts.filter((c) => c >= 2).length > 1) return { applies: false, reason: 'more than one symmetric role' };
    if (counts.some((c) => c === 2)) {
      probe = spec;
      probeCpus = n;
    }
  }
  if (probe === undefined) return { applies: false, reason: 'no model with two interchangeable CPUs at or below this CPU count' };
  let probe3: ModelSpec | undefined;
  for (let n = probeCpus + 1; n <= maxCpus && probe3 === undefined; n++) {
    const spec = build(n);
    if (workerCounts(spec).some((c) => c === 3)) probe3 = spec;
  }
  try {
    // Value domains: what the two-worker model reaches (a per-CPU field's over every CPU's block).
    const observedMax = probeMaxima(probe);
    const target = build(cpus);
    // The workers are interchangeable as declared (checked on the two-worker model, as symmetry reduction does).
    checkSymmetric(probe, observedMax);
    const W = checkConditions(probe, target, observedMax);
    if (probe3 !== undefined && checkConditions(probe3, target, observedMax) !== W) fail('the interchangeable CPUs change role with the CPU count');
    return { applies: true, cpus: probeCpus, workerRole: probe.roles[W]!.name };
  } catch (e) {
    if (e instanceof ConditionFails || e instanceof NotSymmetric) return { applies: false, reason: e.message };
    if (e instanceof TooManyPaths) return { applies: false, reason: `a step has too many paths to check (${e.message})` };
    if (e instanceof ProbeTooLarge) return { applies: false, reason: e.message };
    throw e;
  }
}

function fail(reason: string): never {
  throw new ConditionFails(reason);
}

/** The probe model and what the conditions are stated over. */
interface Probe {
  readonly spec: ModelSpec;
  readonly L: Layout<string, string>;
  /** The worker role's index, its CPUs (the first is the one worker steps are traced on), the others. */
  readonly W: number;
  readonly workers: readonly number[];
  readonly controllers: readonly number[];
  readonly domain: (byte: number) => readonly number[];
  readonly blockOf: (byte: number) => number;
  readonly isWorkerByte: (byte: number) => boolean;
  /** Some always-property is false. */
  readonly bad: (s: State) => boolean;
  readonly roleName: string;
}

/** Checks every condition on `probe` (two or three workers) against the model asked for; returns the worker role. */
function checkConditions(spec: ModelSpec, target: ModelSpec, observedMax: (byte: number) => number): number {
  const L = spec.layout;
  const W = spec.roles.findIndex((r, ri) => r.symmetric && spec.cpuRoles.filter((x) => x === ri).length >= 2);
  const workers = spec.cpuRoles.flatMap((r, c) => (r === W ? [c] : []));
  const controllers = spec.cpuRoles.flatMap((r, c) => (r === W ? [] : [c]));
  // The controllers keep their CPU numbers at the size asked for; every other CPU is a worker.
  for (const c of controllers) if (target.cpuRoles[c] !== spec.cpuRoles[c]) fail(`CPU${c} does not keep its role at ${target.layout.cpus} CPUs`);
  target.cpuRoles.forEach((r, c) => {
    if (!controllers.includes(c) && r !== W) fail(`CPU${c} of the larger model is neither a controller nor a ${spec.roles[W]!.name} CPU`);
  });
  const blockOf = (i: number): number => (i < L.cpuBase ? -1 : Math.floor((i - L.cpuBase) / L.cpuSize));
  const always = spec.properties.filter((p) => p.kind === 'always');
  const probe: Probe = {
    spec,
    L,
    W,
    workers,
    controllers,
    domain: byteDomains(L, observedMax),
    blockOf,
    isWorkerByte: (i) => workers.includes(blockOf(i)),
    bad: (s) => always.some((p) => !p.check(s)),
    roleName: spec.roles[W]!.name,
  };
  // First, so that the value domains (from the two-worker model) fit this model's layout.
  checkStart(probe, target);
  checkWorkers(probe, footprintsOf(spec, observedMax));
  for (const cpu of controllers) checkController(probe, cpu);
  checkProperties(probe);
  return W;
}

/** (workers) footprints: own block and shared bytes only; shared writes are flags, read by no step, each a violation. */
function checkWorkers(p: Probe, fp: ModelFootprints): void {
  const { spec, L, W, domain, isWorkerByte, blockOf, roleName } = p;
  const w1 = p.workers[0]!;
  const abs = (cpu: number, locs: readonly RelLoc[]): number[] => locs.flatMap((l) => bytesOf(L, spec.cpuRoles, cpu, l));
  const flags = new Set<number>();
  const wf = fp.roles[W]!;
  for (const f of [...wf.steps.flat(), ...wf.events, wf.choose]) {
    for (const b of abs(w1, [...f.guardReads, ...f.reads, ...f.writes])) if (isWorkerByte(b) && blockOf(b) !== w1) fail(`a step of a '${roleName}' CPU touches the block of another '${roleName}' CPU`);
    for (const b of abs(w1, f.writes)) if (!isWorkerByte(b)) flags.add(b);
  }
  spec.cpuRoles.forEach((ri, cpu) => {
    const rf = fp.roles[ri]!;
    for (const f of [...rf.steps.flat(), ...rf.events, rf.choose]) for (const b of abs(cpu, [...f.guardReads, ...f.reads])) if (flags.has(b)) fail(`${L.globalFields[b]?.name ?? `byte ${b}`}, written by '${roleName}' CPUs, is read by a step`);
  });
  const flagList = [...flags];
  const role = spec.roles[W]!;
  const steps: Step[] = [...role.programs.flatMap((pr) => pr.steps.filter((st) => !neverRuns(L.size, domain, st, w1))), ...role.events];
  for (const st of steps) {
    const r = tracePaths(L.size, domain, (s) => {
      const before = flagList.map((b) => s[b]);
      st.run(s, w1);
      return flagList.some((b, k) => s[b] !== before[k]) && !p.bad(s);
    });
    if (r.paths.some((x) => x.result)) fail(`'${roleName}' step ${st.name} writes shared state without violating a property`);
  }
}

/** A view of `s` in which every worker's block reads worker `from`'s. */
function allLike(p: Probe, s: State, from: number): State {
  const { L } = p;
  return overlay(s, L.size, (i) => (p.isWorkerByte(i) ? L.base(from) + ((i - L.cpuBase) % L.cpuSize) : i)).view;
}

/** A view of `s` in which the blocks of `cpus` read their fields' first values, with its writes. */
function resetView(p: Probe, s: State, cpus: readonly number[]): { view: State; written: Map<number, number> } {
  return overlay(s, p.L.size, (i) => (cpus.includes(p.blockOf(i)) ? { value: p.domain(i)[0] ?? 0 } : i));
}

/** (guards, effects) every transition of controller `cpu`. */
function checkController(p: Probe, cpu: number): void {
  const { spec, L, domain, roleName } = p;
  const role = spec.roles[spec.cpuRoles[cpu]!]!;
  const guard = (g: Guard | undefined, ignoresRunnable: boolean) => (s: State): boolean =>
    (ignoresRunnable || role.runnable === undefined || role.runnable(s, cpu)) && (g === undefined || g(s, cpu));
  // A guard is a conjunction of one condition per worker (and one on the shared state).
  const checkGuard = (name: string, g: (s: State) => boolean): void => {
    const r = tracePaths(L.size, domain, (s) => g(s) !== p.workers.every((w) => g(allLike(p, s, w))));
    if (r.paths.some((x) => x.result)) fail(`${role.name}'s ${name}: its guard is not one condition per '${roleName}' CPU`);
  };
  // Its effect on shared state reads no worker; on a worker's block, that block alone.
  const checkEffect = (name: string, run: (s: State) => void): void => {
    const differs = (a: Map<number, number>, av: State, b: Map<number, number>, bv: State, bytes: (i: number) => boolean): boolean => {
      for (const i of new Set([...a.keys(), ...b.keys()])) if (bytes(i) && av[i] !== bv[i]) return true;
      return false;
    };
    const r = tracePaths(L.size, domain, (s) => {
      const x = overlay(s, L.size, (i) => i);
      run(x.view);
      const y = resetView(p, s, p.workers);
      run(y.view);
      if (differs(x.written, x.view, y.written, y.view, (i) => !p.isWorkerByte(i))) return true;
      for (const mine of p.workers) {
        const z = resetView(
          p,
          s,
          p.workers.filter((w) => w !== mine),
        );
        run(z.view);
        if (differs(x.written, x.view, z.written, z.view, (i) => p.blockOf(i) === mine)) return true;
      }
      return false;
    });
    if (r.paths.some((x) => x.result)) fail(`${role.name}'s ${name}: its effect depends on more than one '${roleName}' CPU at a time`);
  };
  for (const pr of role.programs) {
    for (const st of pr.steps) {
      if (neverRuns(L.size, domain, st, cpu)) continue;
      if (st.onlyIf !== undefined) {
        const onlyIf = st.onlyIf;
        const reads = tracePaths(L.size, domain, (s) => onlyIf(s, cpu)).reads;
        for (const b of reads) if (p.isWorkerByte(b)) fail(`${role.name}'s ${st.name}: its onlyIf reads a '${roleName}' CPU`);
      }
      checkGuard(st.name, guard(st.enabled, false));
      checkEffect(st.name, (s) => st.run(s, cpu));
    }
  }
  for (const ev of role.events) {
    checkGuard(ev.name, guard(ev.enabled, ev.ignoresRunnable === true));
    checkEffect(ev.name, (s) => ev.run(s, cpu));
  }
}

/** (properties) a violation is one condition on the shared state or on one worker. */
function checkProperties(p: Probe): void {
  const r = tracePaths(p.L.size, p.domain, (s) => p.bad(s) !== p.workers.some((w) => p.bad(allLike(p, s, w))));
  if (r.paths.some((x) => x.result)) fail('a violation is not one condition on the shared state or on one CPU');
}

/** (start) the initial shared bytes and worker blocks are those of the larger model. */
function checkStart(p: Probe, target: ModelSpec): void {
  const { L } = p;
  const s0 = compileModel(p.spec).initial();
  const t0 = compileModel(target).initial();
  const T = target.layout;
  if (T.cpuSize !== L.cpuSize || T.cpuBase !== L.cpuBase) fail('the layout changes with the CPU count');
  for (let i = 0; i < L.cpuBase; i++) if (s0[i] !== t0[i]) fail(`global field ${L.globalFields[i]!.name} starts differently at ${T.cpus} CPUs`);
  const block = (s: Uint8Array, lay: Layout<string, string>, c: number) => Array.from(s.subarray(lay.base(c), lay.base(c) + lay.cpuSize)).join(',');
  for (const c of p.controllers) if (block(s0, L, c) !== block(t0, T, c)) fail(`CPU${c} starts differently at ${T.cpus} CPUs`);
  const w1 = p.workers[0]!;
  for (let c = 0; c < T.cpus; c++) if (!p.controllers.includes(c) && block(t0, T, c) !== block(s0, L, w1)) fail(`CPU${c} starts unlike the ${p.roleName} CPUs of the ${L.cpus}-CPU model`);
}
