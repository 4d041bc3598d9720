import type { ArchConfig } from './arch.js';

export const x86Invlpgb: ArchConfig = {
  name: 'x86-invlpgb',
  doc: 'x86 with INVLPGB (AMD): broadcast invalidation + TLBSYNC, no IPI',
  flushTransport: 'broadcast',
  lazySkippedUnlessWoken: false,
  pvFlushSkipsPreempted: false,
  vcpuPreemption: false,
  nativeFlushTlbMulti: true,
  invlpgb: true,
  exceptionEntrySyncsContext: false,
  eqsExitIsbHooks: false,
  source: 'arch/x86/mm/tlb.c: broadcast_tlb_flush(), __tlbsync() (Rik van Riel 2025)',
};
