/**
 * As posted, but the flush for unshared hugetlb tables still passes only freed_tables, so
 * lazy-TLB CPUs are skipped (the series before v8).
 * Kernel: arch/x86/include/asm/tlb.h tlb_flush() -> flush_tlb_mm_range(..., tlb->freed_tables).
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import { hookAsPosted, type MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'skip-sync-lazy-not-woken',
  summary: 'as posted, but the unshare flush skips lazy-TLB CPUs (before v8)',
  patch: 'Lance Yang v7 (tlb_flush() passes freed_tables only); v8 2/2 comment: "Both freed_tables and unshared_tables must wake lazy-TLB CPUs"',
  apply: (p) => ({ ...p, flushImpliesIpiBroadcast: hookAsPosted, wakeLazyForUnshared: false }),
  expect: {
    'x86-native': violated('no-walker-reads-freed-table'),
    'x86-kvm-pv': violated('no-walker-reads-freed-table'),
    'x86-hyperv': violated('no-walker-reads-freed-table'),
    otherwise: holds,
  },
  expectSource:
    'DESIGN.md section 4 ("a lazy CPU\'s paging-structure cache still points into the table being reused"); configurations whose flush reaches lazy CPUs anyway (broadcast, Xen) are unaffected',
});
