/**
 * Candidate executions, as herd7 builds them for LKMM: one path per process (./paths.ts),
 * then a reads-from edge for every read, then a coherence order per location; lock events
 * follow lock.cat:
 *
 * - a failed spin_trylock() (LF) or a spin_is_locked() that returned true (RL) reads from
 *   the LKW of its own critical section, or else from an LKW of another process;
 * - a spin_is_locked() that returned false (RU) reads from its process's last unlock, an
 *   unlock of another process, or the initial value;
 * - coherence is generated over the writes and LKWs, the initial write first and an LKW
 *   that is never unlocked last; each unlock then sits right after its own LKW;
 * - the LKR of a lock reads from whatever comes right before its LKW in coherence, if that is
 *   the initial write or an unlock.
 *
 * Combinations no model can allow are cut early: a process path whose read values no write
 * can supply, a read from a po-later or overwritten write of its own process, a lock taken
 * twice or spin_is_locked() false inside its own critical section (lock.cat's `lock-nest`,
 * `nested-is-locked`, `unmatched-locks`), coherence orders that contradict what the reads
 * saw, and, through `prefilter`, reads-from choices the model rejects whatever the
 * coherence order (every model here is monotone in `co`).
 */
import type { Program } from '../program.js';
import type { Budget } from './budget.js';
import type { ThreadPath } from './event.js';
import { Rel } from './rel.js';
import { Skeleton, type GEvent } from './skeleton.js';

export interface Execution {
  readonly sk: Skeleton;
  /** For each event: the write it reads from, or -1. */
  readonly rfSrc: Int32Array;
  /** For each location: its writes in coherence order (empty before co is chosen). */
  readonly coSeq: readonly (readonly number[])[];
  readonly rf: Rel;
  readonly co: Rel;
  readonly fr: Rel;
  /** False for the partial execution given to `prefilter` (no co, no LKR reads-from). */
  readonly complete: boolean;
}

export interface Visitor {
  /** False when no coherence order can make this partial execution allowed. */
  prefilter(x: Execution): boolean;
  visit(x: Execution): void;
}

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

export function enumerateExecutions(prog: Program, paths: readonly (readonly ThreadPath[])[], budget: Budget, v: Visitor): void {
  const canWrite = paths.map((ps) => {
    const m = new Map<number, number[]>();
    for (const p of ps) for (const e of p.events) if (e.kind === 'W') m.set(e.loc, [...(m.get(e.loc) ?? []), e.value]);
    return m;
  });
  const chosen: ThreadPath[] = [];
  const supplied = (loc: number, value: number, t: number): boolean =>
    same(prog.locs[loc]!.init, value) ||
    chosen.some((p, u) => u !== t && p.events.some((e) => e.kind === 'W' && e.loc === loc && same(e.value, value))) ||
    chosen[t]!.events.some((e) => e.kind === 'W' && e.loc === loc && same(e.value, value)) ||
    canWrite.some((m, u) => u >= chosen.length && (m.get(loc) ?? []).some((x) => same(x, value)));
  const pick = (t: number): void => {
    if (t === paths.length) {
      budget.checkTime();
      forSkeleton(new Skeleton(prog, chosen.slice()), budget, v);
      return;
    }
    for (const p of paths[t]!) {
      chosen.push(p);
      const ok = chosen.every((q, u) => q.events.every((e) => e.kind !== 'R' || supplied(e.loc, e.value, u)));
      if (ok) pick(t + 1);
      chosen.pop();
    }
  };
  pick(0);
}

function forSkeleton(sk: Skeleton, budget: Budget, v: Visitor): void {
  if (!locksCanRun(sk)) return;
  const choices = rfChoices(sk);
  if (choices.some((c) => c.cands.length === 0)) return;
  const rfSrc = new Int32Array(sk.n).fill(-1);
  const assign = (k: number): void => {
    const c = choices[k];
    if (c === undefined) {
      budget.tick();
      const partial = build(sk, rfSrc, [], false);
      if (v.prefilter(partial)) forCoherence(sk, rfSrc, budget, v);
      return;
    }
    for (const w of c.cands) {
      rfSrc[c.read] = w;
      assign(k + 1);
    }
    rfSrc[c.read] = -1;
  };
  assign(0);
}

/** lock.cat's `lock-nest`, `nested-is-locked` and `unmatched-locks`: otherwise the test deadlocks. */
function locksCanRun(sk: Skeleton): boolean {
  const unmatched = new Map<number, number>();
  for (const e of sk.events) {
    if (e.kind === 'LKW' && sk.critical.row(e.id).length === 0) {
      unmatched.set(e.loc, (unmatched.get(e.loc) ?? 0) + 1);
      if (unmatched.get(e.loc)! > 1) return false;
    }
    if (e.kind !== 'LKR' && e.kind !== 'RU') continue;
    if (ownCriticalSection(sk, e) !== null) return false;
  }
  return true;
}

/** The LKW of the critical section of its own process that `e` is inside, if any. */
function ownCriticalSection(sk: Skeleton, e: GEvent): GEvent | null {
  if (e.thread < 0) return null;
  let open: GEvent | null = null;
  for (const id of sk.ids[e.thread]!) {
    const x = sk.ev(id);
    if (x === e) return open;
    if (x.loc !== e.loc || !sk.po.has(x.id, e.id)) continue;
    if (x.kind === 'LKW') open = x;
    else if (x.kind === 'UL') open = null;
  }
  return open;
}

interface Choice {
  readonly read: number;
  readonly cands: readonly number[];
}

function rfChoices(sk: Skeleton): Choice[] {
  const out: Choice[] = [];
  for (const e of sk.events) {
    if (e.init) continue;
    if (e.kind === 'R') out.push({ read: e.id, cands: readCands(sk, e) });
    else if (e.kind === 'LF' || e.kind === 'RL') {
      const own = ownCriticalSection(sk, e);
      const cands = own !== null ? [own.id] : sk.events.filter((w) => w.kind === 'LKW' && w.loc === e.loc && w.thread !== e.thread).map((w) => w.id);
      out.push({ read: e.id, cands });
    } else if (e.kind === 'RU') {
      const lastOwn = lastOwnBefore(sk, e, (x) => x.kind === 'UL');
      const others = sk.events.filter((w) => w.loc === e.loc && (w.init || (w.kind === 'UL' && w.thread !== e.thread)));
      out.push({ read: e.id, cands: [...(lastOwn === null ? [] : [lastOwn.id]), ...others.map((w) => w.id)] });
    }
  }
  return out;
}

function lastOwnBefore(sk: Skeleton, e: GEvent, pred: (x: GEvent) => boolean): GEvent | null {
  let last: GEvent | null = null;
  for (const id of sk.ids[e.thread]!) {
    const x = sk.ev(id);
    if (x.loc === e.loc && pred(x) && sk.po.has(x.id, e.id)) last = x;
  }
  return last;
}

/** Writes of the same value a read may read from without breaking its own process's coherence. */
function readCands(sk: Skeleton, r: GEvent): number[] {
  const own = lastOwnBefore(sk, r, (x) => x.kind === 'W');
  return sk.events
    .filter((w) => w.kind === 'W' && w.loc === r.loc && same(w.value, r.value))
    .filter((w) => (w.thread === r.thread ? w === own : own === null || !w.init))
    .map((w) => w.id);
}

function forCoherence(sk: Skeleton, rfSrc: Int32Array, budget: Budget, v: Visitor): void {
  const locs = sk.prog.locs.map((_, l) => l);
  const orders = locs.map((l) => linearOrders(sk, l, rfSrc));
  if (orders.some((o) => o.length === 0)) return;
  const pickOrder: (readonly number[])[] = [];
  const go = (i: number): void => {
    if (i === locs.length) {
      budget.tick();
      const seqs = pickOrder.map((o, l) => withUnlocks(sk, l, o));
      const rf = rfSrc.slice();
      lockReadsFrom(sk, seqs, rf);
      v.visit(build(sk, rf, seqs, true));
      return;
    }
    for (const o of orders[i]!) {
      pickOrder.push(o);
      go(i + 1);
      pickOrder.pop();
    }
  };
  go(0);
}

/** Every coherence order of location `loc`'s writes and LKWs that fits what the reads saw. */
function linearOrders(sk: Skeleton, loc: number, rfSrc: Int32Array): number[][] {
  const ws = sk.events.filter((e) => !e.init && e.loc === loc && (e.kind === 'W' || e.kind === 'LKW')).map((e) => e.id);
  const inSet = new Set(ws);
  const before = new Map<number, Set<number>>(ws.map((w) => [w, new Set<number>()]));
  let impossible = false;
  const edge = (a: number, b: number): void => {
    if (a === b) return;
    if (sk.ev(b).init) impossible = true;
    if (inSet.has(a) && inSet.has(b)) before.get(b)!.add(a);
  };
  const isRead = (e: GEvent): boolean => rfSrc[e.id]! >= 0;
  const poLoc = sk.events.filter((e) => e.loc === loc && !e.init);
  for (const a of poLoc) {
    for (const b of poLoc) {
      if (!sk.po.has(a.id, b.id)) continue;
      const aw = a.kind === 'W' || a.kind === 'LKW';
      const bw = b.kind === 'W' || b.kind === 'LKW';
      if (aw && bw) edge(a.id, b.id);
      if (isRead(a) && bw) edge(rfSrc[a.id]!, b.id);
      if (aw && isRead(b)) edge(a.id, rfSrc[b.id]!);
      if (isRead(a) && isRead(b)) edge(rfSrc[a.id]!, rfSrc[b.id]!);
    }
  }
  const unmatched = ws.filter((w) => sk.ev(w).kind === 'LKW' && sk.critical.row(w).length === 0);
  for (const u of unmatched) for (const w of ws) if (w !== u && sk.ev(w).kind === 'LKW') edge(w, u);
  if (impossible) return [];
  const out: number[][] = [];
  const placed: number[] = [];
  const done = new Set<number>();
  const rec = (): void => {
    if (placed.length === ws.length) {
      out.push(placed.slice());
      return;
    }
    for (const w of ws) {
      if (done.has(w) || [...before.get(w)!].some((p) => !done.has(p))) continue;
      placed.push(w);
      done.add(w);
      rec();
      done.delete(w);
      placed.pop();
    }
  };
  rec();
  return out;
}

/** The initial write, then the order, each unlock right after the LKW it closes. */
function withUnlocks(sk: Skeleton, loc: number, order: readonly number[]): number[] {
  const seq = [loc];
  for (const w of order) {
    seq.push(w);
    for (const ul of sk.critical.row(w)) seq.push(ul);
  }
  return seq;
}

/** `rf | ([IW | UL] ; singlestep(co) ; lk-rmw^-1)`. */
function lockReadsFrom(sk: Skeleton, seqs: readonly (readonly number[])[], rf: Int32Array): void {
  for (const e of sk.events) {
    if (e.kind !== 'LKR') continue;
    const w = sk.rmw.row(e.id)[0];
    if (w === undefined) continue;
    const seq = seqs[e.loc]!;
    const prev = seq[seq.indexOf(w) - 1];
    if (prev !== undefined && (sk.ev(prev).init || sk.ev(prev).kind === 'UL')) rf[e.id] = prev;
  }
}

function build(sk: Skeleton, rfSrc: Int32Array, coSeq: readonly (readonly number[])[], complete: boolean): Execution {
  const rf = Rel.fromPairs(
    sk.n,
    [...rfSrc].flatMap((w, r): [number, number][] => (w >= 0 ? [[w, r]] : [])),
  );
  const co = Rel.fromPairs(
    sk.n,
    coSeq.flatMap((seq) => seq.flatMap((a, i): [number, number][] => seq.slice(i + 1).map((b): [number, number] => [a, b]))),
  );
  return { sk, rfSrc: rfSrc.slice(), coSeq, rf, co, fr: rf.inverse().seq(co), complete };
}
