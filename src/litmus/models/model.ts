/**
 * A memory model, axiomatically: given a candidate execution (events, reads-from, coherence
 * order), is it allowed, and which of the model's flags does it raise? The candidate
 * executions are the same for every model (../exec/candidates.ts); models differ only here.
 *
 * Every model must be monotone in `rf` and `co` (adding edges never turns a forbidden
 * execution into an allowed one): the enumerator relies on it to cut reads-from choices
 * before choosing coherence orders.
 */
import type { Execution } from '../exec/candidates.js';

export type LitmusModelName = 'lkmm' | 'sc' | 'tso';

export const LITMUS_MODEL_NAMES: readonly LitmusModelName[] = ['lkmm', 'sc', 'tso'];

export interface Judgement {
  readonly allowed: boolean;
  /** The first check that failed (herd7's name: `happens-before`, `propagation`, ...). */
  readonly failed: string | null;
  /** Flags raised (herd7's `flag` statements: `data-race`, ...), only when asked for. */
  readonly flags: readonly string[];
  /** With `data-race`: one racing pair of events (ww-race, wr-race or rw-race), by event id. */
  readonly race?: readonly [number, number];
}

export interface MemoryModel {
  readonly name: LitmusModelName;
  judge(x: Execution, withFlags: boolean): Judgement;
}

export const allowed = (flags: readonly string[] = [], race?: readonly [number, number]): Judgement => ({ allowed: true, failed: null, flags, ...(race === undefined ? {} : { race }) });
export const forbidden = (check: string): Judgement => ({ allowed: false, failed: check, flags: [] });
