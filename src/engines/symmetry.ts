/**
 * Whether the roles a model declares symmetric are: symmetry reduction (Machine.canonicalize)
 * explores one state per orbit, which is sound only when swapping the blocks of two CPUs of a
 * symmetric role changes no property and commutes with every step of every CPU (a guard of
 * the swapped state at the swapped CPU says the same, an effect run there writes the swapped
 * bytes). A mechanism that singles out a CPU by number (`cpu === 1`), or a property that reads
 * one CPU's block only, breaks it: the reduction could then drop the one orbit member that
 * violates.
 *
 * Checked like the cutoff's conditions (./cutoff.ts): on a small model (two CPUs of each
 * symmetric role at least), for each swap of two neighbouring CPUs of a role, over every path
 * of every guard, effect and property through the fields' value domains
 * (src/core/trace-paths.ts), and carried to larger models on the assumption that a step's code
 * treats every CPU of a role alike whatever their number. The initial state need not be
 * symmetric: with symmetric steps and properties, a state and its swap have the same futures.
 * A step with too many paths to enumerate is checked on the probe's reachable states instead
 * where the model states why its code treats such CPUs alike (./symmetry-reachable.ts).
 */
import type { ModelSpec, State, Step } from '../core/model.js';
import { byteDomains, neverRuns } from '../core/footprint.js';
import { MAX_PATHS, TooManyPaths, tracePaths } from '../core/trace-paths.js';
import { overlay } from './overlay.js';
import { ProbeTooLarge, probeMaxima } from './partial-order.js';
import { reachableSymmetry } from './symmetry-reachable.js';

export type SymmetryVerdict =
  | { readonly applies: true; /** How it was checked, where not on every path. */ readonly basis?: string }
  | { readonly applies: false; readonly reason: string };

/**
 * Paths per step the every-path check tries on a model that can fall back to its reachable
 * states. Every committed C model gets the same basis at 1,000 as at 5,000 (arm64-batch and
 * CVE-2018-18281 on every path, the rest on reachable states: test/cmodel-symmetry-basis.test.ts),
 * and a model that falls back finds out sooner (eqs-kick's 3-CPU probe: 387 -> 191 ms).
 */
const PATHS_BEFORE_FALLBACK = 1_000;

/** The CPU count the declaration is checked at, unless a symmetric role needs more for two CPUs. */
export const SYMMETRY_PROBE_CPUS = 3;

export class NotSymmetric extends Error {}

/** Role indices with two or more CPUs among the roles `spec` declares symmetric. */
function symmetricRoles(spec: ModelSpec): number[] {
  return spec.roles.flatMap((r, ri) => (r.symmetric && spec.cpuRoles.filter((x) => x === ri).length >= 2 ? [ri] : []));
}

/**
 * The CPU count to check `build(cpus)`'s declaration at: the smallest from SYMMETRY_PROBE_CPUS
 * (or `cpus`, if smaller) with two CPUs of every role that has two at `cpus`; undefined if no
 * role does (nothing to reduce).
 */
export function symmetryProbeCpus(build: (cpus: number) => ModelSpec, cpus: number, minCpus: number): number | undefined {
  const roles = symmetricRoles(build(cpus));
  if (roles.length === 0) return undefined;
  for (let n = Math.max(minCpus, Math.min(cpus, SYMMETRY_PROBE_CPUS)); n < cpus; n++) {
    const have = symmetricRoles(build(n));
    if (roles.every((r) => have.includes(r))) return n;
  }
  return cpus;
}

/** Whether symmetry reduction may be used on the model `build(cpus)`. */
export function symmetryFor(build: (cpus: number) => ModelSpec, cpus: number, minCpus: number): SymmetryVerdict {
  const n = symmetryProbeCpus(build, cpus, minCpus);
  return n === undefined ? { applies: true } : symmetryAt(build(n));
}

/** Whether the declaration holds on `probe` (and so, by assumption, at every CPU count). */
export function symmetryAt(probe: ModelSpec): SymmetryVerdict {
  try {
    // With a static argument the reachable-state check is the fallback: give up on paths early.
    checkSymmetric(probe, probeMaxima(probe), probe.symmetryArgument !== undefined ? PATHS_BEFORE_FALLBACK : MAX_PATHS);
    return { applies: true };
  } catch (e) {
    if (e instanceof NotSymmetric) return { applies: false, reason: e.message };
    if (e instanceof TooManyPaths) return probe.symmetryArgument !== undefined ? onReachableStates(probe, probe.symmetryArgument) : { applies: false, reason: `a step has too many paths to check its symmetry (${e.message})` };
    if (e instanceof ProbeTooLarge) return { applies: false, reason: e.message };
    throw e;
  }
}

/** The declaration checked on the probe's reachable states, with the model's static argument for larger models. */
function onReachableStates(probe: ModelSpec, argument: string): SymmetryVerdict {
  const r = reachableSymmetry(probe);
  if (!r.applies) return r;
  return { applies: true, basis: `checked on the ${r.states} reachable states of the ${probe.layout.cpus}-CPU model (its steps have too many paths to check on every path); for more CPUs: ${argument}` };
}

/** Throws NotSymmetric, naming the first property or step that tells two CPUs of a symmetric role apart. */
export function checkSymmetric(spec: ModelSpec, observedMax: (byte: number) => number, maxPaths = MAX_PATHS): void {
  for (const ri of symmetricRoles(spec)) {
    const members = spec.cpuRoles.flatMap((x, c) => (x === ri ? [c] : []));
    for (let k = 0; k + 1 < members.length; k++) checkSwap(spec, observedMax, members[k]!, members[k + 1]!, maxPaths);
  }
}

/** Swapping the blocks of CPUs `a` and `b` changes no property and commutes with every step. */
function checkSwap(spec: ModelSpec, observedMax: (byte: number) => number, a: number, b: number, maxPaths: number): void {
  const L = spec.layout;
  const domain = byteDomains(L, observedMax);
  const shift = L.base(b) - L.base(a);
  const blockOf = (i: number): number => (i < L.cpuBase ? -1 : Math.floor((i - L.cpuBase) / L.cpuSize));
  const swapByte = (i: number): number => (blockOf(i) === a ? i + shift : blockOf(i) === b ? i - shift : i);
  const swapCpu = (c: number): number => (c === a ? b : c === b ? a : c);
  const swapped = (s: State): State => overlay(s, L.size, swapByte).view;
  const apart = (what: string): never => {
    throw new NotSymmetric(`${what} tells CPU${a} from CPU${b}, declared interchangeable`);
  };
  const differs = (f: (s: State) => boolean): boolean => tracePaths(L.size, domain, f, maxPaths).paths.some((p) => p.result);

  for (const p of spec.properties) if (differs((s) => p.check(s) !== p.check(swapped(s)))) apart(`property ${p.name}`);
  spec.cpuRoles.forEach((ri, cpu) => {
    const role = spec.roles[ri]!;
    const other = swapCpu(cpu);
    const guard = (name: string, g: ((s: State, c: number) => boolean) | undefined): void => {
      if (g !== undefined && differs((s) => g(s, cpu) !== g(swapped(s), other))) apart(`${role.name}'s ${name} on CPU${cpu}`);
    };
    const effect = (st: Step): void => {
      const changes = (s: State): boolean => {
        const x = overlay(s, L.size, (i) => i);
        st.run(x.view, cpu);
        const y = overlay(s, L.size, swapByte);
        st.run(y.view, other);
        for (const i of new Set([...x.written.keys(), ...[...y.written.keys()].map(swapByte)])) if (x.view[i] !== y.view[swapByte(i)]) return true;
        return false;
      };
      if (differs(changes)) apart(`${role.name}'s ${st.name} on CPU${cpu}`);
    };
    guard('runnable', role.runnable);
    for (const st of role.programs.flatMap((p) => p.steps)) {
      guard(`${st.name} (onlyIf)`, st.onlyIf);
      if (neverRuns(L.size, domain, st, cpu)) continue;
      guard(st.name, st.enabled);
      effect(st);
    }
    for (const ev of role.events) {
      guard(ev.name, ev.enabled);
      effect(ev);
    }
  });
}
