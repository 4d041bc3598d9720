/**
 * Before the series: preemption disabled from get_cpu() to after csd_lock_wait(); per-CPU cfd cpumask and flush_tlb_info; cfd freed at CPU offline.
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';

export default defineVariant<PreemptWaitParams>({
  name: 'baseline',
  summary: 'preemption off throughout; per-CPU mask and info',
  patch: 'kernel/smp.c: smp_call_function() -> preempt_disable(), smp_call_function_many(), preempt_enable() | arch/x86/mm/tlb.c: flush_tlb_mm_range() -> get_cpu(), flush_tlb_multi(), put_cpu()',
  apply: (p) => p,
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md: preemption is off for the whole call, so no other task on the CPU can touch its per-CPU data and CPU offline (stop_machine()) waits',
});
