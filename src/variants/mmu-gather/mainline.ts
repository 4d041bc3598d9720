/**
 * Linux 7.1.5 as shipped: tlb_table_flush_implies_ipi_broadcast() does not exist (the sync
 * always runs), and x86's tlb_flush() passes only tlb->freed_tables, so the flush of a hugetlb
 * unshare skips lazy-TLB CPUs. Everything else (khugepaged's flush_tlb_range() waking lazy
 * CPUs, the RCU fallback, the callers each configuration has) is the scenario's 7.1.5 code.
 * Kernel: arch/x86/include/asm/tlb.h tlb_flush(); include/asm-generic/tlb.h
 * tlb_flush_unshared_tables(); mm/mmu_gather.c tlb_remove_table_sync_one().
 */
import type { ArchConfig } from '../../arch/arch.js';
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'mainline',
  summary: 'Linux 7.1.5: no hook, the sync IPI always runs; the x86 unshare flush skips lazy-TLB CPUs',
  patch: 'arch/x86/include/asm/tlb.h: tlb_flush() -> flush_tlb_mm_range() (tlb->freed_tables only) | mm/mmu_gather.c: tlb_remove_table_sync_one() -> smp_call_function()',
  apply: (p) => ({ ...p, flushImpliesIpiBroadcast: () => false, wakeLazyForUnshared: false }),
  expect: (arch: ArchConfig) => (['x86-native', 'x86-kvm-pv', 'x86-hyperv'].includes(arch.name) ? violated('no-walker-reads-freed-table') : holds),
  expectSource: 'docs/unshared-table.md',
});
