/**
 * Preemption re-enabled before the csds are queued and the IPIs sent: a target can go offline (smpcfd_dying_cpu() already ran) and then receive a csd that never runs.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';

export default defineVariant<PreemptWaitParams>({
  name: 'preempt-before-queued',
  summary: 'preemption enabled before all IPIs are queued and sent',
  patch: 'counter to v2 06/12: "Preemption stays disabled until all IPIs are queued and sent"',
  apply: (p) => ({ ...p, maskPerCpu: false, infoPerCpu: false, freeCfdAtOffline: false, preemptEnableAt: 'before-queue' }),
  expect: { otherwise: violated('sync-waits-for-targets') },
  expectSource: 'DESIGN.md section 4; v2 06/12',
});
