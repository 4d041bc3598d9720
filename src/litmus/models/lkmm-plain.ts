/**
 * Plain (unmarked) accesses in LKMM, the last section of linux-kernel.cat: when a plain
 * access is bounded by marked accesses and fences (`*-pre-bounded`, `*-post-bounded`), when
 * it is visible to another process (`vis`, `ww-vis`, `wr-vis`) or ordered before it
 * (`rw-xbstar`); the `plain-coherence` check, and the `data-race` and `mixed-accesses` flags.
 */
import { Rel } from '../exec/rel.js';
import type { LkmmRels } from './lkmm.js';

export interface PlainVerdict {
  readonly coherent: boolean;
  readonly flags: readonly string[];
  /** A racing pair, when `data-race` is raised. */
  readonly race?: readonly [number, number];
}

export function plainAccesses(x: LkmmRels, withFlags: boolean): PlainVerdict {
  const { S, sk, rf, co, fr, rfe, addr, fence, nonrwFence, strongFence, fencerel } = x;
  if (S.Plain.isEmpty()) return { coherent: true, flags: [] };
  const po = sk.po;
  const marked = Rel.id(S.Marked);
  const R4rmb = S.R.minus(S.Noreturn);
  const notNoreturn = S.Noreturn.complement();
  const rmbRel = fencerel(S.fence('rmb'));

  const xbstar = x.hb.union(x.pb, x.rb).star();
  const vis = x.cumulFence
    .star()
    .seq(rfe.opt())
    .seq(marked)
    .seq(strongFence.rangeIn(S.Marked).seq(xbstar).union(xbstar.inter(sk.int)));
  const wPreBounded = marked.seq(addr.union(fence).opt());
  const rPreBounded = marked.seq(addr.union(nonrwFence, rmbRel.restrict(R4rmb, notNoreturn)).opt());
  const wPostBounded = fence.opt().rangeIn(S.Marked).seq(x.rmwSequence);
  const rPostBounded = nonrwFence.union(rmbRel.restrict(notNoreturn, R4rmb)).opt().rangeIn(S.Marked);
  const wwVis = fence.union(strongFence.seq(xbstar).seq(wPreBounded), wPostBounded.seq(vis).seq(wPreBounded));
  const wrVis = fence.union(strongFence.seq(xbstar).seq(rPreBounded), wPostBounded.seq(vis).seq(rPreBounded));
  const rwXbstar = fence.union(rPostBounded.seq(xbstar).seq(wPreBounded));

  const preRace = sk.ext.inter(Rel.cross(S.Plain, S.M).union(Rel.cross(S.M.minus(S.IW), S.Plain)));
  const incoherent = preRace
    .inter(rf)
    .inter(rwXbstar.inverse())
    .union(preRace.inter(fr).inter(wrVis.inverse()), preRace.inter(co).inter(wwVis.inverse()));
  if (!incoherent.isEmpty()) return { coherent: false, flags: [] };
  if (!withFlags) return { coherent: true, flags: [] };

  const flags: string[] = [];
  const barrier = fencerel(
    S.fence('barrier').union(
      S.fence('rmb'),
      S.fence('wmb'),
      S.Mb,
      S.SyncRcu,
      S.SyncSrcu,
      S.fence('before-atomic'),
      S.fence('after-atomic'),
      S.Acquire,
      S.Release,
      S.RcuLock,
      S.RcuUnlock,
      S.SrcuLock,
      S.SrcuUnlock,
    ),
  ).union(po.rangeIn(S.Release), po.domainIn(S.Acquire));
  const plainW = S.Plain.inter(S.W);
  const poLocNoBarrier = sk.poLoc().minus(barrier);
  const mixed = poLocNoBarrier.restrict(plainW, S.Marked).union(poLocNoBarrier.restrict(S.Marked, plainW));
  if (!mixed.isEmpty()) flags.push('mixed-accesses');

  const wwNonrace = wwVis.inter(Rel.cross(S.Marked, S.W).union(rwXbstar)).inter(Rel.cross(S.W, S.Marked).union(wrVis));
  const wwRace = preRace.inter(co).minus(wwNonrace);
  const wrRace = preRace.inter(co.opt().seq(rf)).minus(wrVis).minus(rwXbstar.inverse());
  const rwRace = preRace.inter(fr).minus(rwXbstar);
  const race = wwRace.union(wrRace, rwRace).pairs()[0];
  if (race !== undefined) flags.push('data-race');
  return { coherent: true, flags, ...(race === undefined ? {} : { race }) };
}
