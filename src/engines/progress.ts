/**
 * Progress: from every reachable state, can every non-looping program still finish? A state
 * from which no path reaches `Machine.finished` is stuck: a wait that can never complete (a
 * flush, sync or kick that never finishes), whatever the looping actors keep doing. Checked by
 * exhaustive forward exploration (no reduction) and backward reachability over the stored
 * edges; bounded by `maxStates`. The trace to the first stuck state in BFS order is shortest.
 */
import type { Machine } from '../core/machine.js';
import type { State } from '../core/model.js';
import { concretize } from './concretize.js';
import { StateStore } from './state-store.js';

export type ProgressResult =
  | { readonly verdict: 'progresses'; readonly states: number }
  | { readonly verdict: 'stuck'; readonly states: number; readonly stuckStates: number; readonly trace: readonly number[] }
  | { readonly verdict: 'inconclusive'; readonly states: number };

/**
 * With `symmetry`, states are orbit representatives: "can finish" is symmetric (it does not
 * name a CPU), so the quotient graph answers it exactly (Emerson and Sistla), and the trace is
 * mapped back to concrete CPUs. `start` (replay) runs unreduced from a given state.
 */
export function checkProgress(machine: Machine, maxStates: number, start?: State, symmetry = false): ProgressResult {
  const sym = symmetry && start === undefined && machine.symmetric;
  const store = new StateStore(machine.stateSize);
  const s0 = start ?? machine.initial();
  if (sym) machine.canonicalize(s0);
  store.intern(s0);
  const from: number[] = [];
  const to: number[] = [];
  const parent: number[] = [-1];
  const via: number[] = [-1];
  const done: number[] = [];
  const cur = new Uint8Array(machine.stateSize);
  const next = new Uint8Array(machine.stateSize);
  const acts = new Int32Array(machine.maxActions);
  for (let head = 0; head < store.count; head++) {
    if (store.count > maxStates) return { verdict: 'inconclusive', states: store.count };
    store.read(head, cur);
    if (machine.finished(cur)) done.push(head);
    const n = machine.enabled(cur, acts);
    for (let k = 0; k < n; k++) {
      machine.apply(cur, acts[k]!, next);
      if (sym) machine.canonicalize(next);
      const r = store.intern(next);
      const idx = r >= 0 ? r : ~r;
      if (r < 0) {
        parent[idx] = head;
        via[idx] = acts[k]!;
      }
      from.push(head);
      to.push(idx);
    }
  }
  // Backward reachability from the finished states.
  const preds: number[][] = Array.from({ length: store.count }, () => []);
  for (let e = 0; e < from.length; e++) preds[to[e]!]!.push(from[e]!);
  const ok = new Uint8Array(store.count);
  const stack = [...done];
  for (const d of done) ok[d] = 1;
  while (stack.length > 0) {
    const x = stack.pop()!;
    for (const p of preds[x]!) {
      if (ok[p] === 0) {
        ok[p] = 1;
        stack.push(p);
      }
    }
  }
  let stuck = 0;
  let first = -1;
  for (let i = 0; i < store.count; i++) {
    if (ok[i] !== 0) continue;
    stuck++;
    if (first < 0) first = i;
  }
  if (stuck === 0) return { verdict: 'progresses', states: store.count };
  const path: number[] = [];
  for (let i = first; parent[i]! >= 0; i = parent[i]!) path.push(i);
  path.reverse();
  const trace = sym ? concretize(machine, path.map((i) => store.read(i, new Uint8Array(machine.stateSize)))) : path.map((i) => via[i]!);
  return { verdict: 'stuck', states: store.count, stuckStates: stuck, trace };
}

/** Name of the progress property reported by checks and stored in counterexample files. */
export const PROGRESS_PROPERTY = 'every-wait-completes';
