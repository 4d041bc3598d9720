/*
 * prelude/include/asm/tlbflush.h - <asm/tlbflush.h> as the configuration builds it: the
 * architecture's flush_tlb_range() (each defined in prelude/arch/<arch>/).
 */

/* flush_tlb_range() of the architecture */
static void flush_tlb_range(struct vm_area_struct *vma)
{
	if (IS_ENABLED(CONFIG_X86))
		x86_flush_tlb_range(vma);
	else if (IS_ENABLED(CONFIG_ARM64))
		arm64_flush_tlb_range(vma);
	else
		radix__flush_pmd_tlb_range(vma);
}
