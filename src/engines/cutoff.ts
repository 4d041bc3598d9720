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
 * So the projected run is a run of the two-worker model, violating the same property.
 *
 * Every condition is checked here on the model built with two workers, over every state of
 * the fields' value domains (src/core/trace-paths.ts enumerates every path of every step), and
 * carried to larger models on the assumption the footprints also make: a step's code treats
 * every worker alike whatever their number. Progress (every-wait-completes) and race windows
 * are not carried: they are judged on the two-worker model only.
 */
import type { Layout } from '../core/layout.js';
import type { Guard, ModelSpec, State, Step } from '../core/model.js';
import { byteDomains, footprintsOf, neverRuns, type RelLoc } from '../core/footprint.js';
import { bytesOf } from '../core/transitions.js';
import { TooManyPaths, tracePaths } from '../core/trace-paths.js';
import { compileModel } from '../core/compile.js';
import { ProbeTooLarge, probeMaxima } from './partial-order.js';

export type CutoffVerdict = { readonly applies: true; readonly cpus: number; readonly workerRole: string } | { readonly applies: false; readonly reason: string };

class ConditionFails extends Error {}

/** A view of `base` that reads some bytes elsewhere and keeps its own writes. */
function overlay(base: State, size: number, source: (i: number) => number | { readonly value: number }): { view: State; written: Map<number, number> } {
  const written = new Map<number, number>();
  const view = new Proxy(base, {
    get(_t, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop === 'length') return size;
      const i = Number(prop);
      if (!Number.isInteger(i)) return undefined;
      const w = written.get(i);
      if (w !== undefined) return w;
      if (i >= size) return undefined;
      const src = source(i);
      return typeof src === 'number' ? base[src] : src.value;
    },
    set(_t, prop, value: number) {
      const i = Number(prop);
      if (Number.isInteger(i) && i < size) written.set(i, value & 0xff);
      return true;
    },
  });
  return { view, written };
}

export function cutoffFor(build: (cpus: number) => ModelSpec, cpus: number, minCpus: number, maxCpus: number): CutoffVerdict {
  // The smallest model with exactly two CPUs of one symmetric role.
  let probe: ModelSpec | undefined;
  let probeCpus = 0;
  for (let n = minCpus; n <= Math.min(maxCpus, cpus) && probe === undefined; n++) {
    const spec = build(n);
    const counts = spec.roles.map((r, ri) => (r.symmetric ? spec.cpuRoles.filter((x) => x === ri).length : 0));
    if (counts.filter((c) => c >= 2).length > 1) return { applies: false, reason: 'more than one symmetric role' };
    if (counts.some((c) => c === 2)) {
      probe = spec;
      probeCpus = n;
    }
  }
  if (probe === undefined) return { applies: false, reason: 'no model with two interchangeable CPUs at or below this CPU count' };
  try {
    const W = checkConditions(probe, build(cpus));
    return { applies: true, cpus: probeCpus, workerRole: probe.roles[W]!.name };
  } catch (e) {
    if (e instanceof ConditionFails) return { applies: false, reason: e.message };
    if (e instanceof TooManyPaths) return { applies: false, reason: `a step has too many paths to check (${e.message})` };
    if (e instanceof ProbeTooLarge) return { applies: false, reason: e.message };
    throw e;
  }
}

function fail(reason: string): never {
  throw new ConditionFails(reason);
}

/** Checks every condition on `probe` (two workers) against the model asked for; returns the worker role. */
function checkConditions(probe: ModelSpec, target: ModelSpec): number {
  const L = probe.layout;
  const W = probe.roles.findIndex((r, ri) => r.symmetric && probe.cpuRoles.filter((x) => x === ri).length === 2);
  const workers = probe.cpuRoles.flatMap((r, c) => (r === W ? [c] : []));
  const [w1, w2] = [workers[0]!, workers[1]!];
  const controllers = probe.cpuRoles.flatMap((r, c) => (r === W ? [] : [c]));
  // The controllers keep their CPU numbers at the size asked for; every other CPU is a worker.
  for (const c of controllers) if (target.cpuRoles[c] !== probe.cpuRoles[c]) fail(`CPU${c} does not keep its role at ${target.layout.cpus} CPUs`);
  target.cpuRoles.forEach((r, c) => {
    if (!controllers.includes(c) && r !== W) fail(`CPU${c} of the larger model is neither a controller nor a ${probe.roles[W]!.name} CPU`);
  });

  const observedMax = probeMaxima(probe);
  const domain = byteDomains(L, observedMax);
  const fp = footprintsOf(probe, observedMax);
  const blockOf = (i: number): number => (i < L.cpuBase ? -1 : Math.floor((i - L.cpuBase) / L.cpuSize));
  const isWorkerByte = (i: number): boolean => workers.includes(blockOf(i));
  const abs = (cpu: number, locs: readonly RelLoc[]): number[] => locs.flatMap((l) => bytesOf(L, probe.cpuRoles, cpu, l));

  // (workers) footprints: own block and shared bytes only; shared writes are the flags H.
  const flags = new Set<number>();
  const wf = fp.roles[W]!;
  const workerFeet = [...wf.steps.flat(), ...wf.events, wf.choose];
  for (const f of workerFeet) {
    for (const b of abs(w1, [...f.guardReads, ...f.reads, ...f.writes])) if (isWorkerByte(b) && blockOf(b) !== w1) fail(`a step of a '${probe.roles[W]!.name}' CPU touches the block of another '${probe.roles[W]!.name}' CPU`);
    for (const b of abs(w1, f.writes)) if (!isWorkerByte(b)) flags.add(b);
  }
  // No step of any CPU reads a flag.
  probe.cpuRoles.forEach((ri, cpu) => {
    const rf = fp.roles[ri]!;
    for (const f of [...rf.steps.flat(), ...rf.events, rf.choose]) for (const b of abs(cpu, [...f.guardReads, ...f.reads])) if (flags.has(b)) fail(`${L.globalFields[b]?.name ?? `byte ${b}`}, written by '${probe.roles[W]!.name}' CPUs, is read by a step`);
  });
  const always = probe.properties.filter((p) => p.kind === 'always');
  const bad = (s: State): boolean => always.some((p) => !p.check(s));
  const flagList = [...flags];
  const workerRole = probe.roles[W]!;
  const workerSteps: Step[] = [...workerRole.programs.flatMap((p) => p.steps.filter((st) => !neverRuns(L.size, domain, st, w1))), ...workerRole.events];
  for (const st of workerSteps) {
    const r = tracePaths(L.size, domain, (s) => {
      const before = flagList.map((b) => s[b]);
      st.run(s, w1);
      return flagList.some((b, k) => s[b] !== before[k]) && !bad(s);
    });
    if (r.paths.some((p) => p.result)) fail(`'${workerRole.name}' step ${st.name} writes shared state without violating a property`);
  }

  // (guards, effects) every controller transition.
  const resetTo = (blocks: readonly number[]) => (i: number): number | { readonly value: number } => (blocks.includes(blockOf(i)) ? { value: domain(i)[0] ?? 0 } : i);
  const copyFrom = (from: number, into: number) => (i: number): number => (blockOf(i) === into ? L.base(from) + ((i - L.cpuBase) % L.cpuSize) : i);
  for (const cpu of controllers) {
    const role = probe.roles[probe.cpuRoles[cpu]!]!;
    const guard = (g: Guard | undefined, ignoresRunnable: boolean) => (s: State): boolean =>
      (ignoresRunnable || role.runnable === undefined || role.runnable(s, cpu)) && (g === undefined || g(s, cpu));
    const checkGuard = (name: string, g: (s: State) => boolean): void => {
      const r = tracePaths(L.size, domain, (s) => {
        const a = g(overlay(s, L.size, copyFrom(w1, w2)).view);
        const b = g(overlay(s, L.size, copyFrom(w2, w1)).view);
        return g(s) !== (a && b);
      });
      if (r.paths.some((p) => p.result)) fail(`${role.name}'s ${name}: its guard is not one condition per '${workerRole.name}' CPU`);
    };
    const checkEffect = (name: string, run: (s: State) => void): void => {
      const differs = (a: Map<number, number>, av: State, b: Map<number, number>, bv: State, bytes: (i: number) => boolean): boolean => {
        for (const i of new Set([...a.keys(), ...b.keys()])) if (bytes(i) && av[i] !== bv[i]) return true;
        return false;
      };
      const r = tracePaths(L.size, domain, (s) => {
        const x = overlay(s, L.size, (i) => i);
        run(x.view);
        const y = overlay(s, L.size, resetTo(workers));
        run(y.view);
        if (differs(x.written, x.view, y.written, y.view, (i) => !isWorkerByte(i))) return true;
        for (const [mine, other] of [
          [w1, w2],
          [w2, w1],
        ] as const) {
          const z = overlay(s, L.size, resetTo([other]));
          run(z.view);
          if (differs(x.written, x.view, z.written, z.view, (i) => blockOf(i) === mine)) return true;
        }
        return false;
      });
      if (r.paths.some((p) => p.result)) fail(`${role.name}'s ${name}: its effect depends on more than one '${workerRole.name}' CPU at a time`);
    };
    for (const p of role.programs) {
      for (const st of p.steps) {
        if (neverRuns(L.size, domain, st, cpu)) continue;
        if (st.onlyIf !== undefined) {
          const onlyIf = st.onlyIf;
          const reads = tracePaths(L.size, domain, (s) => onlyIf(s, cpu)).reads;
          for (const b of reads) if (isWorkerByte(b)) fail(`${role.name}'s ${st.name}: its onlyIf reads a '${workerRole.name}' CPU`);
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

  // (properties) one part for the shared state and one per worker.
  const pr = tracePaths(L.size, domain, (s) => bad(s) !== (bad(overlay(s, L.size, copyFrom(w1, w2)).view) || bad(overlay(s, L.size, copyFrom(w2, w1)).view)));
  if (pr.paths.some((p) => p.result)) fail('a violation is not one condition on the shared state or on one CPU');

  // (start) the initial shared bytes and worker blocks are those of the larger model.
  const s0 = compileModel(probe).initial();
  const t0 = compileModel(target).initial();
  const T = target.layout;
  if (T.cpuSize !== L.cpuSize || T.cpuBase !== L.cpuBase) fail('the layout changes with the CPU count');
  for (let i = 0; i < L.cpuBase; i++) if (s0[i] !== t0[i]) fail(`global field ${L.globalFields[i]!.name} starts differently at ${T.cpus} CPUs`);
  const block = (s: Uint8Array, lay: Layout<string, string>, c: number) => Array.from(s.subarray(lay.base(c), lay.base(c) + lay.cpuSize)).join(',');
  for (const c of controllers) if (block(s0, L, c) !== block(t0, T, c)) fail(`CPU${c} starts differently at ${T.cpus} CPUs`);
  for (let c = 0; c < T.cpus; c++) if (!controllers.includes(c) && block(t0, T, c) !== block(s0, L, w1)) fail(`CPU${c} starts unlike the ${workerRole.name} CPUs of the two-CPU model`);
  return W;
}
