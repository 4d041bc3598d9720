/*
 * prelude/mm/truncate.c - truncating a file that is mapped (mm/truncate.c, mm/memory.c,
 * Linux 7.1): truncate_pagecache() -> unmap_mapping_range() zaps every PTE mapping the page,
 * under its page-table lock, and tlb_finish_mmu() flushes what it zapped; then
 * truncate_inode_pages() takes the page out of the page cache and frees it.
 */

/*
 * mm/memory.c: zap_pte_range()
 * For one entry; then tlb_finish_mmu() flushes its address.
 */
static void zap_one_pte(struct mm_struct *mm, spinlock_t *ptl, pte_t *ptep)
{
	bool zapped = false;

	spin_lock(ptl);
	if (!pte_none(ptep_get(ptep))) {
		ptep_get_and_clear(mm, ptep);
		zapped = true;
	}
	spin_unlock(ptl);
	if (zapped)
		flush_tlb_range_entry(mm, ptep);
}

/*
 * mm/truncate.c: truncate_pagecache()
 * Of the page mapped at two addresses.
 */
static void truncate_pagecache_page(struct mm_struct *mm, spinlock_t *ptl, pte_t *a, pte_t *b, struct page *page)
{
	zap_one_pte(mm, ptl, a);		/* unmap_mapping_range(): rmap finds every mapping */
	zap_one_pte(mm, ptl, b);
	__page_free(page);			/* truncate_inode_pages(): the last reference goes */
}
