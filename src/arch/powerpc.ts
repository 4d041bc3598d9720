import type { ArchConfig } from './arch.js';

export const powerpc: ArchConfig = {
  name: 'powerpc',
  doc: 'powerpc (radix): tlbie broadcast, no IPI for user flushes',
  flushTransport: 'broadcast',
  lazySkippedUnlessWoken: false,
  pvFlushSkipsPreempted: false,
  vcpuPreemption: false,
  nativeFlushTlbMulti: false,
  invlpgb: false,
  pcid: false,
  exceptionEntrySyncsContext: true,
  eqsExitIsbHooks: false,
  hugetlbPmdSharing: false,
  ptReclaim: false,
  source: 'arch/powerpc/mm/book3s64/radix_tlb.c: radix__tlb_flush() -> radix__flush_tlb_mm() | arch/powerpc/Kconfig: HAVE_ARCH_TLB_REMOVE_TABLE (so no PT_RECLAIM; no ARCH_WANT_HUGE_PMD_SHARE)',
};
