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
import { projectedGraph, sameGraph, type ProjectedGraph } from './projected-graph.js';

export type ObservedGraph = ProjectedGraph;
export { sameGraph };

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
    const proj = new Uint8Array(size);
    const project = (s: Uint8Array): number => {
      proj.set(s);
      for (const o of dropped) proj[o] = 0;
      machine.canonicalize(proj);
      const i = projected.intern(proj);
      return i < 0 ? ~i : i;
    };
    return projectedGraph(
      machine,
      {
        project,
        label: (cur, action) => {
          const info = machine.info(cur, action);
          const key = `${info.role}\u0000${info.kind}\u0000${info.name}`;
          let label = this.labels.get(key);
          if (label === undefined) {
            label = this.labels.size;
            this.labels.set(key, label);
          }
          return label;
        },
        canonical: true,
      },
      maxStates,
    );
  }
}
