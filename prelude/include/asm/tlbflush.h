/*
 * prelude/include/asm/tlbflush.h - <asm/tlbflush.h> as the configuration builds it: the
 * architecture's flush_tlb_range() (each defined in prelude/arch/<arch>/). A range is one page,
 * start == end == its entry, or the model's whole region, start == end == NULL.
 */

/*
 * arch/x86/include/asm/tlbflush.h: flush_tlb_range() | arch/arm64/include/asm/tlbflush.h: flush_tlb_range() | arch/powerpc/include/asm/book3s/64/tlbflush.h: flush_tlb_range() -> radix__flush_tlb_range()
 * The architecture's flush_tlb_range().
 */
static void flush_tlb_range(struct vm_area_struct *vma, pte_t *start, pte_t *end)
{
	if (IS_ENABLED(CONFIG_X86))
		x86_flush_tlb_range(vma, start, end);
	else if (IS_ENABLED(CONFIG_ARM64))
		arm64_flush_tlb_range(vma, start, end);
	else
		radix__flush_tlb_range(vma, start, end);
}
