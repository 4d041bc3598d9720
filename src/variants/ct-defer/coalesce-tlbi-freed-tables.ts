/**
 * COALESCE_TLBI (ordered as coalesce-tlbi-ordered, so that only the table freeing is wrong)
 * applied to a range whose page-table pages are freed after the flush: a CPU in user mode was
 * skipped, its paging-structure cache still points to the PTE table, and a
 * speculative walk can read that page after pte_free_kernel(), before the CPU ever re-enters.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { CtDeferParams } from '../../scenarios/ct-defer/params.js';

export default defineVariant<CtDeferParams>({
  name: 'coalesce-tlbi-freed-tables',
  summary: 'as coalesce-tlbi-ordered, for a range whose PTE-table page is freed after the flush',
  patch: 'patch: COALESCE_TLBI RFC applied outside its "page tables never freed" restriction',
  apply: (p) => ({ ...p, sender: 'vmalloc-flush', cond: 'kernel-cr3', coalesceTlbi: 'flag-before-cr3-switch', senderMb: true, entryTouchesVmalloc: true, freesTables: true }),
  expect: { otherwise: violated('no-walker-reads-freed-table') },
  expectSource: 'docs/verdicts.md; the RFC restricts itself to ranges whose page tables are never freed',
});
