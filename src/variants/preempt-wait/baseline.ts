/**
 * Before the series: preemption disabled from get_cpu() to after csd_lock_wait(); per-CPU cfd cpumask and flush_tlb_info; cfd freed at CPU offline.
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';

export default defineVariant<PreemptWaitParams>({
  name: 'baseline',
  summary: 'preemption off throughout; per-CPU mask and info',
  patch: "kernel/smp.c and arch/x86/mm/tlb.c before Chuyi Zhou's series (tip smp/core, 2026-07)",
  apply: (p) => p,
  expect: { otherwise: holds },
  expectSource: 'DESIGN.md section 4: "preempt-wait: preemption off throughout (before) | x86 | holds"',
});
