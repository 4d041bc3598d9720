/**
 * As skip-eqs-atomic-inc, with smp_mb__after_atomic() after the atomic_inc() at EQS exit: the
 * increment is visible before the ISB, so this is as sound as the posted atomic_add_return().
 * Kernel: Documentation/atomic_t.txt (smp_mb__after_atomic() orders the preceding RMW).
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { EqsKickParams } from '../../scenarios/eqs-kick/params.js';

export default defineVariant<EqsKickParams>({
  name: 'skip-eqs-atomic-inc-mb',
  summary: 'v2 4/5 with EQS exit by atomic_inc(); smp_mb__after_atomic()',
  patch: 'patch: Yury Norov v2 4/5 + 5/5 with the EQS-exit increment done by atomic_inc() + smp_mb__after_atomic()',
  apply: (p) => ({ ...p, cond: 'dynticks', isbAfterExit: true, eqsExitAtomic: 'atomic_inc+smp_mb__after_atomic' }),
  expect: {
    powerpc: violated('no-stale-text-after-sync'),
    'powerpc/tso': violated('no-stale-text-after-sync'),
    'powerpc/weak': violated('no-stale-text-after-sync'),
    otherwise: holds,
  },
  expectSource: 'docs/verdicts.md; Documentation/atomic_t.txt; powerpc as skip-eqs-isb-after-exit',
});
