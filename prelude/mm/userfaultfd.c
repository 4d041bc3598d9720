/*
 * prelude/mm/userfaultfd.c - UFFDIO_WRITEPROTECT (mm/userfaultfd.c, Linux 7.1): the same
 * change_protection() as mprotect(), under mmap_read_lock() only, so page faults run beside it.
 */

/*
 * mm/userfaultfd.c: mwriteprotect_range() -> mmap_read_lock(), uffd_wp_range(), mmap_read_unlock()
 * uffd_wp_range() -> tlb_gather_mmu(), change_protection() (MM_CP_UFFD_WP: pte_mkuffd_wp()
 * write-protects; newpte is the page mapped so), tlb_finish_mmu().
 */
static void mwriteprotect_range(struct mmu_gather *tlb, struct vm_area_struct *vma, spinlock_t *ptl, pte_t *ptep, pte_t newpte)
{
	mmap_read_lock(vma->vm_mm);
	tlb_gather_mmu(tlb, vma);
	change_protection(tlb, vma, ptl, ptep, newpte);
	tlb_flush_mmu_tlbonly(tlb);		/* tlb_finish_mmu() -> tlb_flush_mmu(): nothing to free */
	mmap_read_unlock(vma->vm_mm);
}
