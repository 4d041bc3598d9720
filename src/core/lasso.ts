/**
 * A progress counterexample as a lasso: from a stuck state (one from which no schedule lets
 * every waiting program finish), a short stem to a state on a cycle, and that cycle: what the
 * other CPUs can go on doing for ever while the wait never completes. Every state reachable
 * from a stuck state is stuck too, so any cycle there shows the violation. The stem is as
 * short as any (the first state, in breadth-first order, that lies on a cycle), the cycle the
 * shortest through it. Where nothing can run at all, the stuck region ends in a deadlock and
 * there is no cycle.
 */
import type { Machine } from './machine.js';
import type { State } from './model.js';
import { StateStore } from '../engines/state-store.js';

export interface Lasso {
  /** Actions from the stuck state to the first state of the cycle. */
  readonly stem: readonly number[];
  /** Actions that lead from that state back to it; empty: a deadlock at the end of the stem. */
  readonly cycle: readonly number[];
}

interface Graph {
  readonly store: StateStore;
  /** succ[i]: [action, target] pairs of state i, in the machine's order. */
  readonly succ: readonly (readonly (readonly [number, number])[])[];
  readonly parent: readonly number[];
  readonly via: readonly number[];
}

function explore(machine: Machine, start: State, maxStates: number): Graph | undefined {
  const store = new StateStore(machine.stateSize);
  store.intern(start);
  const succ: [number, number][][] = [];
  const parent: number[] = [-1];
  const via: number[] = [-1];
  const cur = new Uint8Array(machine.stateSize);
  const next = new Uint8Array(machine.stateSize);
  const acts = new Int32Array(machine.maxActions);
  for (let head = 0; head < store.count; head++) {
    if (store.count > maxStates) return undefined;
    store.read(head, cur);
    const out: [number, number][] = [];
    const n = machine.enabled(cur, acts);
    for (let k = 0; k < n; k++) {
      machine.apply(cur, acts[k]!, next);
      const r = store.intern(next);
      const idx = r >= 0 ? r : ~r;
      if (r < 0) {
        parent[idx] = head;
        via[idx] = acts[k]!;
      }
      out.push([acts[k]!, idx]);
    }
    succ.push(out);
  }
  return { store, succ, parent, via };
}

/** Actions along the breadth-first tree from the start to `i`. */
function pathTo(g: Graph, i: number): number[] {
  const out: number[] = [];
  for (let s = i; g.parent[s]! >= 0; s = g.parent[s]!) out.push(g.via[s]!);
  return out.reverse();
}

/** The shortest path of actions from `i` back to `i`, if any. */
function cycleThrough(g: Graph, i: number): number[] | undefined {
  const from = new Map<number, [number, number]>();
  const queue = [i];
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    for (const [a, t] of g.succ[s]!) {
      if (t === i) {
        const path = [a];
        for (let x = s; x !== i; x = from.get(x)![0]) path.push(from.get(x)![1]);
        return path.reverse();
      }
      if (from.has(t)) continue;
      from.set(t, [s, a]);
      queue.push(t);
    }
  }
  return undefined;
}

const MAX_CANDIDATES = 500;

/**
 * The lasso from `start`, or undefined if the stuck region is larger than `maxStates`. Where
 * `prefer` holds of some state on a cycle (a CPU already blocked in its wait), the cycle starts
 * at the first such state: the picture is then the wait hanging while the others go on.
 */
export function lassoFrom(machine: Machine, start: State, maxStates: number, prefer: (s: State) => boolean = () => true): Lasso | undefined {
  const g = explore(machine, start, maxStates);
  if (g === undefined) return undefined;
  const state = new Uint8Array(machine.stateSize);
  const candidates = Array.from({ length: g.succ.length }, (_, i) => i);
  const preferred = candidates.filter((i) => prefer(g.store.read(i, state)));
  // The looping CPUs make most stuck states lie on a cycle: the first few candidates do.
  for (const list of [preferred, candidates]) {
    for (const i of list.slice(0, MAX_CANDIDATES)) {
      const cycle = cycleThrough(g, i);
      if (cycle !== undefined) return { stem: pathTo(g, i), cycle };
    }
  }
  // No cycle: some reachable state has no step left to take.
  const dead = g.succ.findIndex((x) => x.length === 0);
  return dead < 0 ? undefined : { stem: pathTo(g, dead), cycle: [] };
}
