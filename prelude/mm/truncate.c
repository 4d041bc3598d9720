/*
 * prelude/mm/truncate.c - truncating a file that is mapped (mm/truncate.c, Linux 7.1):
 * truncate_pagecache() -> unmap_mapping_range() zaps every PTE that maps the page, VMA by VMA,
 * each under its page-table lock and flushed by tlb_finish_mmu() after the lock is dropped;
 * then truncate_inode_pages() takes the page out of the page cache and frees it.
 */

/*
 * mm/truncate.c: truncate_pagecache() -> unmap_mapping_range(), truncate_inode_pages()
 * Of one page mapped at two addresses (two VMAs of the file). truncate_inode_pages() finds the
 * page no longer mapped (folio_mapped(): every entry that mapped it was zapped) and frees it;
 * the second unmap_mapping_range() finds nothing left to unmap.
 */
static void truncate_pagecache(struct mmu_gather *tlb, struct vm_area_struct *vma, spinlock_t *ptl,
			       pte_t *a, pte_t *b, struct page *page)
{
	unmap_mapping_range_tree(tlb, vma, ptl, a, b);	/* unmap_mapping_range() -> unmap_mapping_pages() */
	__page_free(page);				/* truncate_inode_pages(): the last reference goes */
}
