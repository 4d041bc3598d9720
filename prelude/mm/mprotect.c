/*
 * prelude/mm/mprotect.c - changing the protection of a range (mm/mprotect.c, Linux 7.1), for
 * one PTE: under the PTL, flush what a batched reclaim may have left behind, then the PTE's
 * read-modify-write transaction, its flush gathered into the caller's mmu_gather.
 * pte_modify(oldpte, newprot) is the model's: the caller passes the new PTE (a pointer to the
 * page mapped as the new protection maps it).
 */

/*
 * mm/mprotect.c: change_pte_range() -> flush_tlb_batched_pending(), change_present_ptes(), pte_unmap_unlock()
 * change_present_ptes() -> modify_prot_start_ptes(), prot_commit_flush_ptes() ->
 * modify_prot_commit_ptes(), tlb_flush_pte_range() (RW -> RO needs the flush:
 * pte_needs_flush()). A swap entry is not present and is left as it is. "The update must be
 * actually committed before the pte lock is released" (include/linux/pgtable.h).
 */
static void change_pte_range(struct mmu_gather *tlb, struct vm_area_struct *vma, spinlock_t *ptl, pte_t *ptep, pte_t newpte)
{
	pte_t oldpte;

	spin_lock(ptl);					/* pte_offset_map_lock() */
	flush_tlb_batched_pending(vma->vm_mm);
	/* lazy_mmu_mode_enable() */
	oldpte = ptep_get(ptep);
	if (pte_present(oldpte)) {
		oldpte = ptep_modify_prot_start(vma, ptep);
		ptep_modify_prot_commit(vma, ptep, oldpte, newpte);
		tlb_flush_pte_range(tlb, ptep);
	}
	/* lazy_mmu_mode_disable() */
	spin_unlock(ptl);				/* pte_unmap_unlock() */
}

/* mm/mprotect.c: change_protection() -> ... -> change_pte_range() (the range is one PTE) */
static void change_protection(struct mmu_gather *tlb, struct vm_area_struct *vma, spinlock_t *ptl, pte_t *ptep, pte_t newpte)
{
	change_pte_range(tlb, vma, ptl, ptep, newpte);
}

/*
 * mm/mprotect.c: do_mprotect_pkey() -> mmap_write_lock_killable(), tlb_gather_mmu(), mprotect_fixup(), tlb_finish_mmu(), mmap_write_unlock()
 * mprotect_fixup() -> change_protection(). The flush gathered is done before mprotect()
 * returns: tlb_finish_mmu() -> tlb_flush_mmu() -> tlb_flush_mmu_tlbonly() (on arm64 already at
 * tlb_end_vma(), with the same effect: both run after the PTL is dropped and before
 * mmap_write_unlock()); no page or table was gathered to free.
 */
static void do_mprotect_pkey(struct mmu_gather *tlb, struct vm_area_struct *vma, spinlock_t *ptl, pte_t *ptep, pte_t newpte)
{
	mmap_write_lock(vma->vm_mm);
	tlb_gather_mmu(tlb, vma);
	change_protection(tlb, vma, ptl, ptep, newpte);
	tlb_flush_mmu_tlbonly(tlb);		/* tlb_finish_mmu() -> tlb_flush_mmu(): nothing to free */
	mmap_write_unlock(vma->vm_mm);
}
