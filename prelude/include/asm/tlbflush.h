/*
 * prelude/include/asm/tlbflush.h - <asm/tlbflush.h> as the configuration builds it: the
 * architecture's flush_tlb_range() (each defined in prelude/arch/<arch>/).
 */

/*
 * arch/x86/include/asm/tlbflush.h: flush_tlb_range() | arch/arm64/include/asm/tlbflush.h: flush_tlb_range() | arch/powerpc/mm/book3s64/radix_tlb.c: radix__flush_pmd_tlb_range()
 * The architecture's flush_tlb_range(); powerpc's of a collapsed PMD is the only one the
 * models need there.
 */
static void flush_tlb_range(struct vm_area_struct *vma)
{
	if (IS_ENABLED(CONFIG_X86))
		x86_flush_tlb_range(vma);
	else if (IS_ENABLED(CONFIG_ARM64))
		arm64_flush_tlb_range(vma);
	else
		radix__flush_pmd_tlb_range(vma);
}
