/**
 * RCU and SRCU in LKMM (linux-kernel.bell and linux-kernel.cat):
 *
 * - `rcu-rscs`: each rcu_read_lock() matched with its rcu_read_unlock(), innermost first
 *   (the bell's recursive definition is stack matching in program order);
 * - `srcu-rscs`: each srcu_read_lock() matched with the srcu_read_unlock() that is handed
 *   its return value (a data dependency, possibly through memory) on the same srcu_struct;
 * - `rcu-order`: the cat's recursive relation: any chain linking at least as many grace
 *   periods as read-side critical sections orders like a strong fence (SRCU links only
 *   on the same srcu_struct).
 */
import type { Rel } from '../exec/rel.js';
import { Rel as R } from '../exec/rel.js';
import type { Skeleton } from '../exec/skeleton.js';
import type { LkmmSets } from './lkmm-sets.js';

export interface ReadSides {
  readonly rcu: Rel;
  readonly srcu: Rel;
  /** The bell's flags about them. */
  readonly flags: readonly string[];
}

export function rcuReadSides(sk: Skeleton, S: LkmmSets, rf: Rel): ReadSides {
  if (S.RcuLock.isEmpty() && S.RcuUnlock.isEmpty() && S.SrcuLock.isEmpty() && S.SrcuUnlock.isEmpty()) {
    return { rcu: R.empty(sk.n), srcu: R.empty(sk.n), flags: [] };
  }
  const rcu = rcuRscs(sk);
  const notSrcuUnlock = S.SrcuUnlock.complement();
  const rfMem = rf.restrict(S.M0, S.M0);
  const carrySrcuData = sk.data.rangeIn(notSrcuUnlock).seq(rfMem).star();
  const srcu = R.id(S.SrcuLock).seq(carrySrcuData).seq(sk.data).rangeIn(S.SrcuUnlock).inter(sk.loc);
  const flags: string[] = [];
  if (!S.RcuLock.minus(rcu.domain()).isEmpty()) flags.push('unmatched-rcu-lock');
  if (!S.RcuUnlock.minus(rcu.range()).isEmpty()) flags.push('unmatched-rcu-unlock');
  if (!S.SrcuLock.minus(srcu.domain()).isEmpty()) flags.push('unmatched-srcu-lock');
  if (!S.SrcuUnlock.minus(srcu.range()).isEmpty()) flags.push('unmatched-srcu-unlock');
  const id = R.of(sk.n, (a, b) => a === b);
  if (!srcu.inverse().seq(srcu).minus(id).isEmpty()) flags.push('multiple-srcu-matches');
  if (!rcu.inter(sk.po.rangeIn(S.SyncSrcu).seq(sk.po)).isEmpty()) flags.push('invalid-sleep');
  if (srcu.pairs().some(([l, u]) => !Object.is(sk.ev(l).value, sk.ev(u).value))) flags.push('srcu-bad-value-match');
  return { rcu, srcu, flags };
}

function rcuRscs(sk: Skeleton): Rel {
  const pairs: [number, number][] = [];
  for (const ids of sk.ids) {
    const open: number[] = [];
    for (const id of ids) {
      const e = sk.ev(id);
      if (e.fence === 'rcu-lock') open.push(id);
      else if (e.fence === 'rcu-unlock') {
        const l = open.pop();
        if (l !== undefined) pairs.push([l, id]);
      }
    }
  }
  return R.fromPairs(sk.n, pairs);
}

/** The least fixpoint of the cat's `rec rcu-order`. */
export function rcuOrder(sk: Skeleton, S: LkmmSets, sides: ReadSides, link: Rel): Rel {
  const rcuGp = R.id(S.SyncRcu);
  const srcuGp = R.id(S.SyncSrcu);
  if (rcuGp.isEmpty() && srcuGp.isEmpty()) return R.empty(sk.n);
  const rscsi = sides.rcu.inverse();
  const srscsi = sides.srcu.inverse();
  const loc = sk.loc;
  const base = rcuGp.union(
    srcuGp,
    rcuGp.seq(link).seq(rscsi),
    srcuGp.seq(link).seq(srscsi).inter(loc),
    rscsi.seq(link).seq(rcuGp),
    srscsi.seq(link).seq(srcuGp).inter(loc),
  );
  let order = base;
  for (;;) {
    const mid = link.seq(order).seq(link);
    const next = base.union(
      rcuGp.seq(mid).seq(rscsi),
      srcuGp.seq(mid).seq(srscsi).inter(loc),
      rscsi.seq(mid).seq(rcuGp),
      srscsi.seq(mid).seq(srcuGp).inter(loc),
      order.seq(link).seq(order),
    );
    if (next.equals(order)) return order;
    order = next;
  }
}
