/**
 * The small data pages T maps, and the TLB entries CPUs hold for them, in the one caller that
 * frees data pages: khugepaged. collapse_huge_page() (mm/khugepaged.c) clears the pmd and
 * flushes with pmdp_collapse_flush() (mm/pgtable-generic.c: pmdp_huge_get_and_clear() then
 * flush_tlb_range(), which waits for its IPIs), so that no CPU keeps a TLB entry for a small
 * page; __collapse_huge_page_copy() then copies the small pages into the huge page and frees
 * them (__collapse_huge_page_copy_succeeded(): clear_ptes(), folio_put_refs()); only then
 * map_anon_folio_pmd_nopf() -> set_pmd_at() installs the huge pmd ("The smp_wmb() inside __folio_mark_uptodate()
 * ensures the copy_huge_page writes become visible before the set_pmd_at() write"). A write
 * through a TLB entry that survived the flush lands in a page already copied and freed: lost.
 * A user access through the huge pmd before the copy finished sees the huge page without the
 * small pages' contents (and its writes are overwritten by the copy).
 *
 * State: the entry is the `psc` bit of the CPU (./user-mm.ts): the walk through T that caches
 * the pointer to T loads the leaf entry with it (`page walk (PSC fill)`, ./tlb-flush.ts: a
 * user access while T is linked and live; x86 SDM 4.10.2: TLB entries can be filled by any
 * access, also speculatively), and every flush removes both (flush_tlb_func, the hypercall or
 * broadcast flush, KVM's flush before VM-entry, the tlb_gen catch-up at switch_mm_irqs_off()).
 * A lazy-TLB CPU skipped by the flush keeps the entry but makes no user access until
 * switch_mm_irqs_off(), whose tlb_gen catch-up flushes it. The copy is part of khugepaged's
 * retire step (isolate, copy + free the small pages, deposit T), so "copied" is
 * `table = deposited`; only khugepaged deposits T and installs a huge pmd.
 *
 * The other callers free no data page through T: the table-free callers free empty tables
 * (free_pgtables() after zap_pte_range() flushed and freed the pages; PT_RECLAIM's
 * zap_pte_range() frees a table only if all its PTEs are none), and hugetlb unshare leaves the
 * hugetlb folios mapped by the other sharer and in the page cache (what the new owner then does
 * to T is P1b; the unshare flush that removes this mm's pointer to T removes its leaf entries
 * with it). The two events below are enabled only where they are harmful.
 */
import type { Step } from '../core/model.js';
import { Hazard, Mode, Slot, Table, type UserMmLayout } from './user-mm.js';

export function dataTlbEvents(L: UserMmLayout): Step[] {
  const user = (s: Uint8Array, cpu: number): boolean => s[L.base(cpu) + L.c.mode] === Mode.user;
  return [
    {
      name: 'user store via TLB',
      source: 'mm/khugepaged.c: __collapse_huge_page_copy() -> __collapse_huge_page_copy_succeeded() -> clear_ptes(), folio_put_refs() (the small page is copied, then freed)',
      text: 'user store through the cached small-page translation: the page was already copied and freed',
      enabled: (s, cpu) => user(s, cpu) && s[L.base(cpu) + L.c.psc] === 1 && s[L.g.table] === Table.deposited,
      run: (s) => {
        s[L.g.hazard] = Hazard.staleTlbWrite;
      },
    },
    {
      name: 'user access via huge pmd',
      source: 'mm/khugepaged.c: collapse_huge_page() -> __collapse_huge_page_copy(), __folio_mark_uptodate(), map_anon_folio_pmd_nopf() (the copy, the smp_wmb(), then set_pmd_at())',
      text: 'user access through the huge pmd: __collapse_huge_page_copy() has not filled the huge page',
      enabled: (s, cpu) => user(s, cpu) && s[L.g.slot] === Slot.huge && s[L.g.table] !== Table.deposited,
      run: (s) => {
        s[L.g.hazard] = Hazard.hugeBeforeCopy;
      },
    },
  ];
}
