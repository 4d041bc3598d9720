/**
 * Partial-order reduction read off its rules, written apart from src/engines/stubborn.ts and
 * the reduced BFS in src/engines/bfs.ts so that a test can hold the two against each other:
 * sets of numbers instead of bitsets, each closure computed to its end, each action's
 * transition found by its CPU, kind and name. It takes the static transitions and their
 * dependency relation from src/core/transitions.ts (tested on its own in core-units).
 *
 * The rules, as stubborn.ts states them. A stubborn set is closed under: an enabled
 * transition brings every transition dependent on it; a disabled one brings a necessary
 * enabling set: its CPU's current step if it is a later step of the program the CPU runs, the
 * program choice if the CPU has not chosen yet, nothing if it can never run again (another
 * program was chosen, or a non-looping program is past it), and otherwise the transitions that
 * may write a byte its guard read in this state (the false leaf of its guard's decision tree;
 * without a tree, every writer of a byte the guard may read). Seeds: one enabled transition
 * per CPU, the one with the fewest dependents (ties in action order), CPUs in that order; a
 * set with a visible or excluded enabled transition is not used; the one with the fewest
 * enabled transitions wins (the first found among equals); no set smaller than all of them
 * means no reduction. The search (bfs.ts): a state with more than one enabled action expands
 * a reduced set if one of its successors is not yet expanded (new, or later in the queue);
 * else it excludes that set's transitions and tries again, four times at most, and at last
 * takes every action not taken yet.
 */
import { compileModel } from '../../src/core/compile.js';
import type { Machine } from '../../src/core/machine.js';
import type { GuardTree, RelLoc } from '../../src/core/footprint.js';
import { footprintsOf } from '../../src/core/footprint.js';
import type { ModelSpec, State } from '../../src/core/model.js';
import { violationIsSticky } from '../../src/core/sticky.js';
import { transitionTable, type TransitionTable } from '../../src/core/transitions.js';
import { probeMaxima } from '../../src/engines/partial-order.js';

export interface NaiveReduced {
  readonly verdict: 'holds' | 'violated';
  readonly states: number;
  readonly transitions: number;
}

const ATTEMPTS = 4;

/** The transition an enabled action stands for, found by its CPU, kind and name. */
function transitionOf(spec: ModelSpec, T: TransitionTable, m: Machine, s: State, a: number): number {
  const info = m.info(s, a);
  const role = spec.roles[spec.cpuRoles[info.cpu]!]!;
  for (let t = 0; t < T.count; t++) {
    if (T.cpu[t] !== info.cpu) continue;
    const name = T.kind[t] === 'event' ? role.events[T.index[t]!]!.name : T.kind[t] === 'choose' ? role.programs[T.program[t]! - 1]!.name : role.programs[T.program[t]! - 1]!.steps[T.index[t]!]!.name;
    const kind = T.kind[t] === 'step' ? 'program' : T.kind[t];
    if (kind === info.kind && name === info.name && (T.kind[t] !== 'step' || T.index[t] === s[spec.layout.base(info.cpu) + spec.layout.c.pc])) return t;
  }
  throw new Error(`no transition for ${info.kind} ${info.name} on CPU${info.cpu}`);
}

/** What transition `x`, disabled in `s`, needs first (see the header). */
function necessary(spec: ModelSpec, T: TransitionTable, s: State, x: number): number[] {
  const L = spec.layout;
  const c = T.cpu[x]!;
  const prog = s[L.base(c) + L.c.prog]!;
  const pc = s[L.base(c) + L.c.pc]!;
  const writersOfGuard = (): number[] => {
    const tree = T.guardTree[x];
    const byteOf = (l: RelLoc): number => (l.scope === 'self' ? L.base(c) + l.field : l.field);
    let node: GuardTree | undefined = tree;
    while (node !== undefined && node.kind === 'read') node = node.next[s[byteOf(node.loc)]!];
    if (node !== undefined && !node.result) return [...new Set(node.reads.map(byteOf).flatMap((b) => [...T.writersOfByte[b]!]))];
    return [...T.enablerList.subarray(T.enablerStart[x]!, T.enablerStart[x + 1]!)];
  };
  if (T.kind[x] === 'event') return writersOfGuard();
  if (T.kind[x] === 'choose') return prog !== 0 ? [] : writersOfGuard();
  const p = T.program[x]!;
  const i = T.index[x]!;
  if (prog === 0) return [T.chooseBase[c]! + p - 1];
  if (prog !== p || pc >= T.length[x]!) return [];
  if (pc === i) return writersOfGuard();
  if (i < pc && T.loops[x] === 0) return [];
  return [T.stepBase[c]![p - 1]! + pc];
}

/** The closure of `seed` in `s`: every transition the rules bring in. */
function closure(spec: ModelSpec, T: TransitionTable, s: State, enabled: ReadonlySet<number>, seed: number): Set<number> {
  const set = new Set([seed]);
  const todo = [seed];
  for (let x = todo.pop(); x !== undefined; x = todo.pop()) {
    const more = enabled.has(x) ? [...T.depList.subarray(T.depStart[x]!, T.depStart[x + 1]!)] : necessary(spec, T, s, x);
    for (const y of more) {
      if (set.has(y)) continue;
      set.add(y);
      todo.push(y);
    }
  }
  return set;
}

/** The BFS of src/engines/bfs.ts with the reduction as its rules read, no symmetry. */
export function naiveReducedBfs(build: (cpus: number) => ModelSpec, cpus: number): NaiveReduced {
  const spec = build(cpus);
  const m = compileModel(spec);
  const max = probeMaxima(spec);
  const T = transitionTable(spec, footprintsOf(spec, max));
  const visible = violationIsSticky(spec, max) ? new Set<number>() : new Set(Array.from({ length: T.count }, (_, t) => t).filter((t) => T.visible[t] === 1));
  const weight = (t: number) => T.depStart[t + 1]! - T.depStart[t]!;
  const bad = (s: State) => spec.properties.some((p) => p.kind === 'always' && !p.check(s));

  const index = new Map<string, number>();
  const states: State[] = [];
  const add = (s: State): number | undefined => {
    const key = s.join();
    const old = index.get(key);
    if (old !== undefined) return old;
    index.set(key, states.length);
    states.push(s);
    return undefined;
  };
  const s0 = m.initial();
  add(s0);
  if (bad(s0)) return { verdict: 'violated', states: 1, transitions: 0 };
  let transitions = 0;
  const acts = new Int32Array(m.maxActions);

  /** Indices of the actions in the reduced set, or all of them. */
  const reduce = (s: State, tids: readonly number[], excluded: ReadonlySet<number>): number[] => {
    const all = tids.map((_, k) => k);
    const enabled = new Set(tids);
    const blocked = (t: number) => visible.has(t) || excluded.has(t);
    let best = tids.length;
    let bestSet: Set<number> | undefined;
    const tried = new Set<number>();
    const order = [...all].sort((a, b) => weight(tids[a]!) - weight(tids[b]!));
    for (const k of order) {
      if (best <= 1) break;
      const seed = tids[k]!;
      if (blocked(seed) || tried.has(T.cpu[seed]!)) continue;
      tried.add(T.cpu[seed]!);
      const set = closure(spec, T, s, enabled, seed);
      const inSet = [...set].filter((t) => enabled.has(t));
      if (inSet.some(blocked) || inSet.length >= best) continue;
      best = inSet.length;
      bestSet = set;
    }
    return bestSet === undefined ? all : all.filter((k) => bestSet.has(tids[k]!));
  };

  for (let head = 0; head < states.length; head++) {
    const s = states[head]!;
    const n = m.enabled(s, acts);
    const actions = Array.from(acts.subarray(0, n));
    const tids = actions.map((a) => transitionOf(spec, T, m, s, a));
    /** Takes action k; true if it leads to a state not yet expanded; 'violated' if to a violation. */
    const take = (k: number): boolean | 'violated' => {
      const next = new Uint8Array(m.stateSize);
      m.apply(s, actions[k]!, next);
      transitions++;
      const old = add(next);
      if (old !== undefined) return old > head;
      return bad(next) ? 'violated' : true;
    };
    const taken = new Set<number>();
    let expanded = false;
    if (n > 1) {
      const excluded = new Set<number>();
      for (let attempt = 0; attempt < ATTEMPTS && !expanded; attempt++) {
        const chosen = reduce(s, tids, excluded);
        if (chosen.length === n) break;
        let fresh = false;
        for (const k of chosen) {
          const got = take(k);
          if (got === 'violated') return { verdict: 'violated', states: states.length, transitions };
          taken.add(k);
          fresh ||= got;
        }
        if (fresh) expanded = true;
        else for (const k of chosen) excluded.add(tids[k]!);
      }
    }
    if (!expanded) {
      for (let k = 0; k < n; k++) {
        if (taken.has(k)) continue;
        if (take(k) === 'violated') return { verdict: 'violated', states: states.length, transitions };
      }
    }
  }
  return { verdict: 'holds', states: states.length, transitions };
}
