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
 * arch/powerpc/mm/book3s64/radix_tlb.c: radix__tlb_flush()
 * freed_tables flushes the page-walk cache too (radix__flush_all_mm()).
 */
static void radix__tlb_flush(struct mmu_gather *tlb)
{
	flush_tlb_broadcast();
}
