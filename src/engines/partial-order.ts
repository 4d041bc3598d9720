/**
 * Partial-order reduction for a model: footprints learned on the model built at a small probe
 * CPU count (src/core/footprint.ts), the transition table and dependency relation at the CPU
 * count checked (src/core/transitions.ts), and the stubborn-set chooser (./stubborn.ts) the
 * BFS asks at each state.
 *
 * Soundness rests on: footprints over-approximating what each step touches (found by
 * enumerating every path of every step over the value domains, at the probe count, and
 * assumed the same at any CPU count), "some always-property is violated" being sticky (so no
 * visibility condition is needed; checked, else transitions that write what an
 * always-property reads are never reduced), and the BFS proviso (a reduced state must lead
 * to a state not yet expanded). Sometimes-properties and progress are not preserved: race
 * windows are judged on the reduced graph (a window it misses makes the run inconclusive,
 * never a false holds), and progress is not judged.
 */
import { actionStride, compileModel } from '../core/compile.js';
import type { Machine } from '../core/machine.js';
import type { ModelSpec } from '../core/model.js';
import { footprintsOf, type ModelFootprints } from '../core/footprint.js';
import { PathBudget, PathBudgetSpent } from '../core/trace-paths.js';
import { violationIsSticky } from '../core/sticky.js';
import { transitionTable } from '../core/transitions.js';
import { checkDeadline } from '../core/deadline.js';
import { StateStore } from './state-store.js';
import { StubbornSets } from './stubborn.js';

export interface PartialOrder {
  readonly sets: StubbornSets;
  /** Violations are sticky: no transition is treated as visible. */
  readonly sticky: boolean;
  readonly transitions: number;
  readonly probeCpus: number;
}

/** States the probe exploration may visit (it only needs each field's largest value). */
const PROBE_MAX_STATES = 2_000_000;

/**
 * Paths the footprints and the stickiness check may run in all on the probe: about twice what
 * the TypeScript scenario that needs most takes (preempt-wait, 24,423 on x86-kvm-pv). Most
 * steps of a compiled C model have more than 2,000 paths each; without this bound learning took
 * 5-100 s per configuration (98 s on mmu-gather's 3-CPU probe) and then reduced nothing.
 */
export const FOOTPRINT_PATHS = 50_000;

/** The probe model is too large to learn footprints or value bounds from: the reduction is not used. */
export class ProbeTooLarge extends Error {}

/** The largest value each byte takes in the probe model's reachable states (symmetry-reduced). */
export function observedMaxima(m: Machine): Uint8Array {
  const max = new Uint8Array(m.stateSize);
  const store = new StateStore(m.stateSize);
  const s0 = m.initial();
  m.canonicalize(s0);
  store.intern(s0);
  const cur = new Uint8Array(m.stateSize);
  const next = new Uint8Array(m.stateSize);
  const acts = new Int32Array(m.maxActions);
  for (let h = 0; h < store.count; h++) {
    if (store.count > PROBE_MAX_STATES) throw new ProbeTooLarge(`the ${m.cpus}-CPU probe model has over ${PROBE_MAX_STATES} states`);
    if ((h & 1023) === 0) checkDeadline();
    store.read(h, cur);
    for (let i = 0; i < cur.length; i++) if (cur[i]! > max[i]!) max[i] = cur[i]!;
    const n = m.enabled(cur, acts);
    for (let k = 0; k < n; k++) {
      m.apply(cur, acts[k]!, next);
      m.canonicalize(next);
      store.intern(next);
    }
  }
  return max;
}

/**
 * The bound on each byte's values for the path enumeration of `probe`'s steps: the largest
 * value seen in its reachable states; a per-CPU field's over every CPU's block.
 */
export function probeMaxima(probe: ModelSpec): (byte: number) => number {
  const P = probe.layout;
  const seen = observedMaxima(compileModel(probe));
  const fieldMax = new Uint8Array(P.cpuSize);
  for (let c = 0; c < P.cpus; c++) for (let f = 0; f < P.cpuSize; f++) fieldMax[f] = Math.max(fieldMax[f]!, seen[P.base(c) + f]!);
  return (i) => (i < P.cpuBase ? seen[i]! : fieldMax[(i - P.cpuBase) % P.cpuSize]!);
}

export function partialOrderFor(build: (cpus: number) => ModelSpec, spec: ModelSpec, machine: Machine, probeCpus: number): PartialOrder {
  const probe = build(probeCpus);
  const observedMax = probeMaxima(probe);
  const budget = new PathBudget(FOOTPRINT_PATHS);
  let fp: ModelFootprints;
  let sticky: boolean;
  try {
    fp = footprintsOf(probe, observedMax, budget);
    sticky = violationIsSticky(probe, observedMax, budget);
  } catch (e) {
    if (!(e instanceof PathBudgetSpent)) throw e;
    throw new ProbeTooLarge(`learning its footprints takes ${e.message} on the ${probeCpus}-CPU model (a step of a C model runs whole kernel functions)`);
  }
  const table = transitionTable(spec, fp);
  if (sticky) table.visible.fill(0);
  const L = spec.layout;
  const K = actionStride(spec.roles);
  const events = spec.cpuRoles.map((r) => spec.roles[r]!.events.length);
  const sets = new StubbornSets(
    {
      table,
      progOffset: L.c.prog,
      pcOffset: L.c.pc,
      base: (c) => L.base(c),
      transitionOf: (s, a) => {
        const cpu = Math.floor(a / K);
        const local = a - cpu * K;
        const b = L.base(cpu);
        if (local === 0) return table.stepBase[cpu]![(s[b + L.c.prog] ?? 1) - 1]! + (s[b + L.c.pc] ?? 0);
        const e = events[cpu]!;
        if (local <= e) return table.eventBase[cpu]! + local - 1;
        return table.chooseBase[cpu]! + local - e - 1;
      },
    },
    machine.maxActions,
  );
  return { sets, sticky, transitions: table.count, probeCpus };
}
