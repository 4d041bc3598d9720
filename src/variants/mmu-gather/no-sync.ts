/**
 * No sync at all after the flush in khugepaged and hugetlb unshare: the historical khugepaged
 * bug fixed by 2ba99c5e0881 ("mm/khugepaged: fix GUP-fast interaction by sending IPI").
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'no-sync',
  summary: 'khugepaged and hugetlb unshare free/reuse after the flush with no tlb_remove_table_sync_one()',
  patch: 'history: mm/khugepaged.c before 2ba99c5e0881 (Jann Horn, 2022): no sync IPI after the flush; hugetlb unshare likewise',
  apply: (p) => ({
    ...p,
    edit: (caller, blocks) =>
      p.edit(caller, caller === 'khugepaged' || caller === 'hugetlb-unshare' ? blocks.filter((b) => b.id !== 'sync') : blocks),
  }),
  // 2ba99c5e0881: the flush IPI already blocks GUP-fast where the flush is an IPI that waits;
  // the sync is needed where it is not.
  expect: { 'x86-native': holds, otherwise: violated('no-walker-reads-freed-table') },
  expectSource: 'docs/verdicts.md; 2ba99c5e0881 "mm/khugepaged: fix GUP-fast interaction by sending IPI"; on x86-native the waited-for flush IPI already holds GUP-fast off, the premise of Lance Yang\'s series',
});
