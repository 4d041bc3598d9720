/**
 * No sync at all after the flush in khugepaged and hugetlb unshare: the historical khugepaged
 * bug fixed by 2ba99c5e0881 ("mm/khugepaged: fix GUP-fast interaction by sending IPI").
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'no-sync',
  summary: 'khugepaged and hugetlb unshare free/reuse after the flush with no tlb_remove_table_sync_one()',
  patch: 'mm/khugepaged.c before 2ba99c5e0881 (Jann Horn, 2022)',
  apply: (p) => ({
    ...p,
    edit: (caller, blocks) =>
      p.edit(caller, caller === 'khugepaged' || caller === 'hugetlb-unshare' ? blocks.filter((b) => b.id !== 'sync') : blocks),
  }),
  // 2ba99c5e0881: the flush IPI already blocks GUP-fast where the flush is an IPI that waits;
  // the sync is needed where it is not.
  expect: { 'x86-native': holds, otherwise: violated('no-walker-reads-freed-table') },
  expectSource:
    'DESIGN.md section 4 lists "violated" for an IPI-flush arch; 2ba99c5e0881 and kernel-notes 3.1 say a waited-for flush IPI already blocks GUP-fast, so the model is expected to show holds on x86-native (see the issue note)',
});
