import type { ArchConfig } from './arch.js';

export const x86KvmPv: ArchConfig = {
  name: 'x86-kvm-pv',
  doc: 'x86 KVM guest with PV TLB flush: preempted vCPUs get KVM_VCPU_FLUSH_TLB, no IPI',
  flushTransport: 'ipi',
  lazySkippedUnlessWoken: true,
  pvFlushSkipsPreempted: true,
  vcpuPreemption: true,
  nativeFlushTlbMulti: false,
  invlpgb: false,
  pcid: false,
  exceptionEntrySyncsContext: false,
  eqsExitIsbHooks: false,
  hugetlbPmdSharing: true,
  ptReclaim: true,
  source: 'arch/x86/kernel/kvm.c: kvm_flush_tlb_multi() -> native_flush_tlb_multi()',
};
