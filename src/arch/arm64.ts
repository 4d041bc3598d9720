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
  exceptionEntrySyncsContext: true,
  eqsExitIsbHooks: true,
  source: 'arch/arm64/include/asm/tlbflush.h: __flush_tlb_range()',
};
