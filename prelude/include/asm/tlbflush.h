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

/* arch/x86/include/asm/tlbflush.h: flush_tlb_page() | arch/arm64/include/asm/tlbflush.h: flush_tlb_page() | arch/powerpc/include/asm/book3s/64/tlbflush.h: flush_tlb_page() -> radix__flush_tlb_page() */
static void flush_tlb_page(struct vm_area_struct *vma, pte_t *addr)
{
	if (IS_ENABLED(CONFIG_X86))
		x86_flush_tlb_page(vma, addr);
	else if (IS_ENABLED(CONFIG_ARM64))
		arm64_flush_tlb_page(vma, addr);
	else
		radix__flush_tlb_page(vma, addr);
}

/* arch/x86/include/asm/tlbflush.h: flush_tlb_mm | arch/arm64/include/asm/tlbflush.h: flush_tlb_mm() | arch/powerpc/include/asm/book3s/64/tlbflush.h: flush_tlb_mm() */
static void flush_tlb_mm(struct mm_struct *mm)
{
	if (IS_ENABLED(CONFIG_X86))
		x86_flush_tlb_mm(mm);
	else if (IS_ENABLED(CONFIG_ARM64))
		arm64_flush_tlb_mm(mm);
	else
		radix__flush_tlb_range(NULL, NULL, NULL);	/* radix__flush_tlb_mm(): the whole region */
}

/*
 * arch/x86/include/asm/tlbflush.h: arch_tlbbatch_should_defer() | arch/arm64/include/asm/tlbflush.h: arch_tlbbatch_should_defer()
 * Only with CONFIG_ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH (x86, arm64): mm/rmap.c asks nothing else.
 */
static bool arch_tlbbatch_should_defer(struct mm_struct *mm)
{
	if (IS_ENABLED(CONFIG_X86))
		return x86_arch_tlbbatch_should_defer(mm);
	return arm64_arch_tlbbatch_should_defer(mm);
}

/* arch/x86/include/asm/tlbflush.h: arch_tlbbatch_add_pending() | arch/arm64/include/asm/tlbflush.h: arch_tlbbatch_add_pending() */
static void arch_tlbbatch_add_pending(struct arch_tlbflush_unmap_batch *batch, struct mm_struct *mm, pte_t *ptep)
{
	if (IS_ENABLED(CONFIG_X86))
		x86_arch_tlbbatch_add_pending(batch, mm, ptep);
	else
		arm64_arch_tlbbatch_add_pending(batch, mm, ptep);
}

/* arch/x86/mm/tlb.c: arch_tlbbatch_flush() | arch/arm64/include/asm/tlbflush.h: arch_tlbbatch_flush() */
static void arch_tlbbatch_flush(struct arch_tlbflush_unmap_batch *batch)
{
	if (IS_ENABLED(CONFIG_X86))
		x86_arch_tlbbatch_flush(batch);
	else
		arm64_arch_tlbbatch_flush(batch);
}
