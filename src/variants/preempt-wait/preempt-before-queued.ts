/**
 * Preemption re-enabled before the csds are queued and the IPIs sent: a target can go offline
 * (smpcfd_dying_cpu() already ran) and then receive a csd that never runs, so csd_lock_wait()
 * spins for ever: the wait can never complete (every-wait-completes).
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';

export default defineVariant<PreemptWaitParams>({
  name: 'preempt-before-queued',
  summary: 'preemption enabled before all IPIs are queued and sent',
  patch: 'patch: preemption enabled before the csds are queued, what Chuyi Zhou v2 06/12 rules out ("Preemption stays disabled until all IPIs are queued and sent")',
  apply: (p) => ({ ...p, maskPerCpu: false, infoPerCpu: false, freeCfdAtOffline: false, preemptEnableAt: 'before-queue' }),
  expect: { otherwise: violated('every-wait-completes') },
  expectSource: 'docs/verdicts.md; v2 06/12: queueing must finish before smpcfd_dying_cpu() can run, or a csd lands on an offline CPU and csd_lock_wait() never returns',
});
