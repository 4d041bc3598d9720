import type { ArchConfig } from './arch.js';

export const x86Pcid: ArchConfig = {
  name: 'x86-pcid',
  doc: 'x86 bare metal with PCID: flush by IPI to mm_cpumask; a CR3 write keeps TLB entries of other PCIDs (and of its own with NOFLUSH)',
  flushTransport: 'ipi',
  lazySkippedUnlessWoken: true,
  pvFlushSkipsPreempted: false,
  vcpuPreemption: false,
  nativeFlushTlbMulti: true,
  invlpgb: false,
  pcid: true,
  exceptionEntrySyncsContext: false,
  eqsExitIsbHooks: false,
  hugetlbPmdSharing: true,
  ptReclaim: true,
  source: 'arch/x86/mm/tlb.c: switch_mm_irqs_off() -> choose_new_asid(), load_new_mm_cr3() (X86_FEATURE_PCID)',
};
