/**
 * A weak model for arm64/powerpc, meant to be at least as weak as the Linux-kernel memory
 * model (LKMM, tools/memory-model/linux-kernel.cat) on the classic two- and three-CPU shapes.
 *
 * Accesses issue out of program order; a store sits in the CPU's store buffer (its own later
 * loads may read it) until it commits, and buffered stores to different locations commit in
 * any order. Access j must be performed before a po-later access i only when LKMM's preserved
 * program order says so:
 *
 * - same location (coherence: CoRR, CoRW, CoWW; a load after a store to the same location
 *   reads it from the buffer instead, CoWR);
 * - `smp_mb()` between them; `smp_rmb()` between two reads; `smp_wmb()` between two writes;
 * - i is a release store, or j an acquire load (LKMM po-rel / acq-po);
 * - either is a fully ordered RMW (value-returning atomics: smp_mb() on both sides; a
 *   cmpxchg only if it succeeds);
 * - `smp_mb__before_atomic()` between j and an RMW at or before i, or
 *   `smp_mb__after_atomic()` between an RMW at or after j and i (LKMM's `mb` relation);
 * - i uses a register that j loaded (data dependency).
 *
 * Known to be *stronger* than LKMM (soundness gaps, see properties/litmus.prop.test.ts):
 * memory is multi-copy atomic, so shapes that need non-MCA propagation (powerpc: WRC with only
 * a data dependency on the middle CPU, IRIW with smp_rmb()) answer Never where LKMM says
 * Sometimes. A `cmpxchg` orders fully only when it succeeds, as in LKMM (checked when it
 * executes, see `Ordering.successOrdered`).
 * Not modelled: control and address dependencies (no `if`, no pointers), locks, RCU.
 */
import { match } from 'ts-pattern';
import type { Instr, Thread } from '../ast.js';
import {
  dataDeps,
  fencesBetween,
  isAcquire,
  isFullRmw,
  isRelease,
  pairwise,
  reads,
  sameLoc,
  writes,
} from '../access.js';
import type { Ordering } from '../memory-model.js';

export function weakOrdering(t: Thread): Ordering {
  const deps = dataDeps(t);
  const isRmwAt = (k: number): boolean => t.instrs[k]?.kind === 'rmw';
  // cmpxchg() orders fully only when it succeeds: its constraints are checked at execution.
  const onSuccess = (x: Instr): boolean => x.kind === 'rmw' && x.ordered && x.op.kind === 'cmpxchg';
  const full = (x: Instr): boolean => isFullRmw(x) && !onSuccess(x);
  const before = pairwise(t, (j, i, a, b) => {
    if (sameLoc(a, b)) return !(a.kind === 'store' && b.kind === 'load');
    if (full(a) || full(b) || isAcquire(a) || isRelease(b)) return true;
    if ((deps[i] ?? []).includes(j)) return true;
    return fencesBetween(t, j, i).some(({ at, fence }) =>
      match(fence)
        .with('mb', () => true)
        .with('rmb', () => reads(a) && reads(b))
        .with('wmb', () => writes(a) && writes(b))
        .with('before-atomic', () => range(at + 1, i + 1).some(isRmwAt))
        .with('after-atomic', () => range(j, at).some(isRmwAt))
        .exhaustive(),
    );
  });
  return { inOrder: false, buffered: true, fifo: false, before, successOrdered: t.instrs.map(onSuccess) };
}

/** [from, to) */
const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
