/**
 * Preemptible wait while flush_tlb_info is still per-CPU: another flush on the same CPU rewrites it before the targets read it.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';

export default defineVariant<PreemptWaitParams>({
  name: 'preempt-wait-percpu-info',
  summary: 'preemptible wait, per-CPU flush_tlb_info',
  patch: 'patch: Chuyi Zhou series before ed15468787dd "x86/mm: Move flush_tlb_info back to the stack"',
  apply: (p) => ({ ...p, maskPerCpu: false, infoPerCpu: true, freeCfdAtOffline: false, preemptEnableAt: 'before-wait' }),
  expect: { otherwise: violated('ipi-data-not-overwritten-in-use') },
  expectSource: 'docs/verdicts.md; ed15468787dd exists because a per-CPU flush_tlb_info is shared by the tasks of a CPU',
});
