/**
 * The event sets of the Linux-kernel memory model, as `linux-kernel.bell` and `lock.cat`
 * define them (tools/memory-model/ in the kernel tree), for one candidate's events. They
 * depend only on the events, so they are computed once per choice of process paths.
 */
import type { FenceKind, Tag } from '../program.js';
import type { EvSet } from '../exec/rel.js';
import type { GEvent, Skeleton } from '../exec/skeleton.js';

export interface LkmmSets {
  /** herd7's memory accesses before lock.cat adds the lock events (bell-time `M`). */
  readonly M0: EvSet;
  /** lock.cat's final `R`, `W`, `M` (reads and writes including lock events). */
  readonly R: EvSet;
  readonly W: EvSet;
  readonly M: EvSet;
  readonly IW: EvSet;
  readonly RMW: EvSet;
  readonly Acquire: EvSet;
  readonly Release: EvSet;
  readonly Mb: EvSet;
  readonly Noreturn: EvSet;
  readonly Marked: EvSet;
  readonly Plain: EvSet;
  readonly LKR: EvSet;
  readonly LKW: EvSet;
  readonly UL: EvSet;
  readonly LF: EvSet;
  readonly RU: EvSet;
  readonly SrcuLock: EvSet;
  readonly SrcuUnlock: EvSet;
  readonly SyncSrcu: EvSet;
  readonly SyncRcu: EvSet;
  readonly RcuLock: EvSet;
  readonly RcuUnlock: EvSet;
  readonly AllLocks: EvSet;
  fence(k: FenceKind): EvSet;
}

const hasTag = (e: GEvent, ...tags: Tag[]): boolean => e.tag !== null && tags.includes(e.tag);

export function lkmmSets(sk: Skeleton): LkmmSets {
  const s = (name: string, p: (e: GEvent) => boolean): EvSet => sk.set(`lkmm:${name}`, p);
  const inPair = sk.rmw.domain().union(sk.rmw.range());
  const paired = (e: GEvent): boolean => inPair.has(e.id);
  const failedRmw = s('FailedRMW', (e) => e.atomic && (e.kind === 'R' || e.kind === 'W') && !paired(e));
  const M0 = s('M0', (e) => e.kind === 'R' || e.kind === 'W');
  const LF = s('LF', (e) => e.kind === 'LF' || e.kind === 'RL');
  const LKR = s('LKR', (e) => e.kind === 'LKR');
  const LKW = s('LKW', (e) => e.kind === 'LKW');
  const UL = s('UL', (e) => e.kind === 'UL');
  const RU = s('RU', (e) => e.kind === 'RU');
  const R = s('R', (e) => e.kind === 'R' || e.kind === 'LKR' || e.kind === 'LF' || e.kind === 'RL' || e.kind === 'RU');
  const W = s('W', (e) => e.kind === 'W' || e.kind === 'LKW' || e.kind === 'UL');
  const SrcuLock = s('Srcu-lock', (e) => hasTag(e, 'srcu-lock'));
  const SrcuUnlock = s('Srcu-unlock', (e) => hasTag(e, 'srcu-unlock'));
  const SyncSrcu = s('Sync-srcu', (e) => e.kind === 'SRCU-SYNC');
  const marked = (e: GEvent): boolean =>
    !(e.kind === 'R' || e.kind === 'W') || e.init || e.atomic || hasTag(e, 'ONCE', 'RELEASE', 'ACQUIRE', 'MB', 'srcu-lock', 'srcu-unlock');
  const Marked = s('Marked', marked);
  return {
    M0,
    R,
    W,
    M: R.union(W),
    IW: s('IW', (e) => e.init),
    RMW: s('RMW', (e) => e.atomic),
    Acquire: s('Acquire', (e) => hasTag(e, 'ACQUIRE') && e.kind !== 'W').minus(failedRmw).union(LKR),
    Release: s('Release', (e) => hasTag(e, 'RELEASE') && e.kind !== 'R').minus(failedRmw).union(UL),
    Mb: s('Mb', (e) => hasTag(e, 'MB') || e.fence === 'mb').minus(failedRmw),
    Noreturn: s('Noreturn', (e) => hasTag(e, 'NORETURN') && e.kind !== 'W'),
    Marked,
    Plain: M0.minus(Marked),
    LKR,
    LKW,
    UL,
    LF,
    RU,
    SrcuLock,
    SrcuUnlock,
    SyncSrcu,
    SyncRcu: s('Sync-rcu', (e) => e.fence === 'sync-rcu'),
    RcuLock: s('Rcu-lock', (e) => e.fence === 'rcu-lock'),
    RcuUnlock: s('Rcu-unlock', (e) => e.fence === 'rcu-unlock'),
    AllLocks: LKR.union(LKW, UL, LF, RU, SrcuLock, SrcuUnlock, SyncSrcu),
    fence: (k) => s(`fence:${k}`, (e) => e.fence === k),
  };
}
