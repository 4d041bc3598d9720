/**
 * Progress (every-wait-completes) on the graph the workers explored: can every state reach a
 * state where every non-looping program finished? `canFinish` (one byte per dense state
 * number) starts as the finished states and is grown to every state with a path to one; a
 * state left at 0 is stuck. The same answer as `EdgeLog.cannotReach` (../edge-log.ts).
 *
 * The workers grow it in parallel with `propagate` passes over their own edges, on one shared
 * `canFinish`: a state is marked once a successor is. Their logs are in BFS order, so a pass
 * run from the end marks most states at once; passes repeat until one marks nothing, which is
 * the least fixpoint, i.e. backward reachability (marks are only ever set, so a pass that saw
 * other workers' marks late only delays the fixpoint). If that takes too many passes,
 * `complete` finishes by backward search over the reversed edges on the coordinator.
 */
import type { Adjacency } from './forward-edges.js';

/** One worker's passes over its own edges; each pass visits only the sources still unmarked. */
export class Propagation {
  /** Indices (into `adj.sources`) of the sources not marked yet, last expanded first. */
  private pending: Int32Array;
  private left: number;

  constructor(
    private readonly adj: Adjacency,
    private readonly canFinish: Uint8Array,
  ) {
    const n = adj.sources.length;
    this.pending = new Int32Array(n);
    this.left = 0;
    for (let i = n - 1; i >= 0; i--) if (canFinish[adj.sources[i]!] === 0) this.pending[this.left++] = i;
  }

  /** Marks each unmarked source with a marked target; returns how many it marked. */
  pass(): number {
    const { sources, starts, targets } = this.adj;
    const canFinish = this.canFinish;
    const pending = this.pending;
    let kept = 0;
    let marked = 0;
    for (let k = 0; k < this.left; k++) {
      const i = pending[k]!;
      const s = sources[i]!;
      if (canFinish[s] !== 0) continue;
      let found = false;
      const end = starts[i + 1]!;
      for (let e = starts[i]!; e < end; e++) {
        if (canFinish[targets[e]!] !== 0) {
          found = true;
          break;
        }
      }
      if (found) {
        canFinish[s] = 1;
        marked++;
      } else pending[kept++] = i;
    }
    this.left = kept;
    return marked;
  }
}

/** Marks every state with a path to a marked one: predecessor lists (CSR), then a search. */
export function complete(states: number, adjs: readonly Adjacency[], canFinish: Uint8Array): void {
  const first = new Int32Array(states + 1);
  let edges = 0;
  for (const { targets } of adjs) {
    edges += targets.length;
    for (let e = 0; e < targets.length; e++) first[targets[e]! + 1]!++;
  }
  for (let i = 0; i < states; i++) first[i + 1]! += first[i]!;
  const fill = first.slice(0, states);
  const preds = new Int32Array(edges);
  for (const { sources, starts, targets } of adjs) {
    for (let i = 0; i < sources.length; i++) {
      for (let e = starts[i]!; e < starts[i + 1]!; e++) preds[fill[targets[e]!]!++] = sources[i]!;
    }
  }
  const stack = new Int32Array(states);
  let sp = 0;
  for (let i = 0; i < states; i++) if (canFinish[i] !== 0) stack[sp++] = i;
  while (sp > 0) {
    const x = stack[--sp]!;
    for (let k = first[x]!; k < first[x + 1]!; k++) {
      const p = preds[k]!;
      if (canFinish[p] === 0) {
        canFinish[p] = 1;
        stack[sp++] = p;
      }
    }
  }
}

/** States left unmarked: stuck. */
export function countStuck(canFinish: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < canFinish.length; i++) if (canFinish[i] === 0) n++;
  return n;
}
