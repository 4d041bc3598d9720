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
  patch: 'patch: Lance Yang v10 1/2 as Peter Zijlstra reviewed it <https://lkml.iu.edu/2604.3/01085.html> (the sync skipped where no flush precedes it)',
  apply: (p) => ({
    ...p,
    flushImpliesIpiBroadcast: hookAsPosted,
    // khugepaged flushes by itself (pmdp_collapse_flush() -> flush_tlb_range()), outside any
    // mmu_gather, so only the gather-based callers can reach the sync with the range reset.
    edit: (caller, blocks) => p.edit(caller, caller === 'khugepaged' ? blocks : blocks.filter((b) => b.id !== 'flush')),
  }),
  // Where the hook is true nothing synchronises with GUP-fast; where it is false the sync
  // still IPIs, but nothing invalidates the paging-structure caches before hugetlb's T is
  // reused or the fallback frees T (P1b).
  expect: { otherwise: violated('no-walker-reads-freed-table') },
  expectSource: 'docs/verdicts.md; Peter Zijlstra on v10 1/2 (nothing guarantees a preceding flush); 0d6e24d430ef: "1) unhook page 2) TLB invalidate page 3) free page"',
});
