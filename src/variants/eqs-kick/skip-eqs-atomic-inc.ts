/**
 * Norov v2 4/5 + 5/5, but EQS exit increments the dynticks counter with atomic_inc() (not
 * value-returning, so unordered) and no smp_mb__after_atomic(): on a weak machine the increment
 * may stay in the exiting CPU's store buffer past its ISB, so the sender reads EQS although the
 * ISB came before the patch was visible. On x86-TSO every atomic is locked, so it holds there.
 * Kernel: kernel/rcu/tree.c rcu_dynticks_eqs_exit() uses atomic_add_return() (Paul McKenney:
 * "implies smp_mb() both before and after"); Documentation/atomic_t.txt (non-value-returning
 * atomics are unordered).
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { EqsKickParams } from '../../scenarios/eqs-kick/params.js';

export default defineVariant<EqsKickParams>({
  name: 'skip-eqs-atomic-inc',
  summary: 'v2 4/5, but EQS exit by atomic_inc() without smp_mb__after_atomic()',
  patch: 'Yury Norov v2 4/5 + 5/5 with rcu_dynticks_eqs_exit() using atomic_inc()',
  apply: (p) => ({ ...p, cond: 'dynticks', isbAfterExit: true, eqsExitAtomic: 'atomic_inc' }),
  expect: {
    arm64: holds,
    'arm64/tso': holds,
    otherwise: violated('no-stale-text-after-sync'),
  },
  expectSource:
    'issue #9; Documentation/atomic_t.txt: non-value-returning RMW atomics are unordered (x86: lock-prefixed, hence ordered under TSO); powerpc violated as skip-eqs-isb-after-exit',
});
