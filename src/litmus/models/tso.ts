/**
 * x86-TSO (Owens, Sarkar, Sewell, "A better x86 memory model: x86-TSO", 2009), axiomatically:
 * a store may be passed by a later load of another location (the store buffer, with
 * forwarding: `rfi` is not in the global order), everything else stays in program order.
 *
 *     acyclic po-loc | rf | co | fr                                    (uniproc)
 *     acyclic (po \ W*R) | rfe | co | fr | W;po;[mfence];po;R | implied
 *
 * `smp_mb()` (and `smp_store_mb()`) is MFENCE. Every kernel atomic read-modify-write is a
 * `lock`-prefixed instruction on x86, a full barrier even when a cmpxchg() fails or the
 * operation returns no value; so are spin_lock() and spin_trylock() (`implied`). The other
 * barriers compile to nothing that orders more than TSO already does. spin_unlock() is a
 * plain store. RCU and SRCU are refused (use lkmm).
 */
import type { Execution } from '../exec/candidates.js';
import { Rel } from '../exec/rel.js';
import { allowed, forbidden, type Judgement, type MemoryModel } from './model.js';
import { atomicHolds } from './sc.js';

export const tso: MemoryModel = {
  name: 'tso',
  judge(x: Execution): Judgement {
    const sk = x.sk;
    const M = sk.set('tso:M', (e) => e.kind !== 'F' && e.kind !== 'SRCU-SYNC');
    const R = sk.set('tso:R', (e) => e.kind === 'R' || e.kind === 'LKR' || e.kind === 'LF' || e.kind === 'RL' || e.kind === 'RU');
    const W = M.minus(R);
    const locked = sk.set('tso:locked', (e) => e.atomic || e.kind === 'LKR' || e.kind === 'LKW' || e.kind === 'LF');
    const mfence = sk.set('tso:mfence', (e) => e.fence === 'mb');
    const po = sk.po.restrict(M, M);
    if (!sk.poLoc().union(x.rf, x.co, x.fr).acyclic()) return forbidden('uniproc');
    if (!atomicHolds(x)) return forbidden('atomic');
    const ppo = po.minus(Rel.cross(W, R));
    const fence = sk.po.restrict(W, mfence).seq(sk.po).rangeIn(R);
    const implied = po.rangeIn(locked).union(po.domainIn(locked));
    const ghb = ppo.union(x.rf.inter(sk.ext), x.co, x.fr, fence, implied);
    return ghb.acyclic() ? allowed() : forbidden('tso');
  },
};
