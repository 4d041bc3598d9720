/*
 * prelude/mm/vmscan.c - reclaiming one anonymous page (mm/vmscan.c, Linux 7.1): unmapped from
 * every mm (try_to_unmap(): here one PTE), written to swap (pageout(), left out: it needs no
 * TLB state), then, once every deferred TLB flush is done, freed.
 */

/*
 * mm/vmscan.c: shrink_folio_list() -> try_to_unmap(), folio_mapped(), try_to_unmap_flush(), free_unref_folios()
 * A folio still mapped after try_to_unmap() is kept (activate_locked); the batch is flushed
 * before any folio of the list is freed.
 */
static void shrink_folio_list(struct vm_area_struct *vma, spinlock_t *ptl, pte_t *ptep, pte_t swp_pte, struct page *page, unsigned int flags)
{
	bool mapped = !try_to_unmap_one(vma, ptl, ptep, swp_pte, flags);	/* try_to_unmap() -> rmap_walk() */

	try_to_unmap_flush();
	if (!mapped)
		__page_free(page);				/* free_unref_folios() */
}
