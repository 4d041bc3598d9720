/**
 * Preemptible csd_lock_wait() while the cpumask it iterates is still CPU0's per-CPU cfd->cpumask.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';

export default defineVariant<PreemptWaitParams>({
  name: 'preempt-wait-percpu-mask',
  summary: 'preemptible wait, per-CPU cfd cpumask',
  patch: 'patch: Chuyi Zhou v1 (before 9a560af15fd3 "smp: Use task-local IPI cpumask in smp_call_function_many_cond()")',
  apply: (p) => ({ ...p, maskPerCpu: true, infoPerCpu: false, freeCfdAtOffline: false, preemptEnableAt: 'before-wait' }),
  expect: { otherwise: violated('ipi-data-not-overwritten-in-use') },
  expectSource: 'docs/verdicts.md; the series\' own task A / task B diagram (v2 06/12)',
});
