/**
 * Skip the sync whenever the flush is IPI-based (`flushTransport === 'ipi'`), KVM's PV flush
 * included: the first idea of the series, before the hook was narrowed to
 * native_flush_tlb_multi. kvm_flush_tlb_multi() sends no IPI to a preempted vCPU (it sets
 * KVM_VCPU_FLUSH_TLB instead), so a vCPU preempted inside GUP-fast's IRQs-off region is not
 * waited for, and the table is freed under it.
 * Kernel: Lance Yang's series as questioned by Sean Christopherson on v4 3/3; arch/x86/kernel/kvm.c
 * kvm_flush_tlb_multi().
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'skip-sync-any-ipi-flush',
  summary: 'hook true whenever the flush uses IPIs, KVM PV flush included',
  patch: 'patch: Lance Yang series before v8 2/2 narrowed the hook to native_flush_tlb_multi() (Sean Christopherson on v4 3/3)',
  apply: (p) => ({ ...p, flushImpliesIpiBroadcast: (arch) => arch.flushTransport === 'ipi' }),
  // Where the hook stays false the sync runs as in the baseline.
  expect: { 'x86-kvm-pv': violated('no-walker-reads-freed-table'), otherwise: holds },
  expectSource: 'docs/verdicts.md; Sean Christopherson on v4 3/3: KVM\'s PV flush elides the IPIs to preempted vCPUs',
});
