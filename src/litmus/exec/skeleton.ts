/**
 * The part of a candidate execution fixed once each process's path is chosen: its events
 * (the initial writes first, one per location, then each process's events in program order)
 * and the relations that do not depend on reads-from or coherence order: `po`, `loc`,
 * `int`/`ext`, `addr`/`data`/`ctrl`, `rmw`, the lock pairings of lock.cat and the fence
 * relations. Sets and fence relations are computed on first use and kept.
 */
import type { FenceKind, Program } from '../program.js';
import type { TEvent, ThreadPath } from './event.js';
import { EvSet, Rel } from './rel.js';

export interface GEvent extends TEvent {
  readonly id: number;
  /** The process, or -1 for an initial write. */
  readonly thread: number;
  /** Index within its process's path, or the location for an initial write. */
  readonly local: number;
  readonly init: boolean;
}

export class Skeleton {
  readonly n: number;
  readonly events: readonly GEvent[];
  /** Global id of each thread's local events. */
  readonly ids: readonly (readonly number[])[];
  readonly po: Rel;
  readonly loc: Rel;
  readonly int: Rel;
  readonly ext: Rel;
  readonly addr: Rel;
  readonly data: Rel;
  readonly ctrl: Rel;
  /** R -> W of each read-modify-write instruction, including LKR -> LKW (lock.cat's lk-rmw). */
  readonly rmw: Rel;
  readonly rmwInv: Rel;
  /** lock.cat's `critical`: each LKW to the UL that ends its critical section. */
  readonly critical: Rel;
  private readonly sets = new Map<string, EvSet>();
  private readonly fences = new Map<string, Rel>();

  constructor(
    readonly prog: Program,
    readonly paths: readonly ThreadPath[],
  ) {
    const events: GEvent[] = prog.locs.map((l, i) => ({
      kind: 'W',
      loc: i,
      value: l.init,
      tag: null,
      fence: null,
      atomic: false,
      rmwWrite: -1,
      poi: -1,
      iico: [],
      addr: [],
      data: [],
      ctrl: [],
      src: { line: 0, col: 0, text: `initial ${l.name}` },
      id: i,
      thread: -1,
      local: i,
      init: true,
    }));
    const ids = paths.map((p, t) =>
      p.events.map((e, local) => {
        const id = events.length;
        events.push({ ...e, id, thread: t, local, init: false });
        return id;
      }),
    );
    this.events = events;
    this.ids = ids;
    const n = events.length;
    this.n = n;
    // Pairs within each process only: po, int; loc by location; ext is the rest.
    const po: [number, number][] = [];
    const int: [number, number][] = [];
    for (const tids of ids) {
      for (const a of tids) {
        const x = events[a]!;
        for (const b of tids) {
          int.push([a, b]);
          const y = events[b]!;
          if (a !== b && (x.poi < y.poi || (x.poi === y.poi && y.iico.includes(x.local)))) po.push([a, b]);
        }
      }
    }
    this.po = Rel.fromPairs(n, po);
    this.int = Rel.fromPairs(n, int);
    const byLoc = new Map<number, number[]>();
    for (const e of events) if (e.loc >= 0) byLoc.set(e.loc, [...(byLoc.get(e.loc) ?? []), e.id]);
    this.loc = Rel.fromPairs(
      n,
      [...byLoc.values()].flatMap((es) => es.flatMap((a) => es.map((b): [number, number] => [a, b]))),
    );
    const thread = events.map((e) => e.thread);
    this.ext = Rel.of(n, (a, b) => thread[a] !== thread[b]);
    const dep = (pick: (e: TEvent) => readonly number[]): Rel =>
      Rel.fromPairs(
        n,
        events.flatMap((e) => (e.thread < 0 ? [] : pick(e).map((j): [number, number] => [ids[e.thread]![j]!, e.id]))),
      );
    this.addr = dep((e) => e.addr);
    this.data = dep((e) => e.data);
    this.ctrl = dep((e) => e.ctrl);
    this.rmw = Rel.fromPairs(
      n,
      events.filter((e) => e.rmwWrite >= 0).map((e): [number, number] => [e.id, ids[e.thread]![e.rmwWrite]!]),
    );
    this.rmwInv = this.rmw.inverse();
    this.critical = criticalSections(this);
  }

  ev(i: number): GEvent {
    return this.events[i]!;
  }

  /** A named set, computed once. */
  set(name: string, pred: (e: GEvent) => boolean): EvSet {
    let s = this.sets.get(name);
    if (s === undefined) {
      s = EvSet.of(this.n, (i) => pred(this.ev(i)));
      this.sets.set(name, s);
    }
    return s;
  }

  /** herd7's `fencerel(S)` = po ; [S] ; po, for the fences of the given kinds. */
  fencerel(...kinds: FenceKind[]): Rel {
    const key = kinds.join(',');
    let r = this.fences.get(key);
    if (r === undefined) {
      const f = this.set(`F:${key}`, (e) => e.kind === 'F' && e.fence !== null && kinds.includes(e.fence));
      r = this.po.rangeIn(f).seq(this.po);
      this.fences.set(key, r);
    }
    return r;
  }

  /** Events of `po`-order on the same location, as `po & loc`. */
  poLoc(): Rel {
    return this.po.inter(this.loc);
  }
}

/** `([LKW] ; po-loc ; [UL]) \ (po-loc ; [LKW | UL] ; po-loc)`: each LKW to its own unlock. */
function criticalSections(sk: Skeleton): Rel {
  const pairs: [number, number][] = [];
  for (const ids of sk.ids) {
    for (let a = 0; a < ids.length; a++) {
      const lk = sk.ev(ids[a]!);
      if (lk.kind !== 'LKW') continue;
      for (let b = a + 1; b < ids.length; b++) {
        const e = sk.ev(ids[b]!);
        if (e.loc !== lk.loc || (e.kind !== 'LKW' && e.kind !== 'UL')) continue;
        if (e.kind === 'UL' && sk.po.has(lk.id, e.id)) pairs.push([lk.id, e.id]);
        break;
      }
    }
  }
  return Rel.fromPairs(sk.n, pairs);
}
