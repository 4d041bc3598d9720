/**
 * Linux 7.1.5 as shipped: tlb_table_flush_implies_ipi_broadcast() does not exist (the sync
 * always runs), and x86's tlb_flush() passes only tlb->freed_tables, so the flush of a hugetlb
 * unshare skips lazy-TLB CPUs. Everything else (khugepaged's flush_tlb_range() waking lazy
 * CPUs, the RCU fallback, the callers each configuration has) is the scenario's 7.1.5 code.
 * Kernel: arch/x86/include/asm/tlb.h tlb_flush(); include/asm-generic/tlb.h
 * tlb_flush_unshared_tables(); mm/mmu_gather.c tlb_remove_table_sync_one().
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'mainline',
  summary: 'Linux 7.1.5: no hook, the sync IPI always runs; the x86 unshare flush skips lazy-TLB CPUs',
  patch: 'arch/x86/include/asm/tlb.h: tlb_flush() -> flush_tlb_mm_range() (tlb->freed_tables only) | mm/mmu_gather.c: tlb_remove_table_sync_one() -> smp_call_function()',
  apply: (p) => ({ ...p, flushImpliesIpiBroadcast: () => false, wakeLazyForUnshared: false }),
  // Lazy-TLB CPUs must get the IPI "before page tables can be freed or reused" (Lance Yang v10
  // 2/2); x86-native, KVM PV and Hyper-V skip them for an unshare; the others reach them anyway.
  expect: {
    'x86-native': violated('no-walker-reads-freed-table'),
    'x86-kvm-pv': violated('no-walker-reads-freed-table'),
    'x86-hyperv': violated('no-walker-reads-freed-table'),
    otherwise: holds,
  },
  expectSource:
    'native_flush_tlb_multi() in arch/x86/mm/tlb.c: lazy CPUs need the IPI when page tables are freed; Lance Yang v10 2/2 <https://lkml.iu.edu/2604.3/00088.html>: "lazy-TLB CPUs must receive IPIs before page tables can be freed or reused"; x86 7.1.5 tlb_flush() passes only freed_tables for an unshare (docs/unshared-table.md)',
});
