/**
 * The reachable graph of a compiled model seen through a projection: the states it reaches
 * (each projected to an index of a store the caller shares between the models it compares) and
 * the transitions that change the projected state, labelled by the caller. Both kinds of
 * derived equivalence use it: the TypeScript scenarios' (./same-graph.ts) and the C models'
 * source mutants (./c/same-graph.ts).
 */
import type { Machine } from '../core/machine.js';
import { StateStore } from '../engines/state-store.js';

export interface ProjectedGraph {
  /** Projected states (indices into the caller's shared store). */
  readonly states: ReadonlySet<number>;
  /** `source,label,target` of every transition that changes the projected state. */
  readonly edges: ReadonlySet<string>;
}

export interface Projection {
  /** The index of a state's projection. */
  readonly project: (state: Uint8Array) => number;
  /** The label of `action` taken in `state`. */
  readonly label: (state: Uint8Array, action: number) => number;
  /** Whether states are put in canonical form (symmetric CPUs compared up to permutation). */
  readonly canonical: boolean;
}

/** The projected graph of `machine`, or undefined if it has more than `maxStates` states. */
export function projectedGraph(machine: Machine, p: Projection, maxStates: number): ProjectedGraph | undefined {
  const seen = new StateStore(machine.stateSize);
  const states = new Set<number>();
  const edges = new Set<string>();
  const s0 = machine.initial();
  if (p.canonical) machine.canonicalize(s0);
  seen.intern(s0);
  const cur = new Uint8Array(machine.stateSize);
  const next = new Uint8Array(machine.stateSize);
  const acts = new Int32Array(machine.maxActions);
  for (let head = 0; head < seen.count; head++) {
    if (seen.count > maxStates) return undefined;
    seen.read(head, cur);
    const from = p.project(cur);
    states.add(from);
    const n = machine.enabled(cur, acts);
    for (let k = 0; k < n; k++) {
      machine.apply(cur, acts[k]!, next);
      if (p.canonical) machine.canonicalize(next);
      seen.intern(next);
      const to = p.project(next);
      if (to === from) continue;
      edges.add(`${from},${p.label(cur, acts[k]!)},${to}`);
    }
  }
  return { states, edges };
}

/** Whether two graphs reach the same projected states by the same transitions. */
export function sameGraph(a: ProjectedGraph, b: ProjectedGraph): boolean {
  if (a.states.size !== b.states.size || a.edges.size !== b.edges.size) return false;
  for (const s of a.states) if (!b.states.has(s)) return false;
  for (const e of a.edges) if (!b.edges.has(e)) return false;
  return true;
}
