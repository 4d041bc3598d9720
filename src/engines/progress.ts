/**
 * Progress: from every reachable state, can every non-looping program still finish? A state
 * from which no path reaches `Machine.finished` is stuck: a wait that can never complete (a
 * flush, sync or kick that never finishes), whatever the looping actors keep doing. Checked by
 * backward reachability over the explored edges (typed arrays, compressed-sparse-row); the
 * trace to the first stuck state in BFS order is shortest.
 */
import type { Machine } from '../core/machine.js';
import type { State } from '../core/model.js';
import { concretize } from './concretize.js';
import { EdgeLog } from './edge-log.js';
import { SearchTree } from './search-tree.js';
import { StateStore } from './state-store.js';

export type ProgressResult =
  | { readonly verdict: 'progresses'; readonly states: number }
  | { readonly verdict: 'stuck'; readonly states: number; readonly stuckStates: number; readonly trace: readonly number[] }
  | { readonly verdict: 'inconclusive'; readonly states: number };

/**
 * With `symmetry`, states are orbit representatives: "can finish" is symmetric (it does not
 * name a CPU), so the quotient graph answers it exactly (Emerson and Sistla), and the trace is
 * mapped back to concrete CPUs. `start` (replay) runs unreduced from a given state.
 * The BFS engine runs the same judgement on the graph it explored (`bfs(..., { progress })`),
 * so a `holds` verdict does not explore the space twice.
 */
export function checkProgress(machine: Machine, maxStates: number, start?: State, symmetry = false): ProgressResult {
  const sym = symmetry && start === undefined && machine.symmetric;
  const store = new StateStore(machine.stateSize);
  const s0 = start ?? machine.initial();
  if (sym) machine.canonicalize(s0);
  store.intern(s0);
  const edges = new EdgeLog(Number.MAX_SAFE_INTEGER);
  const tree = new SearchTree();
  tree.record(0, -1, -1);
  const done = new GrowableFlags();
  const cur = new Uint8Array(machine.stateSize);
  const next = new Uint8Array(machine.stateSize);
  const acts = new Int32Array(machine.maxActions);
  for (let head = 0; head < store.count; head++) {
    if (store.count > maxStates) return { verdict: 'inconclusive', states: store.count };
    store.read(head, cur);
    if (machine.finished(cur)) done.set(head);
    const n = machine.enabled(cur, acts);
    for (let k = 0; k < n; k++) {
      machine.apply(cur, acts[k]!, next);
      if (sym) machine.canonicalize(next);
      const r = store.intern(next);
      const idx = r >= 0 ? r : ~r;
      if (r < 0) tree.record(idx, head, acts[k]!);
      edges.add(head, idx);
    }
  }
  return judgeProgress(machine, sym, store, edges, done.view(store.count), tree);
}

/**
 * The verdict on an explored graph: states are numbered in BFS order, `done[i]` marks states
 * where every non-looping program finished, `tree` holds each state's BFS parent.
 */
export function judgeProgress(machine: Machine, sym: boolean, store: StateStore, edges: EdgeLog, done: Uint8Array, tree: SearchTree): ProgressResult {
  if (!edges.complete) return { verdict: 'inconclusive', states: store.count };
  const stuckFlags = edges.cannotReach(store.count, done);
  let stuck = 0;
  let first = -1;
  for (let i = 0; i < store.count; i++) {
    if (stuckFlags[i] === 0) continue;
    stuck++;
    if (first < 0) first = i;
  }
  if (stuck === 0) return { verdict: 'progresses', states: store.count };
  const path = tree.pathTo(first);
  const trace = sym ? concretize(machine, path.map((i) => store.read(i, new Uint8Array(machine.stateSize)))) : path.map((i) => tree.via(i));
  return { verdict: 'stuck', states: store.count, stuckStates: stuck, trace };
}

/** Per-state flags that grow with the state count. */
export class GrowableFlags {
  private bits = new Uint8Array(1 << 12);

  set(i: number): void {
    if (i >= this.bits.length) {
      let n = this.bits.length;
      while (n <= i) n *= 2;
      const b = new Uint8Array(n);
      b.set(this.bits);
      this.bits = b;
    }
    this.bits[i] = 1;
  }

  /** The first `count` flags. */
  view(count: number): Uint8Array {
    const out = new Uint8Array(count);
    out.set(this.bits.subarray(0, Math.min(count, this.bits.length)));
    return out;
  }
}

/** Name of the progress property reported by checks and stored in counterexample files. */
export const PROGRESS_PROPERTY = 'every-wait-completes';
