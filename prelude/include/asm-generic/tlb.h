/*
 * prelude/include/asm-generic/tlb.h - the mmu_gather (include/asm-generic/tlb.h, Linux 7.1):
 * what a caller unmapping or freeing page tables gathers, and the flush it owes for it.
 */

/*
 * struct mmu_gather (the fields the modelled paths use; batch: the table batch page). The range
 * is one page, start == end == its entry, or the model's whole region, NULL (the table paths
 * leave it so: a flush of any address of the region drops the paging-structure caches whole).
 */
struct mmu_gather {
	struct mm_struct *mm;
	struct vm_area_struct *vma;		/* tlb_start_vma(); arm64 builds its flush from it */
	pte_t *start;
	pte_t *end;
	bool freed_tables;
	bool cleared_ptes;
	bool cleared_pmds;
	bool cleared_puds;
	bool unshared_tables;
	bool fully_unshared_tables;
	pte_table_t *batch;			/* the table batch: the one table gathered, or NULL */
};

/* include/asm-generic/tlb.h: __tlb_reset_range() */
static void __tlb_reset_range(struct mmu_gather *tlb)
{
	tlb->start = NULL;
	tlb->end = NULL;
	tlb->freed_tables = false;
	tlb->cleared_ptes = false;
	tlb->cleared_pmds = false;
	tlb->cleared_puds = false;
	tlb->unshared_tables = false;
}

/* mm/mmu_gather.c: tlb_gather_mmu() (with tlb_start_vma() of the one VMA) */
static void tlb_gather_mmu(struct mmu_gather *tlb, struct vm_area_struct *vma)
{
	tlb->mm = vma->vm_mm;
	tlb->vma = vma;
	tlb->batch = NULL;
	__tlb_reset_range(tlb);
}

/*
 * include/asm-generic/tlb.h: tlb_flush_mmu_tlbonly() -> tlb_flush() (the architecture's)
 * arch/x86/include/asm/tlb.h, arch/arm64/include/asm/tlb.h; on powerpc radix__tlb_flush().
 */
static void tlb_flush(struct mmu_gather *tlb)
{
	if (IS_ENABLED(CONFIG_X86))
		x86_tlb_flush(tlb);
	else if (IS_ENABLED(CONFIG_ARM64))
		arm64_tlb_flush(tlb);
	else
		radix__tlb_flush(tlb);
}

/*
 * include/asm-generic/tlb.h: tlb_flush_mmu_tlbonly() -> tlb_flush(), __tlb_reset_range()
 * Flushes what was gathered, then resets the range.
 */
static void tlb_flush_mmu_tlbonly(struct mmu_gather *tlb)
{
	if (!(tlb->freed_tables || tlb->cleared_ptes || tlb->cleared_pmds || tlb->cleared_puds || tlb->unshared_tables))
		return;
	tlb_flush(tlb);
	__tlb_reset_range(tlb);
}

/*
 * include/asm-generic/tlb.h: __tlb_adjust_range()
 * Adds a page to the range: the range is that page if it held nothing yet, stays it if it is
 * the same page, and becomes the region otherwise.
 */
static void __tlb_adjust_range(struct mmu_gather *tlb, pte_t *ptep)
{
	if (!(tlb->freed_tables || tlb->cleared_ptes || tlb->cleared_pmds || tlb->cleared_puds || tlb->unshared_tables))
		tlb->start = ptep;
	else if (tlb->start != ptep)
		tlb->start = NULL;
	tlb->end = tlb->start;
}

/* include/asm-generic/tlb.h: tlb_flush_pte_range() -> __tlb_adjust_range() (to the entry's page) */
static void tlb_flush_pte_range(struct mmu_gather *tlb, pte_t *ptep)
{
	__tlb_adjust_range(tlb, ptep);
	tlb->cleared_ptes = true;
}

/* include/asm-generic/tlb.h: tlb_remove_tlb_entry() -> tlb_flush_pte_range() */
static void tlb_remove_tlb_entry(struct mmu_gather *tlb, pte_t *ptep)
{
	tlb_flush_pte_range(tlb, ptep);
}

/*
 * include/asm-generic/tlb.h: pte_free_tlb() -> tlb_flush_pmd_range() -> __tlb_adjust_range()
 * The range gains a page the table maps (the kernel's address, PAGE_SIZE), named here by the
 * table itself: a page-table page has no entry of its own in a model, and a flush of an
 * address the model has no entry for drops the walk caches whole. Then the table goes into
 * the gather (tlb_remove_table()).
 */
static void pte_free_tlb(struct mmu_gather *tlb, pte_table_t *pte)
{
	__tlb_adjust_range(tlb, (pte_t *)pte);
	tlb->freed_tables = true;
	tlb->cleared_pmds = true;
	tlb_remove_table(tlb, pte);
}

/*
 * include/asm-generic/tlb.h: tlb_unshare_pmd_ptdesc()
 * "The caller must make sure that concurrent unsharing + exclusive reuse is impossible until
 * tlb_flush_unshared_tables() was called."
 */
static void tlb_unshare_pmd_ptdesc(struct mmu_gather *tlb, struct ptdesc *pt)
{
	atomic_dec(&pt->pt_share_count);
	/* tlb_flush_pmd_range(): clearing a PUD that points at a PMD table of PMD leaves */
	tlb->cleared_pmds = true;
	if (!atomic_read(&pt->pt_share_count))
		tlb->fully_unshared_tables = true;
	tlb->unshared_tables = true;
}

/*
 * include/asm-generic/tlb.h: tlb_flush_unshared_tables()
 * Flushes the unsharer's TLB; if the table is now exclusive, waits for concurrent GUP-fast
 * with an IPI: "on configs where tlb_remove_table_sync_one() is a NOP, the expectation is that
 * the tlb_flush_mmu_tlbonly() would have issued required IPIs already".
 */
static void tlb_flush_unshared_tables(struct mmu_gather *tlb)
{
	if (tlb->unshared_tables)
		tlb_flush_mmu_tlbonly(tlb);
	if (tlb->fully_unshared_tables) {
		tlb_remove_table_sync_one();
		tlb->fully_unshared_tables = false;
	}
}
