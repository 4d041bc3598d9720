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
import { isReadKind, type ThreadPath } from './event.js';
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
  /**
   * False when no execution built on these process paths (the first `chosen.length`
   * processes' so far) can be kept: the test's `filter` is already false on their registers.
   */
  keepPaths?(chosen: readonly ThreadPath[]): boolean;
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
      if (ok && (v.keepPaths?.(chosen) ?? true)) pick(t + 1);
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
  const orders = new CoherenceOrders(sk);
  const assign = (k: number): void => {
    const c = choices[k];
    if (c === undefined) {
      budget.tick();
      const partial = build(sk, rfSrc, [], false);
      if (v.prefilter(partial)) forCoherence(sk, rfSrc, orders, budget, v);
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

/**
 * The coherent orders of each location, kept per choice of what that location's reads read
 * from: they depend on nothing else, and most reads-from choices change one location only.
 */
class CoherenceOrders {
  private readonly reads: readonly (readonly number[])[];
  private readonly cache = new Map<string, LocCo[]>();

  constructor(private readonly sk: Skeleton) {
    this.reads = sk.prog.locs.map((_, l) => sk.events.filter((e) => e.loc === l && !e.init && isReadKind(e.kind)).map((e) => e.id));
  }

  of(loc: number, rfSrc: Int32Array): LocCo[] {
    const key = `${loc}:${this.reads[loc]!.map((r) => rfSrc[r]).join(',')}`;
    let out = this.cache.get(key);
    if (out === undefined) {
      out = coherentSeqs(this.sk, loc, rfSrc);
      this.cache.set(key, out);
    }
    return out;
  }
}

function forCoherence(sk: Skeleton, rfSrc: Int32Array, orders: CoherenceOrders, budget: Budget, v: Visitor): void {
  const perLoc = sk.prog.locs.map((_, l) => orders.of(l, rfSrc));
  if (perLoc.some((o) => o.length === 0)) return;
  // Locations with a single order first; the checks below then prune the wider ones.
  const order = perLoc.map((_, l) => l).sort((a, b) => perLoc[a]!.length - perLoc[b]!.length || a - b);
  const picked: (LocCo | null)[] = perLoc.map(() => null);
  const rfBase = rfOf(sk.n, rfSrc);
  const execution = (complete: boolean): Execution => {
    const rf = rfSrc.slice();
    const chosen = picked.filter((c): c is LocCo => c !== null);
    for (const c of chosen) for (const [r, w] of c.lockReads) rf[r] = w;
    return {
      sk,
      rfSrc: rf,
      coSeq: picked.map((c) => c?.seq ?? []),
      rf: rfBase.union(...chosen.map((c) => c.rfLocks)),
      co: Rel.empty(sk.n).union(...chosen.map((c) => c.co)),
      fr: Rel.empty(sk.n).union(...chosen.map((c) => c.fr)),
      complete,
    };
  };
  const go = (i: number): void => {
    if (i === order.length) {
      budget.tick();
      v.visit(execution(true));
      return;
    }
    const l = order[i]!;
    for (const c of perLoc[l]!) {
      picked[l] = c;
      // Partial coherence orders: every model is monotone in co, so a forbidden partial
      // execution has no allowed completion.
      if (perLoc[l]!.length === 1 || i + 1 === order.length || v.prefilter(execution(false))) go(i + 1);
    }
    picked[l] = null;
  };
  go(0);
}

/**
 * One location's coherence order (initial write first, unlocks in place) and the LKR reads it
 * implies, with the location's part of `co`, of `rf` for those LKRs and of `fr`, built once.
 */
interface LocCo {
  readonly seq: readonly number[];
  readonly lockReads: readonly (readonly [number, number])[];
  readonly co: Rel;
  readonly rfLocks: Rel;
  readonly fr: Rel;
}

/**
 * The coherence orders of one location that keep it coherent (`acyclic po-loc | rf | co | fr`
 * on its events) and its read-modify-writes atomic. Both checks only involve the location's
 * own events, so they prune here, before orders of different locations are combined.
 */
function coherentSeqs(sk: Skeleton, loc: number, rfSrc: Int32Array): LocCo[] {
  const out: LocCo[] = [];
  for (const order of linearOrders(sk, loc, rfSrc)) {
    const seq = withUnlocks(sk, loc, order);
    const lockReads = lockReadsFrom(sk, seq);
    if (locallyCoherent(sk, loc, seq, rfSrc, lockReads) && locallyAtomic(sk, seq, rfSrc, lockReads)) out.push(locCo(sk, loc, seq, rfSrc, lockReads));
  }
  return out;
}

function locallyCoherent(sk: Skeleton, loc: number, seq: readonly number[], rfSrc: Int32Array, lockReads: readonly (readonly [number, number])[]): boolean {
  const evs = sk.events.filter((e) => e.loc === loc && e.kind !== 'SRCU-SYNC').map((e) => e.id);
  const src = new Map<number, number>();
  for (const r of evs) if (rfSrc[r]! >= 0) src.set(r, rfSrc[r]!);
  for (const [r, w] of lockReads) src.set(r, w);
  const pos = new Map(seq.map((w, i) => [w, i]));
  const succ = new Map<number, number[]>(evs.map((e) => [e, []]));
  const edge = (a: number, b: number): void => {
    succ.get(a)?.push(b);
  };
  for (const a of evs) for (const b of evs) if (sk.po.has(a, b)) edge(a, b);
  for (let i = 0; i + 1 < seq.length; i++) edge(seq[i]!, seq[i + 1]!);
  for (const [r, w] of src) {
    edge(w, r);
    const next = seq[(pos.get(w) ?? seq.length) + 1];
    if (next !== undefined) edge(r, next);
  }
  return acyclicGraph(evs, succ);
}

/** `empty rmw & (fre ; coe)`: no other process's write between an RMW's source and its write. */
function locallyAtomic(sk: Skeleton, seq: readonly number[], rfSrc: Int32Array, lockReads: readonly (readonly [number, number])[]): boolean {
  const pos = new Map(seq.map((w, i) => [w, i]));
  const lockSrc = new Map(lockReads);
  for (const w of seq) {
    const r = sk.rmwInv.row(w)[0];
    if (r === undefined) continue;
    const from = rfSrc[r]! >= 0 ? rfSrc[r]! : lockSrc.get(r);
    if (from === undefined) continue;
    const a = pos.get(from);
    const b = pos.get(w)!;
    if (a === undefined) continue;
    for (let i = a + 1; i < b; i++) if (sk.ev(seq[i]!).thread !== sk.ev(r).thread) return false;
  }
  return true;
}

function acyclicGraph(nodes: readonly number[], succ: ReadonlyMap<number, readonly number[]>): boolean {
  const state = new Map<number, number>();
  const visit = (n: number): boolean => {
    state.set(n, 1);
    for (const m of succ.get(n) ?? []) {
      const s = state.get(m) ?? 0;
      if (s === 1) return false;
      if (s === 0 && !visit(m)) return false;
    }
    state.set(n, 2);
    return true;
  };
  return nodes.every((n) => (state.get(n) ?? 0) !== 0 || visit(n));
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

/** `rf | ([IW | UL] ; singlestep(co) ; lk-rmw^-1)`: the reads-from edges of the LKRs on one location. */
function lockReadsFrom(sk: Skeleton, seq: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < seq.length; i++) {
    const w = sk.ev(seq[i]!);
    if (w.kind !== 'LKW') continue;
    const r = sk.rmwInv.row(w.id)[0];
    const prev = sk.ev(seq[i - 1]!);
    if (r !== undefined && (prev.init || prev.kind === 'UL')) out.push([r, prev.id]);
  }
  return out;
}

function locCo(sk: Skeleton, loc: number, seq: readonly number[], rfSrc: Int32Array, lockReads: readonly (readonly [number, number])[]): LocCo {
  const pos = new Map(seq.map((w, i) => [w, i]));
  const co = Rel.fromPairs(
    sk.n,
    seq.flatMap((a, i): [number, number][] => seq.slice(i + 1).map((b): [number, number] => [a, b])),
  );
  const reads: (readonly [number, number])[] = [...lockReads];
  for (const e of sk.events) if (e.loc === loc && rfSrc[e.id]! >= 0) reads.push([e.id, rfSrc[e.id]!]);
  const fr = Rel.fromPairs(
    sk.n,
    reads.flatMap(([r, w]): [number, number][] => seq.slice((pos.get(w) ?? seq.length) + 1).map((b): [number, number] => [r, b])),
  );
  return { seq, lockReads, co, rfLocks: Rel.fromPairs(sk.n, lockReads.map(([r, w]): [number, number] => [w, r])), fr };
}

function rfOf(n: number, rfSrc: Int32Array): Rel {
  const pairs: [number, number][] = [];
  rfSrc.forEach((w, r) => {
    if (w >= 0) pairs.push([w, r]);
  });
  return Rel.fromPairs(n, pairs);
}

/** The partial execution of a reads-from choice: no coherence order yet. */
function build(sk: Skeleton, rfSrc: Int32Array, coSeq: readonly (readonly number[])[], complete: boolean): Execution {
  const rf = rfOf(sk.n, rfSrc);
  const empty = Rel.empty(sk.n);
  return { sk, rfSrc: rfSrc.slice(), coSeq, rf, co: empty, fr: empty, complete };
}
