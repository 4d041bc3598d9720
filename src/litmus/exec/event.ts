/**
 * Events: what one process does in one execution, as herd7's C semantics generates them.
 *
 * - `R`/`W`: a read or write of a location, with herd7's annotation (`tag`); a read-modify-
 *   write instruction gives an `R` and, if it writes, a `W` (`atomic`: both are in herd7's
 *   `RMW` set; `rmwWrite` links a read to its write, herd7's `rmw`);
 * - `F`: a fence (`smp_mb()`, `rcu_read_lock()`, `synchronize_rcu()`, ...);
 * - lock events (lock.cat): `LKR`/`LKW` the read and write of spin_lock() or a successful
 *   spin_trylock(), `UL` spin_unlock(), `LF` a failed spin_trylock(), `RL`/`RU`
 *   spin_is_locked() returning true/false;
 * - `SRCU-SYNC`: synchronize_srcu() on an srcu_struct.
 *
 * Dependencies are herd7's: `addr` (the address was computed from the value of a read),
 * `data` (the value written was), `ctrl` (the event is inside an `if` whose condition was);
 * each lists read events of the same process by index.
 */
import type { FenceKind, Src, Tag } from '../program.js';

export type EvKind = 'R' | 'W' | 'F' | 'LKR' | 'LKW' | 'UL' | 'LF' | 'RL' | 'RU' | 'SRCU-SYNC';

export interface TEvent {
  readonly kind: EvKind;
  /** The location, -1 for a fence. */
  readonly loc: number;
  /** R: the value read; W: the value written; otherwise 0. */
  readonly value: number;
  readonly tag: Tag | null;
  readonly fence: FenceKind | null;
  readonly atomic: boolean;
  /** For the read of a read-modify-write pair (including LKR): the index of its write, else -1. */
  readonly rmwWrite: number;
  /** The instruction's index in program order. */
  readonly poi: number;
  /** Events of the same instruction that come before this one (transitively). */
  readonly iico: readonly number[];
  readonly addr: readonly number[];
  readonly data: readonly number[];
  readonly ctrl: readonly number[];
  readonly src: Src;
}

/** Why a path cannot be trusted: it used an address as a number, or a number as an address. */
export interface Poison {
  readonly reason: string;
  readonly src: Src;
}

/** One way a process can run, given the values its reads return. */
export interface ThreadPath {
  readonly events: readonly TEvent[];
  /** Final register values, by register index. */
  readonly regs: readonly number[];
  readonly poison: Poison | null;
}

export const isWriteKind = (k: EvKind): boolean => k === 'W' || k === 'LKW' || k === 'UL';
export const isReadKind = (k: EvKind): boolean => k === 'R' || k === 'LKR' || k === 'LF' || k === 'RL' || k === 'RU';
