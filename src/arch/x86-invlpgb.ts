import type { ArchConfig } from './arch.js';

export const x86Invlpgb: ArchConfig = {
  name: 'x86-invlpgb',
  doc: 'x86 with INVLPGB (AMD), an mm with a global ASID (active on 4+ CPUs): INVLPGB + TLBSYNC, no IPI',
  flushTransport: 'broadcast',
  lazySkippedUnlessWoken: false,
  pvFlushSkipsPreempted: false,
  vcpuPreemption: false,
  nativeFlushTlbMulti: true,
  invlpgb: true,
  pcid: false,
  exceptionEntrySyncsContext: false,
  eqsExitIsbHooks: false,
  hugetlbPmdSharing: true,
  ptReclaim: true,
  source: 'arch/x86/mm/tlb.c: flush_tlb_mm_range() -> broadcast_tlb_flush() -> invlpgb_flush_user_nr_nosync(), __tlbsync() (only for an mm with a global ASID: consider_global_asid())',
};
