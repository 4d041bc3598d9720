/**
 * As merged, but without ae397bb32d2a ("x86/kvm: Disable preemption in kvm_flush_tlb_multi()"):
 * after a5a162fe1ae1 re-enables preemption before flush_tlb_multi(), kvm_flush_tlb_multi()
 * fills the per-CPU __pv_cpu_mask preemptibly, so another task on the same CPU can rewrite it
 * before smp_call_function_many_cond() reads it. Native x86 does not use __pv_cpu_mask.
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';
import asMerged from './as-merged.js';

export default defineVariant<PreemptWaitParams>({
  name: 'kvm-preemptible-pv-mask',
  summary: 'as merged, but kvm_flush_tlb_multi() runs with preemption enabled',
  patch: 'patch: tip x86/mm a5a162fe1ae1 without ae397bb32d2a',
  apply: (p) => ({ ...asMerged.apply(p), pvMaskPreemptible: true }),
  expect: { 'x86-kvm-pv': violated('ipi-data-not-overwritten-in-use'), otherwise: holds },
  expectSource: 'docs/verdicts.md; ae397bb32d2a exists because kvm_flush_tlb_multi() fills the per-CPU __pv_cpu_mask',
});
