/**
 * Derived equivalence: a mutant whose reachable graph is the unmutated model's changes nothing
 * a safety verdict could ever see. The graph is taken over the fields such a verdict depends
 * on (./observed-fields.ts) and up to what only the mutation itself changes: the program
 * counters are projected out (a moved or dropped step shifts them), and a step that changes
 * nothing else (a wait that is already over, a barrier under sequential consistency, an update
 * of a field nobody looks at) is a self-loop and left out. Two graphs are equal when they reach
 * the same projected states by the same transitions (source state, CPU role and step name,
 * target state). Symmetric CPUs are compared up to permutation (canonical states).
 */
import { compileModel } from '../core/compile.js';
import type { ModelSpec } from '../core/model.js';
import { StateStore } from '../engines/state-store.js';

export interface ObservedGraph {
  /** Projected states (indices into the comparison's shared store). */
  readonly states: ReadonlySet<number>;
  /** `source,label,target` of every transition that changes the projected state. */
  readonly edges: ReadonlySet<string>;
}

/** Graphs of the mutants of one configuration, over one shared store of projected states. */
export class GraphComparison {
  private store: StateStore | undefined;
  private readonly labels = new Map<string, number>();
  /** Bytes kept by the projection (all but the program counters when not given). */
  private readonly keep: ((byte: number) => boolean) | undefined;

  constructor(keep?: ReadonlySet<number>) {
    this.keep = keep === undefined ? undefined : (b) => keep.has(b);
  }

  /** The observed graph of `spec`, or undefined if it has more than `maxStates` states. */
  graph(spec: ModelSpec, maxStates: number): ObservedGraph | undefined {
    const machine = compileModel(spec);
    const L = spec.layout;
    const size = machine.stateSize;
    const projected = (this.store ??= new StateStore(size));
    if (projected.stateSize !== size) return undefined;
    const pcs = Array.from({ length: L.cpus }, (_, c) => L.base(c) + L.c.pc);
    const keep = this.keep;
    const dropped = keep === undefined ? pcs : Array.from({ length: size }, (_, b) => b).filter((b) => !keep(b) || pcs.includes(b));
    const seen = new StateStore(size);
    const proj = new Uint8Array(size);
    const project = (s: Uint8Array): number => {
      proj.set(s);
      for (const o of dropped) proj[o] = 0;
      machine.canonicalize(proj);
      const i = projected.intern(proj);
      return i < 0 ? ~i : i;
    };
    const states = new Set<number>();
    const edges = new Set<string>();
    const s0 = machine.initial();
    machine.canonicalize(s0);
    seen.intern(s0);
    const cur = new Uint8Array(size);
    const next = new Uint8Array(size);
    const acts = new Int32Array(machine.maxActions);
    for (let head = 0; head < seen.count; head++) {
      if (seen.count > maxStates) return undefined;
      seen.read(head, cur);
      const from = project(cur);
      states.add(from);
      const n = machine.enabled(cur, acts);
      for (let k = 0; k < n; k++) {
        const info = machine.info(cur, acts[k]!);
        machine.apply(cur, acts[k]!, next);
        machine.canonicalize(next);
        seen.intern(next);
        const to = project(next);
        if (to === from) continue;
        const key = `${info.role}\u0000${info.kind}\u0000${info.name}`;
        let label = this.labels.get(key);
        if (label === undefined) {
          label = this.labels.size;
          this.labels.set(key, label);
        }
        edges.add(`${from},${label},${to}`);
      }
    }
    return { states, edges };
  }
}

export function sameGraph(a: ObservedGraph, b: ObservedGraph): boolean {
  if (a.states.size !== b.states.size || a.edges.size !== b.edges.size) return false;
  for (const s of a.states) if (!b.states.has(s)) return false;
  for (const e of a.edges) if (!b.edges.has(e)) return false;
  return true;
}
