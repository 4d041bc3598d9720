/**
 * Preemptible csd_lock_wait() while the cpumask it iterates is still CPU0's per-CPU cfd->cpumask.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';

export default defineVariant<PreemptWaitParams>({
  name: 'preempt-wait-percpu-mask',
  summary: 'preemptible wait, per-CPU cfd cpumask',
  patch: 'Chuyi Zhou v1 (before 9a560af15fd3 "Use task-local IPI cpumask in smp_call_function_many_cond()")',
  apply: (p) => ({ ...p, maskPerCpu: true, infoPerCpu: false, freeCfdAtOffline: false, preemptEnableAt: 'before-wait' }),
  expect: { otherwise: violated('ipi-data-not-overwritten-in-use') },
  expectSource: "DESIGN.md section 4; the series' own task A / task B diagram",
});
