/**
 * A witness: one allowed execution, for the reviewer to read. Each process's events in
 * program order, with the source line each comes from, the value read or written, and for
 * each read the write it reads from; then each location's coherence order.
 */
import type { Execution } from './exec/candidates.js';
import type { GEvent } from './exec/skeleton.js';
import { isAddr, isPoison, locOfAddr } from './exec/value.js';
import type { LitmusTest } from './parse.js';

export interface WitnessEvent {
  /** `P1`, or `init`. */
  readonly proc: string;
  readonly line: number;
  /** The statement as written. */
  readonly text: string;
  /** `R x=1`, `W y=2`, `F mb`, `LKR l`, ... with herd7's annotation: `R[ONCE] x=1`. */
  readonly access: string;
  /** For a read: the access it reads from, as `P0 W[ONCE] x=1 (line 12)`. */
  readonly readsFrom: string | null;
}

export interface Witness {
  readonly events: readonly WitnessEvent[];
  /** Per location with more than its initial write: writes in coherence order. */
  readonly coherence: readonly { readonly loc: string; readonly order: readonly string[] }[];
}

export function showValue(test: LitmusTest, v: number): string {
  if (isPoison(v)) return '?';
  if (isAddr(v)) return test.program.locs[locOfAddr(v)]?.name ?? '?';
  return String(v);
}

export function access(test: LitmusTest, e: GEvent): string {
  const loc = e.loc >= 0 ? (test.program.locs[e.loc]?.name ?? '?') : '';
  const tag = e.tag === null || e.tag === 'plain' ? '' : `[${e.tag}]`;
  if (e.kind === 'F') return `F ${e.fence ?? '?'}`;
  if (e.kind === 'R' || e.kind === 'W') return `${e.kind}${tag} ${loc}=${showValue(test, e.value)}`;
  return `${e.kind} ${loc}`;
}

/** An event for a reader: `P0 W[ONCE] x=1 (line 12)`, `initial x=0`. */
export function describe(test: LitmusTest, e: GEvent): string {
  if (e.init) return `initial ${access(test, e).slice(2)}`;
  return `P${e.thread} ${access(test, e)} (line ${e.src.line})`;
}

/** Two accesses that race (linux-kernel.cat's `data-race` flag) in an allowed execution. */
export interface RaceWitness {
  readonly a: string;
  readonly b: string;
  readonly execution: Witness;
}

export function raceOf(test: LitmusTest, x: Execution, pair: readonly [number, number]): RaceWitness {
  return { a: describe(test, x.sk.ev(pair[0])), b: describe(test, x.sk.ev(pair[1])), execution: witnessOf(test, x) };
}

export function witnessOf(test: LitmusTest, x: Execution): Witness {
  const events = x.sk.events
    .filter((e) => !e.init)
    .map((e) => {
      const src = x.rfSrc[e.id]!;
      return {
        proc: `P${e.thread}`,
        line: e.src.line,
        text: e.src.text,
        access: access(test, e),
        readsFrom: src >= 0 ? describe(test, x.sk.ev(src)) : null,
      };
    });
  const coherence = x.coSeq
    .map((seq, l) => ({ loc: test.program.locs[l]?.name ?? '?', order: seq.map((id) => describe(test, x.sk.ev(id))) }))
    .filter((c) => c.order.length > 1);
  return { events, coherence };
}
