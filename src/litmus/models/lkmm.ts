/**
 * The Linux-kernel memory model (LKMM), axiomatically, as the kernel's
 * `tools/memory-model/linux-kernel.cat` states it (with `linux-kernel.bell` for the
 * dependencies, RCU and SRCU nesting, and `lock.cat` for spinlocks; Linux 7.x, herd7
 * variant lkmmv2), written out relation by relation with the .cat's own names:
 *
 * - `coherence`: acyclic po-loc | rf | co | fr;
 * - `atomic`: no write between a read-modify-write's read and write;
 * - `happens-before`: acyclic hb, from preserved program order (dependencies, fences,
 *   release/acquire, unlock-lock), external reads-from and prop;
 * - `propagation`: acyclic pb (strong fences order the propagation of writes);
 * - `rcu`: irreflexive rb (grace periods against read-side critical sections, RCU and SRCU);
 * - `plain-coherence`, and the `data-race` flag, for plain (unmarked) accesses.
 *
 * Relations that the cat defines twice (`fence`, `strong-fence` gain `rcu-fence` after rb)
 * keep both versions, each used where the cat uses it.
 */
import type { Execution } from '../exec/candidates.js';
import { EvSet, Rel } from '../exec/rel.js';
import type { Skeleton } from '../exec/skeleton.js';
import { lkmmSets, type LkmmSets } from './lkmm-sets.js';
import { plainAccesses } from './lkmm-plain.js';
import { rcuOrder, rcuReadSides } from './lkmm-rcu.js';
import { allowed, forbidden, type Judgement, type MemoryModel } from './model.js';

/** The relations the checks and the plain-access rules share. */
export interface LkmmRels {
  readonly S: LkmmSets;
  readonly sk: Skeleton;
  readonly rf: Rel;
  readonly co: Rel;
  readonly fr: Rel;
  readonly rfe: Rel;
  readonly addr: Rel;
  readonly fence: Rel;
  readonly nonrwFence: Rel;
  readonly strongFence: Rel;
  readonly cumulFence: Rel;
  readonly rmwSequence: Rel;
  readonly hb: Rel;
  readonly pb: Rel;
  readonly rb: Rel;
  readonly rcuFence: Rel;
  readonly fencerel: (s: EvSet) => Rel;
}

/** The relations of the .cat that depend on the events only: computed once per skeleton. */
interface Static {
  readonly S: LkmmSets;
  readonly poLoc: Rel;
  readonly poOpt: Rel;
  readonly acqPo: Rel;
  readonly poRel: Rel;
  readonly rmb: Rel;
  readonly wmb: Rel;
  /** `mb` without its po-unlock-lock-po term. */
  readonly mbFixed: Rel;
  readonly gp: Rel;
  readonly noId: Rel;
  readonly depCarrying: boolean;
  /** lock.cat's flags: they depend on the events only. */
  readonly lockFlags: readonly string[];
}

const statics = new WeakMap<Skeleton, Static>();

function staticRels(sk: Skeleton): Static {
  const cached = statics.get(sk);
  if (cached !== undefined) return cached;
  const S = lkmmSets(sk);
  const po = sk.po;
  const fencerel = (s: EvSet): Rel => po.rangeIn(s).seq(po);
  const poOpt = po.opt();
  const R4rmb = S.R.minus(S.Noreturn);
  const st: Static = {
    S,
    poLoc: sk.poLoc(),
    poOpt,
    acqPo: po.restrict(S.Acquire, S.M),
    poRel: po.restrict(S.M, S.Release),
    rmb: fencerel(S.fence('rmb')).restrict(R4rmb, R4rmb),
    wmb: fencerel(S.fence('wmb')).restrict(S.W, S.W),
    mbFixed: fencerel(S.Mb)
      .restrict(S.M, S.M)
      .union(
        po.restrict(S.M, S.Mb.inter(S.R)),
        po.restrict(S.Mb.inter(S.W), S.M),
        fencerel(S.fence('before-atomic')).restrict(S.M, S.RMW).seq(poOpt).rangeIn(S.M),
        poOpt.restrict(S.M, S.RMW).seq(fencerel(S.fence('after-atomic'))).rangeIn(S.M),
        poOpt.restrict(S.M, S.LKW).seq(fencerel(S.fence('after-spinlock'))).rangeIn(S.M),
        poOpt.restrict(S.M, S.SrcuUnlock).seq(fencerel(S.fence('after-srcu-read-unlock'))).rangeIn(S.M),
      ),
    gp: po.rangeIn(S.SyncRcu.union(S.SyncSrcu)).seq(poOpt),
    noId: Rel.of(sk.n, (a, b) => a !== b),
    depCarrying: !sk.data.isEmpty(),
    lockFlags: lockFlags(sk, S),
  };
  statics.set(sk, st);
  return st;
}

export const lkmm: MemoryModel = {
  name: 'lkmm',
  judge(x: Execution, withFlags: boolean): Judgement {
    const sk = x.sk;
    const st = staticRels(sk);
    const S = st.S;
    const { rf, co, fr } = x;
    const po = sk.po;
    const fencerel = (s: EvSet): Rel => po.rangeIn(s).seq(po);

    if (!st.poLoc.union(rf, co, fr).acyclic()) return forbidden('coherence');
    const rfe = rf.inter(sk.ext);
    const rfi = rf.inter(sk.int);
    const coe = co.inter(sk.ext);
    const fre = fr.inter(sk.ext);
    if (!sk.rmw.inter(fre.seq(coe)).isEmpty()) return forbidden('atomic');

    // linux-kernel.bell: dependencies carried through memory (herd7's base rf: memory reads only).
    const carryDep = st.depCarrying ? sk.data.rangeIn(S.SrcuUnlock.complement()).seq(rf.restrict(S.M0, S.M0).inter(sk.int)).star() : null;
    const addr = carryDep === null ? sk.addr : carryDep.seq(sk.addr);
    const data = carryDep === null ? sk.data : carryDep.seq(sk.data);
    const ctrl = carryDep === null ? sk.ctrl : carryDep.seq(sk.ctrl);

    // Basic relations.
    const { acqPo, poRel, wmb, rmb, poOpt } = st;
    const poUnlockLockPo = S.UL.isEmpty() ? Rel.empty(sk.n) : po.rangeIn(S.UL).seq(po.union(rf)).rangeIn(S.LKR).seq(po);
    const mb = st.mbFixed.union(poUnlockLockPo.domainIn(S.M).rangeIn(S.fence('after-unlock-lock')).seq(po).rangeIn(S.M));
    const strongFence0 = mb.union(st.gp);
    const nonrwFence = strongFence0.union(poRel, acqPo);
    const fence0 = nonrwFence.union(wmb, rmb);

    // Preserved program order.
    const dep = addr.union(data);
    const rwdep = dep.union(ctrl).rangeIn(S.W);
    const overwrite = co.union(fr);
    const toW = rwdep.union(overwrite.inter(sk.int), addr.rangeIn(S.Plain).seq(wmb));
    const toR = addr.rangeIn(S.R).union(dep.rangeIn(S.Marked).seq(rfi));
    const ppo = toR.union(toW, fence0.inter(sk.int), poUnlockLockPo.inter(sk.int));

    // Propagation and happens-before.
    // `[Marked] ; r` is written r.domainIn(Marked): the same relation, without a product.
    const rfeMarked = rfe.rangeIn(S.Marked);
    const aCumul = (r: Rel): Rel => r.union(rfeMarked.seq(r));
    const rfRmw = rf.seq(sk.rmw);
    const rmwSequence = rfRmw.isEmpty() ? null : rfRmw.star();
    const cumulFence0 = aCumul(strongFence0.union(poRel)).union(wmb, poUnlockLockPo).restrict(S.Marked, S.Marked);
    const cumulFence = rmwSequence === null ? cumulFence0 : cumulFence0.seq(rmwSequence);
    const prop = overwrite
      .inter(sk.ext)
      .opt()
      .domainIn(S.Marked)
      .seq(cumulFence.star())
      .rangeIn(S.Marked)
      .seq(rfe.opt())
      .rangeIn(S.Marked);
    const hb = ppo.union(rfe, prop.inter(st.noId).inter(sk.int)).restrict(S.Marked, S.Marked);
    if (!hb.acyclic()) return forbidden('happens-before');
    const hbStar = hb.star();
    const pb = prop.seq(strongFence0).seq(hbStar).rangeIn(S.Marked);
    if (!pb.acyclic()) return forbidden('propagation');

    // RCU and SRCU.
    const sides = rcuReadSides(sk, S, rf);
    const rcuLink = poOpt.seq(hbStar).seq(pb.star()).seq(prop).seq(po);
    const order = rcuOrder(sk, S, sides, rcuLink);
    const rcuFence = po.seq(order).seq(poOpt);
    const rb = prop.seq(rcuFence).seq(hbStar).seq(pb.star()).rangeIn(S.Marked);
    if (!rb.irreflexive()) return forbidden('rcu');

    const rels: LkmmRels = {
      S,
      sk,
      rf,
      co,
      fr,
      rfe,
      addr,
      fence: fence0.union(rcuFence),
      nonrwFence,
      strongFence: strongFence0.union(rcuFence),
      cumulFence,
      rmwSequence: rmwSequence ?? Rel.id(EvSet.of(sk.n, () => true)),
      hb,
      pb,
      rb,
      rcuFence,
      fencerel,
    };
    const plain = plainAccesses(rels, withFlags);
    if (!plain.coherent) return forbidden('plain-coherence');
    if (!withFlags) return allowed();
    const flags = [...sides.flags, ...st.lockFlags, ...plain.flags];
    return allowed([...new Set(flags)].sort(), plain.race);
  },
};

/** lock.cat's flags: lock events paired, unlocks matched, no ordinary access to a lock. */
function lockFlags(sk: Skeleton, S: LkmmSets): string[] {
  const out: string[] = [];
  const lockLocs = new Set(S.AllLocks.members().map((e) => sk.ev(e).loc));
  const ordinary = S.M0.minus(S.IW).minus(S.AllLocks);
  if (ordinary.members().some((e) => lockLocs.has(sk.ev(e).loc))) out.push('mixed-lock-accesses');
  if (!S.UL.minus(sk.critical.range()).isEmpty()) out.push('unmatched-unlock');
  if (!S.LKW.minus(sk.rmw.range()).isEmpty()) out.push('unpaired-LKW');
  if (!S.LKR.minus(sk.rmw.domain()).isEmpty()) out.push('unpaired-LKR');
  return out;
}
