/**
 * x86-TSO (Owens, Sarkar, Sewell 2009): accesses execute in program order, stores go to a
 * per-CPU FIFO store buffer and commit one at a time, loads forward from the CPU's own
 * buffer. `smp_mb()` and every locked RMW (on x86 all kernel atomics, including the
 * non-value-returning `atomic_inc`, are `lock`-prefixed) wait until the buffer is drained.
 * `smp_wmb`, `smp_rmb`, release, acquire and `smp_mb__{before,after}_atomic` are compiler
 * barriers only, since TSO already orders everything they would.
 */
import type { Thread } from '../ast.js';
import { fencesBetween, pairwise, writes } from '../access.js';
import type { Ordering } from '../memory-model.js';

export function tsoOrdering(t: Thread): Ordering {
  const before = pairwise(t, (j, i, a, b) => {
    // Only store->later-access order needs saying: issue is in order and commit is FIFO.
    if (!writes(a) || a.kind === 'rmw') return false;
    return b.kind === 'rmw' || fencesBetween(t, j, i).some((f) => f.fence === 'mb');
  });
  return { inOrder: true, buffered: true, fifo: true, before };
}
