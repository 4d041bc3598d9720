/**
 * Exhaustive breadth-first search: the first violation found is a shortest one.
 *
 * With `symmetry`, states are stored as the representative of their orbit
 * (`Machine.canonicalize`), and the counterexample is mapped back to concrete CPUs by
 * `concretize` so that it replays on the unreduced machine.
 */
import type { Machine } from '../core/machine.js';
import type { State } from '../core/model.js';
import type { ExploreResult, Limits } from './result.js';
import { SelfLoops } from './self-loop.js';
import { StateStore } from './state-store.js';
import { concretize } from './concretize.js';
import { EdgeLog } from './edge-log.js';
import { GrowableFlags, judgeProgress } from './progress.js';
import { SearchTree } from './search-tree.js';
import type { StubbornSets } from './stubborn.js';

/** Reduced sets tried per state before it is expanded in full (the proviso rejected the others). */
const POR_ATTEMPTS = 4;

export interface BfsOptions extends Limits {
  readonly symmetry: boolean;
  /**
   * Also judge progress (every-wait-completes) on the explored graph when safety holds,
   * logging at most `maxEdges` transitions (8 bytes each); above that it is not judged.
   */
  readonly progress?: { readonly maxEdges: number };
  /**
   * Partial-order reduction (./partial-order.ts): expand a stubborn subset of the enabled
   * actions. Proviso: a reduced set must lead to at least one state not yet expanded (a new
   * state, or one still in the queue), else another set is tried, and at last every action;
   * so along a path of reduced states the BFS index grows and no action is ignored forever.
   * Progress is not judged under it.
   */
  readonly partialOrder?: StubbornSets;
}

export function bfs(machine: Machine, opts: BfsOptions): ExploreResult {
  const t0 = performance.now();
  const symmetry = opts.symmetry && machine.symmetric;
  const always = machine.properties.filter((p) => p.kind === 'always');
  const sometimes = machine.properties.filter((p) => p.kind === 'sometimes');
  const reached: Record<string, boolean> = Object.fromEntries(sometimes.map((p) => [p.name, false]));
  let unreached = sometimes.length;

  const store = new StateStore(machine.stateSize);
  const tree = new SearchTree();
  const record = (idx: number, from: number, action: number): void => tree.record(idx, from, action);
  const por = opts.partialOrder;
  const edges = opts.progress !== undefined && por === undefined ? new EdgeLog(opts.progress.maxEdges) : undefined;
  // An ample set is chosen among all enabled actions, so partial-order reduction sees them all.
  const distinct = symmetry && por === undefined;
  const done = new GrowableFlags();

  const s0 = machine.initial();
  if (symmetry) machine.canonicalize(s0);
  const i0 = ~store.intern(s0);
  record(i0, -1, -1);

  const cur = new Uint8Array(machine.stateSize);
  const next = new Uint8Array(machine.stateSize);
  const acts = new Int32Array(machine.maxActions);
  const loops = new SelfLoops(cur, next, machine.stateSize);
  let transitions = 0;
  let depth = 0;
  let levelEnd = store.count;
  let head = 0;
  let lastProgress = t0;
  const found = { engine: 'exhaustive' as const, detail: [symmetry ? 'BFS, symmetry reduction' : 'BFS', ...(por !== undefined ? ['partial-order reduction'] : [])].join(', ') };
  const chosen = new Int32Array(machine.maxActions);
  const tried = new Uint8Array(machine.maxActions);

  const stats = () => {
    const seconds = (performance.now() - t0) / 1000;
    return {
      states: store.count,
      transitions,
      depth,
      seconds,
      bytesPerState: store.count === 0 ? 0 : (store.bytes + store.count * 8 + (edges?.count ?? 0) * 8) / store.count,
    };
  };

  const checkState = (s: State): string | undefined => {
    if (unreached > 0) {
      for (const p of sometimes) {
        if (!reached[p.name] && p.check(s)) {
          reached[p.name] = true;
          unreached--;
        }
      }
    }
    for (const p of always) if (!p.check(s)) return p.name;
    return undefined;
  };

  const violatedAt = (idx: number, property: string): ExploreResult => {
    const canonStates = tree.pathTo(idx);
    const canonPath = canonStates.map((i) => tree.via(i));
    const trace = symmetry
      ? concretize(
          machine,
          canonStates.map((i) => store.read(i, new Uint8Array(machine.stateSize))),
        )
      : canonPath;
    return { verdict: 'violated', property, trace, found, reached: { ...reached }, ...stats() };
  };

  const bad0 = checkState(s0);
  if (bad0 !== undefined) return violatedAt(i0, bad0);

  /** Takes action `acts[k]` from `cur` (state `head`); true if it leads to a state not yet expanded. */
  const take = (k: number): boolean | ExploreResult => {
    const a = acts[k]!;
    machine.apply(cur, a, next);
    transitions++;
    if (loops.same()) {
      // Back to state `head` itself: found there, not new.
      edges?.add(head, head);
      return false;
    }
    if (symmetry) machine.canonicalize(next);
    const r = store.intern(next);
    if (edges !== undefined) edges.add(head, r >= 0 ? r : ~r);
    if (r >= 0) return r > head;
    const idx = ~r;
    record(idx, head, a);
    const bad = checkState(next);
    if (bad !== undefined) {
      depth++;
      return violatedAt(idx, bad);
    }
    return true;
  };

  while (head < store.count) {
    if (head === levelEnd) {
      depth++;
      levelEnd = store.count;
    }
    store.read(head, cur);
    if (edges !== undefined && machine.finished(cur)) done.set(head);
    const n = distinct ? machine.enabledDistinct(cur, acts) : machine.enabled(cur, acts);
    let expanded = false;
    if (por !== undefined && n > 1) {
      tried.fill(0, 0, n);
      for (let attempt = 0; attempt < POR_ATTEMPTS && !expanded; attempt++) {
        const k = por.reduce(cur, acts, n, chosen);
        if (k === n) break;
        let fresh = false;
        for (let j = 0; j < k; j++) {
          const got = take(chosen[j]!);
          if (typeof got !== 'boolean') return got;
          tried[chosen[j]!] = 1;
          fresh ||= got;
        }
        if (fresh) expanded = true;
        else for (let j = 0; j < k; j++) {
          por.exclude(por.transitionAt(chosen[j]!));
        }
      }
      por.clearExclusions();
    }
    if (!expanded) {
      for (let k = 0; k < n; k++) {
        if (por !== undefined && n > 1 && tried[k] === 1) continue;
        const got = take(k);
        if (typeof got !== 'boolean') return got;
      }
    }
    head++;
    if ((head & 0x3fff) === 0) {
      const now = performance.now();
      if (store.count >= opts.maxStates || now - t0 > opts.timeoutMs) {
        return {
          verdict: 'inconclusive',
          reason: store.count >= opts.maxStates ? 'max-states' : 'timeout',
          found,
          reached: { ...reached },
          ...stats(),
        };
      }
      if (opts.onProgress && now - lastProgress > 250) {
        lastProgress = now;
        opts.onProgress({ states: store.count, transitions, depth, queue: store.count - head, seconds: (now - t0) / 1000 });
      }
    }
  }
  if (edges === undefined) return { verdict: 'holds', found, reached: { ...reached }, ...stats() };
  const progress = judgeProgress(machine, symmetry, store, edges, done.view(store.count), tree);
  return { verdict: 'holds', found, reached: { ...reached }, progress, ...stats() };
}
