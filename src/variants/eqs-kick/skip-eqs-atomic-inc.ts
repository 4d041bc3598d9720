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
  patch: 'patch: Yury Norov v2 4/5 + 5/5 with the EQS-exit increment done by atomic_inc()',
  apply: (p) => ({ ...p, cond: 'dynticks', isbAfterExit: true, eqsExitAtomic: 'atomic_inc' }),
  expect: {
    arm64: holds,
    'arm64/tso': holds,
    otherwise: violated('no-stale-text-after-sync'),
  },
  expectSource: 'docs/verdicts.md; Documentation/atomic_t.txt: non-value-returning atomics are unordered (x86: LOCK-prefixed, so ordered under TSO); powerpc as skip-eqs-isb-after-exit',
});
