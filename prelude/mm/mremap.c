/*
 * prelude/mm/mremap.c - moving page-table entries (mm/mremap.c, Linux 7.1).
 *
 * One present PTE is moved from the old address to the new one, both in one PTE table under
 * one page-table lock (old_ptl == new_ptl). An address is named by its entry (`pte_t *`): the
 * TLB flush of the old range [old_end - len, old_end) is a flush of the old entry's page.
 * Left out: the rmap locks (need_rmap_locks is false for an mremap() whose new VMA sorts after
 * the old one in rmap order, the case here), uffd-wp, soft-dirty, batching of a large folio's
 * PTEs, and flush_tlb_batched_pending() (no batched reclaim flush is pending in the models).
 */

/*
 * mm/mremap.c: move_ptes()
 * For one PTE; the caller holds mmap_write_lock().
 */
static void move_ptes(struct vm_area_struct *vma, spinlock_t *ptl, pte_t *old_ptep, pte_t *new_ptep)
{
	struct mm_struct *mm = vma->vm_mm;
	bool force_flush = false;
	pte_t old_pte;
	pte_t pte;

	spin_lock(ptl);				/* pte_offset_map_lock(): old_ptl, the same lock as new_ptl */
	old_pte = ptep_get(old_ptep);
	if (!pte_none(old_pte)) {
		/*
		 * A valid PTE: flush the TLB before the PTL is dropped, so that the page stays
		 * valid until the old mapping is gone from every TLB (eb66ae030829).
		 */
		if (pte_present(old_pte))
			force_flush = true;
		pte = ptep_get_and_clear(mm, old_ptep);	/* get_and_clear_ptes() */
		set_pte_at(mm, new_ptep, pte);		/* set_ptes() */
	}
	if (force_flush)
		flush_tlb_range(vma, old_ptep, old_ptep);	/* old_end - len, old_end */
	spin_unlock(ptl);			/* pte_unmap_unlock() */
}

/*
 * mm/mremap.c: move_page_tables() -> ... -> move_ptes()
 * Under mmap_write_lock(), as mremap() holds it; the new VMA maps the same file.
 */
static void move_page_tables(struct vm_area_struct *vma, spinlock_t *ptl, pte_t *old_ptep, pte_t *new_ptep)
{
	mmap_write_lock(vma->vm_mm);
	move_ptes(vma, ptl, old_ptep, new_ptep);
	mmap_write_unlock(vma->vm_mm);
}
