import type { ArchConfig } from './arch.js';

export const arm64: ArchConfig = {
  name: 'arm64',
  doc: 'arm64: TLBI ...IS broadcast in hardware + DSB ISH, no IPI',
  flushTransport: 'broadcast',
  lazySkippedUnlessWoken: false,
  pvFlushSkipsPreempted: false,
  vcpuPreemption: false,
  nativeFlushTlbMulti: false,
  invlpgb: false,
  pcid: false,
  exceptionEntrySyncsContext: true,
  eqsExitIsbHooks: true,
  hugetlbPmdSharing: true,
  ptReclaim: true,
  source: 'arch/arm64/include/asm/tlb.h: tlb_flush() -> __flush_tlb_range() (walk cache invalidated for freed or unshared tables) | arch/arm64/Kconfig: ARCH_WANT_HUGE_PMD_SHARE (with 4K pages), MMU_GATHER_RCU_TABLE_FREE (so PT_RECLAIM)',
};
