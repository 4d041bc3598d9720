/**
 * Sequential consistency (Lamport), axiomatically: one interleaving of all accesses that
 * respects program order, `acyclic po | rf | co | fr`, and read-modify-writes atomic.
 * Fences change nothing. Locks keep their lock.cat semantics (../exec/candidates.ts), so
 * critical sections exclude each other. RCU and SRCU are refused (a grace period is not a
 * hardware property; use lkmm).
 */
import type { Execution } from '../exec/candidates.js';
import { allowed, forbidden, type Judgement, type MemoryModel } from './model.js';

export const sc: MemoryModel = {
  name: 'sc',
  judge(x: Execution): Judgement {
    const sk = x.sk;
    if (!sk.po.union(x.rf, x.co, x.fr).acyclic()) return forbidden('sc');
    if (!atomicHolds(x)) return forbidden('atomic');
    return allowed();
  },
};

/** `empty rmw & (fre ; coe)`: nothing from another process between an RMW's read and write. */
export function atomicHolds(x: Execution): boolean {
  const fre = x.fr.inter(x.sk.ext);
  const coe = x.co.inter(x.sk.ext);
  return x.sk.rmw.inter(fre.seq(coe)).isEmpty();
}
