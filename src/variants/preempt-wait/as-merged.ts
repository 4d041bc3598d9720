/**
 * As merged for 7.3: task-local cpumask, flush_tlb_info on the stack, csds allocated once and never freed, preemption enabled only for the final csd_lock_wait(); kvm_flush_tlb_multi() with preemption disabled.
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';

export default defineVariant<PreemptWaitParams>({
  name: 'as-merged',
  summary: 'task-local mask, info on stack, csd never freed, preempt only in the wait',
  patch: 'patch: tip smp/core + x86/mm for 7.3 (2026-07-23): 9a560af15fd3, 9f483e5b2f12, 8df8a6028309, ed15468787dd, ae397bb32d2a',
  apply: (p) => ({ ...p, maskPerCpu: false, infoPerCpu: false, freeCfdAtOffline: false, preemptEnableAt: 'before-wait' }),
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md',
});
