/**
 * Norov v2 4/5 + 5/5 with the sender's leading smp_mb() removed from kick_all_cpus_sync(): the
 * store-buffering shape. The patch store may still sit in CPU0's store buffer when it reads a
 * CPU's dynticks counter as EQS; that CPU leaves EQS, its ISB after the atomic comes before the
 * new instruction is visible, and it runs the old one after the kick returned. Under SC one of
 * the two sides always sees the other, so the smp_mb() looks redundant there.
 * Kernel: kernel/smp.c kick_all_cpus_sync() (smp_mb() first); Paul McKenney on v1: the sender
 * needs smp_mb() before reading the counter, EQS exit's atomic_add_return() orders the other side.
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { EqsKickParams } from '../../scenarios/eqs-kick/params.js';

export default defineVariant<EqsKickParams>({
  name: 'skip-eqs-no-mb',
  summary: 'v2 4/5 (isb() after the EQS-exit atomic) without the smp_mb() before reading dynticks',
  patch: 'patch: Yury Norov v2 4/5 + 5/5 with kick_all_cpus_sync()\'s leading smp_mb() removed',
  apply: (p) => ({ ...p, cond: 'dynticks', isbAfterExit: true, senderMb: false }),
  expect: { arm64: holds, otherwise: violated('no-stale-text-after-sync') },
  expectSource: 'docs/verdicts.md; Paul McKenney on v1 (smp_mb() before reading the counter): store buffering, allowed by TSO and weaker models, forbidden by SC; powerpc as skip-eqs-isb-after-exit',
});
