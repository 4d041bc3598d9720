/*
 * prelude/mm/hugetlb.c - unsharing a hugetlb PMD table (mm/hugetlb.c, Linux 7.1,
 * CONFIG_HUGETLB_PMD_PAGE_TABLE_SHARING): the unsharer clears its pud, flushes its TLB and, if
 * the table is now exclusive to the other sharer, waits for GUP-fast before dropping the locks
 * after which "these tables could get modified and even reused outside of hugetlb context".
 */

/*
 * mm/hugetlb.c: __hugetlb_zap_begin() -> hugetlb_vma_lock_write(), i_mmap_lock_write()
 * hugetlb_fault() takes the hugetlb VMA lock for read, so the model's VMA lock stands for it.
 */
static void hugetlb_vma_lock_write(struct vm_area_struct *vma)
{
	vma_start_write(vma);
}

/* mm/hugetlb.c: hugetlb_vma_unlock_write() (with i_mmap_unlock_write(): __hugetlb_zap_end()) */
static void hugetlb_vma_unlock_write(struct vm_area_struct *vma)
{
	vma_end_write_all(vma);
}

/* mm/hugetlb.c: huge_pmd_unshare() -> __huge_pmd_unshare() */
static int huge_pmd_unshare(struct mmu_gather *tlb, pud_t *pud, struct ptdesc *pt)
{
	if (!IS_ENABLED(CONFIG_HUGETLB_PMD_PAGE_TABLE_SHARING))
		return 0;
	/* ptdesc_pmd_is_shared() */
	if (!atomic_read(&pt->pt_share_count))
		return 0;
	WRITE_ONCE(*pud, NULL);
	tlb_unshare_pmd_ptdesc(tlb, pt);
	return 1;
}

/* mm/hugetlb.c: huge_pmd_unshare_flush() ("synchronize page table unsharing") */
static void huge_pmd_unshare_flush(struct mmu_gather *tlb)
{
	tlb_flush_unshared_tables(tlb);
}

/*
 * mm/hugetlb.c: __unmap_hugepage_range() -> huge_pmd_unshare()
 * Over a range whose PMD table is shared, as far as the table goes; once the locks are dropped
 * the table is the other sharer's alone.
 */
static void unmap_shared_hugepage_range(struct mmu_gather *tlb, struct vm_area_struct *vma, pud_t *pud, pmd_table_t *table, struct ptdesc *pt)
{
	tlb_gather_mmu(tlb, vma);
	hugetlb_vma_lock_write(vma);
	huge_pmd_unshare(tlb, pud, pt);
	huge_pmd_unshare_flush(tlb);
	hugetlb_vma_unlock_write(vma);
	__pt_give_to_other_mm(table);
}
