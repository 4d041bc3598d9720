/* prelude/arch/x86/include/asm/tlb.h - arch/x86/include/asm/tlb.h (Linux 7.1) */

/* arch/x86/include/asm/tlb.h: tlb_flush() (lazy CPUs are woken only when page tables were freed) */
static void x86_tlb_flush(struct mmu_gather *tlb)
{
	flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end, PAGE_SHIFT, tlb->freed_tables);
}
