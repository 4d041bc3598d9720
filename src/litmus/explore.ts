/**
 * Exhaustive breadth-first search over litmus states. Deterministic: successors come from
 * `enabled` in a fixed order and the visited set is keyed by `stateKey`. Returns every
 * distinct final state together with a shortest path to it, so a witness is a shortest
 * execution reaching an outcome. Exceeding `maxStates` is a `LitmusError`; a non-final state
 * with no enabled step is a model bug and throws a plain `Error`.
 */
import { LitmusError } from './error.js';
import type { LitmusState } from './state.js';
import { initialState, isFinal, stateKey } from './state.js';
import { apply, enabled, type Program, type StepEvent } from './step.js';

export interface Explored {
  readonly states: number;
  readonly transitions: number;
  /** Final states in discovery order. */
  readonly finals: readonly LitmusState[];
  /** Path (events) from the initial state to `finals[k]`. */
  pathTo(k: number): StepEvent[];
}

export function explore(p: Program, maxStates = 2_000_000): Explored {
  const s0 = initialState(p.test);
  const states: LitmusState[] = [s0];
  const parent: number[] = [-1];
  const via: (StepEvent | null)[] = [null];
  const index = new Map<string, number>([[stateKey(s0), 0]]);
  const finals: number[] = [];
  let transitions = 0;
  for (let head = 0; head < states.length; head++) {
    const s = states[head];
    if (s === undefined) break;
    if (isFinal(s)) {
      finals.push(head);
      continue;
    }
    const acts = enabled(p, s);
    // With cmpxchg ordered only on success, a po-later access that ran early (betting on a
    // failure) leaves no way on once the cmpxchg would succeed: that execution is not allowed.
    if (acts.length === 0 && !p.orderings.some((o) => o.successOrdered?.some((x) => x) === true)) {
      throw new Error(`litmus: stuck in a non-final state (${stateKey(s)})`);
    }
    for (const a of acts) {
      transitions++;
      const { next, event } = apply(p, s, a);
      const k = stateKey(next);
      if (index.has(k)) continue;
      if (states.length >= maxStates) throw new LitmusError(`test too large: more than ${maxStates} states`);
      index.set(k, states.length);
      states.push(next);
      parent.push(head);
      via.push(event);
    }
  }
  return {
    states: states.length,
    transitions,
    finals: finals.map((i) => states[i] ?? s0),
    pathTo(k: number): StepEvent[] {
      const out: StepEvent[] = [];
      for (let i = finals[k] ?? 0; i > 0; i = parent[i] ?? 0) {
        const e = via[i];
        if (e !== null && e !== undefined) out.push(e);
      }
      return out.reverse();
    },
  };
}
