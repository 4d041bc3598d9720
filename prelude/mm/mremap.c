/*
 * prelude/mm/mremap.c - moving page-table entries (mm/mremap.c, Linux 7.1).
 *
 * One present PTE is moved from the old address to the new one, both in one PTE table under
 * one page-table lock (old_ptl == new_ptl). An address is named by its entry (`pte_t *`):
 * a TLB flush of "the old range" is a flush of the old entry's address.
 */

/*
 * mm/mremap.c: move_ptes()
 * For one PTE; the caller holds mmap_write_lock().
 */
static void move_ptes(struct mm_struct *mm, spinlock_t *ptl, pte_t *old_ptep, pte_t *new_ptep)
{
	bool force_flush = false;
	pte_t pte;

	spin_lock(ptl);				/* pte_offset_map_lock(): old_ptl, the same lock as new_ptl */
	pte = ptep_get(old_ptep);
	if (!pte_none(pte)) {
		/*
		 * A valid PTE: flush the TLB before the PTL is dropped, so that the page stays
		 * valid until the old mapping is gone from every TLB (eb66ae030829).
		 */
		if (pte_present(pte))
			force_flush = true;
		pte = ptep_get_and_clear(mm, old_ptep);
		set_pte_at(mm, new_ptep, pte);
	}
	if (force_flush)
		flush_tlb_range_entry(mm, old_ptep);
	spin_unlock(ptl);			/* pte_unmap_unlock() */
}

/* mm/mremap.c: move_page_tables() -> move_ptes() */
static void mremap_move(struct mm_struct *mm, spinlock_t *ptl, pte_t *old_ptep, pte_t *new_ptep)
{
	mmap_write_lock(mm);
	move_ptes(mm, ptl, old_ptep, new_ptep);
	mmap_write_unlock(mm);
}
