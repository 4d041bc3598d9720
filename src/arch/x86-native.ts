import type { ArchConfig } from './arch.js';

export const x86Native: ArchConfig = {
  name: 'x86-native',
  doc: 'x86 bare metal: flush by IPI to mm_cpumask (native_flush_tlb_multi)',
  flushTransport: 'ipi',
  lazySkippedUnlessWoken: true,
  pvFlushSkipsPreempted: false,
  vcpuPreemption: false,
  nativeFlushTlbMulti: true,
  invlpgb: false,
  pcid: false,
  exceptionEntrySyncsContext: false,
  eqsExitIsbHooks: false,
  hugetlbPmdSharing: true,
  ptReclaim: true,
  source: 'arch/x86/mm/tlb.c: native_flush_tlb_multi(), should_flush_tlb()',
};
