import type { ArchConfig } from './arch.js';

export const x86Hyperv: ArchConfig = {
  name: 'x86-hyperv',
  doc: 'x86 Hyper-V guest: HvCallFlushVirtualAddressSpace hypercall, no guest IPI',
  flushTransport: 'hypercall',
  lazySkippedUnlessWoken: true,
  pvFlushSkipsPreempted: false,
  vcpuPreemption: true,
  nativeFlushTlbMulti: false,
  invlpgb: false,
  pcid: false,
  exceptionEntrySyncsContext: false,
  eqsExitIsbHooks: false,
  hugetlbPmdSharing: true,
  ptReclaim: true,
  source: 'arch/x86/hyperv/mmu.c: hyperv_flush_tlb_multi() (do_lazy = !info->freed_tables)',
};
