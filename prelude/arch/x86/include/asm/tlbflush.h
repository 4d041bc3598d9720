/*
 * prelude/arch/x86/include/asm/tlbflush.h - x86 TLB state and the lazy-TLB entry
 * (arch/x86/include/asm/tlbflush.h, Linux 7.1). Without PCID there is one ASID per CPU, so
 * cpu_tlbstate.ctxs[loaded_mm_asid] is one context here.
 */

/* struct tlb_state (the fields used; ctxs[loaded_mm_asid].tlb_gen as tlb_gen) */
struct tlb_state {
	struct mm_struct *loaded_mm;
	__range(0, 7) u64 tlb_gen;
};

/* struct tlb_state_shared */
struct tlb_state_shared {
	bool is_lazy;
};

/* arch/x86/mm/init.c: cpu_tlbstate starts in init_mm */
DEFINE_PER_CPU(struct tlb_state, cpu_tlbstate) = { .loaded_mm = &init_mm };
DEFINE_PER_CPU(struct tlb_state_shared, cpu_tlbstate_shared);

/* struct flush_tlb_info (the range is the model's one region: start, end, stride left out) */
struct flush_tlb_info {
	struct mm_struct *mm;
	__range(0, 7) u64 new_tlb_gen;
	bool freed_tables;
};

/*
 * arch/x86/include/asm/tlbflush.h: mm_global_asid()
 * With INVLPGB, an mm active on more than three CPUs is given a global ASID
 * (consider_global_asid()) and flushed by broadcast; the models' user mm is such an mm.
 */
static bool mm_global_asid(struct mm_struct *mm)
{
	return cpu_feature_enabled(X86_FEATURE_INVLPGB) && mm != &init_mm;
}

/* arch/x86/include/asm/tlbflush.h: inc_mm_tlb_gen() (a full barrier that pairs with switch_mm_irqs_off()) */
static u64 inc_mm_tlb_gen(struct mm_struct *mm)
{
	return atomic64_inc_return(&mm->context.tlb_gen);
}

/*
 * arch/x86/include/asm/tlbflush.h: enter_lazy_tlb()
 * A kernel thread borrows the mm; its page tables stay loaded.
 */
static void enter_lazy_tlb(struct mm_struct *mm)
{
	if (this_cpu_read(cpu_tlbstate.loaded_mm) == &init_mm)
		return;
	this_cpu_write(cpu_tlbstate_shared.is_lazy, true);
}

/* arch/x86/include/asm/tlbflush.h: flush_tlb_range() (since 3ef938c35035 it passes freed_tables = true) */
static void x86_flush_tlb_range(struct vm_area_struct *vma)
{
	flush_tlb_mm_range(vma->vm_mm, true);
}
