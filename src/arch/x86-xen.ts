import type { ArchConfig } from './arch.js';

export const x86Xen: ArchConfig = {
  name: 'x86-xen',
  doc: 'x86 Xen PV guest: MMUEXT_TLB_FLUSH_MULTI hypercall, no guest IPI',
  flushTransport: 'hypercall',
  lazySkippedUnlessWoken: false,
  pvFlushSkipsPreempted: false,
  vcpuPreemption: true,
  nativeFlushTlbMulti: false,
  invlpgb: false,
  pcid: false,
  exceptionEntrySyncsContext: false,
  eqsExitIsbHooks: false,
  hugetlbPmdSharing: true,
  ptReclaim: true,
  source: 'arch/x86/xen/mmu_pv.c: xen_flush_tlb_multi()',
};
