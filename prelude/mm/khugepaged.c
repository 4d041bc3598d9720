/*
 * prelude/mm/khugepaged.c - collapsing a PTE table into a huge pmd (mm/khugepaged.c,
 * Linux 7.1), from the write locks on; the scan, the huge page's allocation and the
 * revalidation before the locks are left out.
 */

/* mm/khugepaged.c: collapse_huge_page() */
static void collapse_huge_page(struct vm_area_struct *vma, pmd_t *pmd, struct page *hpage)
{
	pmd_t _pmd;

	/* mmap_write_lock(), hugepage_vma_revalidate(); "Prevent all access to pagetables with the exception of gup_fast" */
	vma_start_write(vma);
	/* anon_vma_lock_write(), pmd_lock() */
	_pmd = pmdp_collapse_flush(vma, pmd);
	tlb_remove_table_sync_one();
	__atomic_block("copy and deposit: the huge page is reachable only through set_pmd_at() below, and the small pages are gone from the copy on") {
		/* __collapse_huge_page_isolate(), __collapse_huge_page_copy(): the small pages are copied into the huge page, then freed */
		__page_fill(hpage);
		/* __folio_mark_uptodate(): the smp_wmb() orders the copy before set_pmd_at() */
		smp_wmb();
		/* pgtable_trans_huge_deposit(): the PTE table is kept for a later split */
		__pt_deposit(_pmd);
	}
	__atomic_block("set_pmd_at and mmap_write_unlock: the unlock only lets page faults in again, and they find the huge pmd") {
		/* map_anon_folio_pmd_nopf() -> set_pmd_at() */
		WRITE_ONCE(*pmd, hpage);
		/* mmap_write_unlock() */
		vma_end_write_all(vma);
	}
}
