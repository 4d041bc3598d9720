/**
 * The hooks of preempt-wait: where the cross-call's data lives and where preemption is
 * re-enabled. Baseline: Linux 7.1.5, before Chuyi Zhou's series (per-CPU cfd cpumask and
 * flush_tlb_info, cfd freed at CPU offline, preemption off throughout).
 */
import type { CrossCallPolicy } from '../../mechanisms/smp-cross-call.js';

export type PreemptWaitParams = CrossCallPolicy;

export const preemptWaitBase: PreemptWaitParams = {
  maskPerCpu: true,
  infoPerCpu: true,
  freeCfdAtOffline: true,
  preemptEnableAt: 'end',
  pvMaskPreemptible: false,
  waitSkipsOffline: false,
};
