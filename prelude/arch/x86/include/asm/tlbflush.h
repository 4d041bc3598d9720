/*
 * prelude/arch/x86/include/asm/tlbflush.h - x86 TLB state and the lazy-TLB entry
 * (arch/x86/include/asm/tlbflush.h, Linux 7.1). Without PCID every mm runs on ASID 0, so
 * cpu_tlbstate.ctxs[loaded_mm_asid].tlb_gen is cpu_tlbstate.tlb_gen here; with PCID
 * (X86_FEATURE_PCID: the x86-pcid configuration) the ASID slots are cpu_tlbstate_asids.
 *
 * Addresses are entries (`pte_t *`, docs/c-models.md). A range [start, end) of the kernel is
 * here one page, written start == end == the entry that maps it, or the model's whole region,
 * start == end == NULL: end == NULL stands for TLB_FLUSH_ALL. A flush of an address also drops
 * the paging-structure caches whole (INVLPG does), so for page-table pages a flush of the
 * region's addresses and a full flush are the same.
 */

#define PAGE_SHIFT	12

/* struct tlb_state (the fields used; ctxs[loaded_mm_asid].tlb_gen as tlb_gen without PCID) */
struct tlb_state {
	struct mm_struct *loaded_mm;
	__range(0, 7) u64 tlb_gen;
};

/*
 * arch/x86/include/asm/tlbflush.h: LOADED_MM_SWITCHING, written &loaded_mm_switching here
 * ((struct mm_struct *)1UL in the kernel: an address no mm has; here an mm no code touches)
 */
struct mm_struct loaded_mm_switching;

#define TLB_NR_DYN_ASIDS	6

/*
 * arch/x86/include/asm/tlbflush.h: struct tlb_context (an ASID slot)
 * ctx_id is the mm itself: mm->context.ctx_id is unique for the life of the system, and the
 * models' mms live for ever.
 */
struct tlb_context {
	struct mm_struct *ctx_id;
	__range(0, 7) u64 tlb_gen;
};

/*
 * struct tlb_state's ASID fields (loaded_mm_asid, next_asid, ctxs[]), read only with PCID: a
 * per-CPU object of their own here, so that a configuration without PCID does not carry them.
 */
struct tlb_asid_state {
	__range(0, 5) u16 loaded_mm_asid;
	__range(0, 6) u16 next_asid;
	struct tlb_context ctxs[TLB_NR_DYN_ASIDS];
};

/* struct tlb_state_shared */
struct tlb_state_shared {
	bool is_lazy;
};

/* arch/x86/mm/init.c: cpu_tlbstate starts in init_mm */
DEFINE_PER_CPU(struct tlb_state, cpu_tlbstate) = { .loaded_mm = &init_mm };
/* arch/x86/mm/tlb.c: initialize_tlbstate_and_flush() (init_mm on ASID 0, next_asid 1) */
DEFINE_PER_CPU(struct tlb_asid_state, cpu_tlbstate_asids) = { .next_asid = 1, .ctxs = { { .ctx_id = &init_mm } } };
DEFINE_PER_CPU(struct tlb_state_shared, cpu_tlbstate_shared);

/* struct flush_tlb_info (stride_shift left out: a range is one page, or everything) */
struct flush_tlb_info {
	struct mm_struct *mm;
	pte_t *start;				/* the page's entry, or NULL */
	pte_t *end;				/* the same entry, or NULL: TLB_FLUSH_ALL */
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

/*
 * arch/x86/include/asm/tlbflush.h: mm_in_asid_transition()
 * The models' user mm has its global ASID from the start, on every CPU: never in transition.
 */
static bool mm_in_asid_transition(struct mm_struct *mm)
{
	return false;
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

/* arch/x86/include/asm/tlbflush.h: flush_tlb_mm() = flush_tlb_mm_range() (of everything, freed_tables = true) */
static void x86_flush_tlb_mm(struct mm_struct *mm)
{
	flush_tlb_mm_range(mm, NULL, NULL, 0, true);
}

/* arch/x86/include/asm/tlbflush.h: flush_tlb_page() -> flush_tlb_mm_range() (of the page, freed_tables = false) */
static void x86_flush_tlb_page(struct vm_area_struct *vma, pte_t *addr)
{
	flush_tlb_mm_range(vma->vm_mm, addr, addr, PAGE_SHIFT, false);
}

/* arch/x86/include/asm/tlbflush.h: arch_tlbbatch_should_defer() ("If remote CPUs need to be flushed then defer batch the flush") */
static bool x86_arch_tlbbatch_should_defer(struct mm_struct *mm)
{
	bool should_defer = false;

	if (cpumask_any_but(mm_cpumask(mm), get_cpu()) < nr_cpu_ids)
		should_defer = true;
	put_cpu();
	return should_defer;
}

/*
 * arch/x86/include/asm/tlbflush.h: arch_tlbbatch_add_pending() -> inc_mm_tlb_gen(), cpumask_or()
 * Nothing is flushed yet: the batch records the mm's CPUs, and the new tlb_gen makes their
 * flush_tlb_func() flush when arch_tlbbatch_flush() asks.
 */
static void x86_arch_tlbbatch_add_pending(struct arch_tlbflush_unmap_batch *batch, struct mm_struct *mm, pte_t *ptep)
{
	inc_mm_tlb_gen(mm);
	cpumask_or(&batch->cpumask, &batch->cpumask, mm_cpumask(mm));
	batch->unmapped_pages = true;
}

/* arch/x86/include/asm/tlbflush.h: flush_tlb_range() (since 3ef938c35035 it passes freed_tables = true) */
static void x86_flush_tlb_range(struct vm_area_struct *vma, pte_t *start, pte_t *end)
{
	flush_tlb_mm_range(vma->vm_mm, start, end, PAGE_SHIFT, true);
}
