/*
 * prelude/mm/rmap.c - unmapping a page for reclaim, its TLB flush deferred to the end of the
 * batch (mm/rmap.c, Linux 7.1, CONFIG_ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH), and the flush owed by a
 * PTE writer that may race with such a batch. One anonymous page, one PTE; the rmap walk, large
 * folios, hugetlb, device-exclusive and uffd-wp markers are left out.
 */

#define TTU_BATCH_FLUSH			1	/* enum ttu_flags: "Batch TLB flushes where possible" */
#define TLB_FLUSH_BATCH_FLUSHED_SHIFT	4	/* 16 in the kernel: the models' counts stay below 8 */
#define TLB_FLUSH_BATCH_PENDING_MASK	7	/* (1 << (TLB_FLUSH_BATCH_FLUSHED_SHIFT - 1)) - 1 */
#define TLB_FLUSH_BATCH_PENDING_LARGE	3	/* TLB_FLUSH_BATCH_PENDING_MASK / 2 */

/* mm/rmap.c: try_to_unmap_flush() ("Flush TLB entries for recently unmapped pages from remote CPUs") */
static void try_to_unmap_flush(void)
{
	struct tlbflush_unmap_batch *tlb_ubc = &current_tlb_ubc;

	if (!tlb_ubc->flush_required)
		return;
	arch_tlbbatch_flush(&tlb_ubc->arch);
	tlb_ubc->flush_required = false;
}

/*
 * mm/rmap.c: set_tlb_ubc_flush_pending() -> arch_tlbbatch_add_pending()
 * Records the deferred flush in the task's batch and counts it pending in the mm, for
 * flush_tlb_batched_pending(). The writable/dirty tracking is left out.
 */
static void set_tlb_ubc_flush_pending(struct mm_struct *mm, pte_t pteval, pte_t *ptep)
{
	struct tlbflush_unmap_batch *tlb_ubc = &current_tlb_ubc;
	int batch;
	int old;

	if (!pte_present(pteval))		/* pte_accessible() */
		return;
	arch_tlbbatch_add_pending(&tlb_ubc->arch, mm, ptep);
	tlb_ubc->flush_required = true;
	/* barrier(): tlb_flush_batched is counted after the PTE was cleared */
	barrier();
	batch = atomic_read(&mm->tlb_flush_batched);
	for (;;) {
		if ((batch & TLB_FLUSH_BATCH_PENDING_MASK) > TLB_FLUSH_BATCH_PENDING_LARGE) {
			/* keep pending from catching up with flushed: restart both at 1 and 0 (atomic_try_cmpxchg) */
			old = atomic_cmpxchg(&mm->tlb_flush_batched, batch, 1);
			if (old == batch)
				break;
			batch = old;
		} else {
			atomic_inc(&mm->tlb_flush_batched);
			break;
		}
	}
}

/* mm/rmap.c: should_defer_flush() (false without CONFIG_ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH) */
static bool should_defer_flush(struct mm_struct *mm, unsigned int flags)
{
	if (!IS_ENABLED(CONFIG_ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH))
		return false;
	if (!(flags & TTU_BATCH_FLUSH))
		return false;
	return arch_tlbbatch_should_defer(mm);
}

/*
 * mm/rmap.c: flush_tlb_batched_pending() -> flush_tlb_mm()
 * Under the PTL: a reclaim that cleared a PTE of the mm and has not flushed yet may have left
 * TLB entries behind, so a writer of the same page tables flushes the whole mm first.
 */
static void flush_tlb_batched_pending(struct mm_struct *mm)
{
	int batch = atomic_read(&mm->tlb_flush_batched);
	int pending = batch & TLB_FLUSH_BATCH_PENDING_MASK;
	int flushed = batch >> TLB_FLUSH_BATCH_FLUSHED_SHIFT;

	if (pending != flushed) {
		flush_tlb_mm(mm);
		/* a flush batched meanwhile stays pending: the cmpxchg then fails */
		atomic_cmpxchg(&mm->tlb_flush_batched, batch, pending | (pending << TLB_FLUSH_BATCH_FLUSHED_SHIFT));
	}
}

/*
 * mm/rmap.c: try_to_unmap_one() -> get_and_clear_ptes(), should_defer_flush(), set_tlb_ubc_flush_pending(), flush_tlb_range(), set_pte_at()
 * Of an anonymous page with a swap slot (swp_pte: swp_entry_to_pte() of it), under the PTL that
 * page_vma_mapped_walk() -> map_pte() takes: the PTE is cleared, its flush deferred or done,
 * and the swap entry written before the PTL is dropped (page_vma_mapped_walk_done()). Returns
 * whether it unmapped the page (folio_remove_rmap_ptes() dropped its mapcount): a walk that
 * finds no present PTE leaves the page mapped.
 */
static bool try_to_unmap_one(struct vm_area_struct *vma, spinlock_t *ptl, pte_t *ptep, pte_t swp_pte, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pteval;
	bool unmapped = false;

	spin_lock(ptl);
	pteval = ptep_get(ptep);
	/* page_vma_mapped_walk() -> check_pte(): the PTE maps the folio (else it is not mapped here) */
	if (pte_present(pteval)) {
		pteval = ptep_get_and_clear(mm, ptep);	/* get_and_clear_ptes() of one PTE */
		if (should_defer_flush(mm, flags))
			set_tlb_ubc_flush_pending(mm, pteval, ptep);
		else
			flush_tlb_range(vma, ptep, ptep);
		set_pte_at(mm, ptep, swp_pte);		/* folio_test_anon(): the swap entry */
		unmapped = true;
	}
	spin_unlock(ptl);
	return unmapped;
}
