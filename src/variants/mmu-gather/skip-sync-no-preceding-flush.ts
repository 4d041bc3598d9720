/**
 * As posted, but a caller reaches tlb_remove_table_sync_one() without a flush that IPIed:
 * tlb_flush_mmu_tlbonly() returned early because an earlier flush in the same gather already
 * reset the range (__tlb_reset_range() clears freed_tables / unshared_tables).
 * Kernel: PeterZ on v10 1/2: "nothing guarantees a preceding flush ... incredibly fragile".
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import { hookAsPosted, type MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'skip-sync-no-preceding-flush',
  summary: 'as posted, but the callers reach the sync with no IPI flush before it',
  patch: 'Lance Yang v10 1/2 as reviewed by Peter Zijlstra <https://lkml.iu.edu/2604.3/01085.html>',
  apply: (p) => ({
    ...p,
    flushImpliesIpiBroadcast: hookAsPosted,
    edit: (caller, blocks) => p.edit(caller, blocks.filter((b) => b.id !== 'flush')),
  }),
  // With no flush at all, the first thing lost is the TLB invalidation itself: khugepaged's
  // __collapse_huge_page_copy() copies and frees the small pages while CPUs still hold their
  // TLB entries (P2, shortest: 5 steps on x86-native, 7 where the sync still IPIs). P1/P1b are
  // violated too, at the same depth (where the hook is true nothing synchronises with
  // GUP-fast; where it is false nothing invalidates paging-structure caches before hugetlb's
  // T is reused); BFS reports the first it reaches, khugepaged being CPU0's first caller.
  expect: () => violated('no-stale-tlb-after-sync'),
  expectSource:
    'DESIGN.md section 4: "caller with no preceding IPI flush | violated"; 0d6e24d430ef: "1) unhook page 2) TLB invalidate page 3) free page" (without step 2 khugepaged frees pages other CPUs still map through their TLBs: mm/khugepaged.c __collapse_huge_page_copy())',
});
