/*
 * prelude/arch/powerpc/mm/book3s64/radix_tlb.c - powerpc radix TLB flushing
 * (arch/powerpc/mm/book3s64/radix_tlb.c, Linux 7.1): tlbie with RIC=PWC or ALL (page-walk
 * cache too) broadcast by the hardware, completed by the issuing CPU's eieio; tlbsync; ptesync.
 * (The IPI-based tlbiel variant, used when tlbie is disabled, is not modelled.)
 */

/*
 * arch/powerpc/mm/book3s64/radix_tlb.c: radix__flush_pmd_tlb_range()
 * flush_tlb_range() of a collapsed PMD, page-walk cache too.
 */
static void radix__flush_pmd_tlb_range(struct vm_area_struct *vma)
{
	flush_tlb_broadcast();
}

/*
 * arch/powerpc/mm/book3s64/radix_tlb.c: radix__flush_tlb_range() -> __radix__flush_tlb_range()
 * A page: tlbie of its translation (RIC=0: the page-walk cache stays). The model's whole region
 * (a PMD's range, over tlb_single_page_flush_ceiling): the full PID flush, page-walk cache too.
 */
static void radix__flush_tlb_range(struct vm_area_struct *vma, pte_t *start, pte_t *end)
{
	if (end == NULL)
		radix__flush_pmd_tlb_range(vma);
	else
		flush_tlb_broadcast_last_level(start);
}

/* arch/powerpc/mm/book3s64/radix_tlb.c: radix__flush_tlb_page() -> radix__flush_tlb_page_psize() (tlbie of the page, RIC_FLUSH_TLB: the page-walk cache stays) */
static void radix__flush_tlb_page(struct vm_area_struct *vma, pte_t *addr)
{
	flush_tlb_broadcast_last_level(addr);
}

/*
 * arch/powerpc/mm/book3s64/radix_tlb.c: radix__tlb_flush()
 * The gathered range: with freed tables, the page-walk cache too
 * (radix__flush_tlb_pwc_range_psize()); otherwise the pages' translations only
 * (radix__flush_tlb_range_psize()).
 */
static void radix__tlb_flush(struct mmu_gather *tlb)
{
	if (tlb->freed_tables)
		flush_tlb_broadcast(tlb->start);
	else
		flush_tlb_broadcast_last_level(tlb->start);
}
