/*
 * prelude/arch/x86/mm/tlb.c - x86 TLB flushing and mm switching (arch/x86/mm/tlb.c, Linux 7.1).
 *
 * Written for shootdown from the kernel's structure, not copied. With PCID (the x86-pcid
 * configuration) a CPU keeps an ASID slot per mm it ran (choose_new_asid()) and switches back
 * to an up-to-date one without a flush; without it every switch flushes. Left out: PTI (one
 * PCID per ASID: no user PCID to invalidate), LAM, the IBPB/L1D mitigations, the periodic
 * mm_cpumask trim (should_trim_cpumask(): it only sends more IPIs), and the full flush of a
 * range longer than tlb_single_page_flush_ceiling (a range here is one page or everything: see
 * prelude/arch/x86/include/asm/tlbflush.h).
 */

#define TLB_GENERATION_INVALID	0	/* a flush with no generation of its own (arch_tlbbatch_flush()) */

/* arch/x86/mm/tlb.c: kern_pcid() (one address space: the PCID is the ASID's) */
static unsigned long kern_pcid(unsigned long asid)
{
	return asid;
}

/* arch/x86/mm/tlb.c: user_pcid() (the same: the model has no PTI) */
static unsigned long user_pcid(unsigned long asid)
{
	return asid;
}

/* this CPU's flush in progress (DEFINE_PER_CPU_SHARED_ALIGNED) */
DEFINE_PER_CPU(struct flush_tlb_info, flush_tlb_info);

/* arch/x86/mm/tlb.c: switch_mm_irqs_off() (this_cpu_read(cpu_tlbstate.loaded_mm_asid): 0 without PCID) */
static u16 loaded_mm_asid(void)
{
	if (!cpu_feature_enabled(X86_FEATURE_PCID))
		return 0;
	return this_cpu_read(cpu_tlbstate_asids.loaded_mm_asid);
}

/* arch/x86/mm/tlb.c: flush_tlb_func() (this_cpu_read(cpu_tlbstate.ctxs[asid].tlb_gen)) */
static u64 ctx_tlb_gen(u16 asid)
{
	if (!cpu_feature_enabled(X86_FEATURE_PCID))
		return this_cpu_read(cpu_tlbstate.tlb_gen);
	return this_cpu_read(cpu_tlbstate_asids.ctxs[asid].tlb_gen);
}

/* arch/x86/mm/tlb.c: flush_tlb_func() (this_cpu_write(cpu_tlbstate.ctxs[asid].tlb_gen, gen)) */
static void set_ctx_tlb_gen(u16 asid, u64 gen)
{
	if (!cpu_feature_enabled(X86_FEATURE_PCID))
		this_cpu_write(cpu_tlbstate.tlb_gen, gen);
	else
		this_cpu_write(cpu_tlbstate_asids.ctxs[asid].tlb_gen, gen);
}

/*
 * arch/x86/mm/tlb.c: choose_new_asid() (the slot; its need_flush is asid_need_flush())
 * No global ASIDs: the x86-invlpgb configuration has no PCID (mm_global_asid()).
 */
static u16 choose_new_asid(struct mm_struct *next)
{
	u16 asid;

	if (!cpu_feature_enabled(X86_FEATURE_PCID))
		return 0;
	for (asid = 0; asid < TLB_NR_DYN_ASIDS; asid++) {
		if (this_cpu_read(cpu_tlbstate_asids.ctxs[asid].ctx_id) == next)
			return asid;
	}
	/* "We don't currently own an ASID slot on this CPU. Allocate a slot." (this_cpu_add_return()) */
	asid = this_cpu_read(cpu_tlbstate_asids.next_asid);
	this_cpu_write(cpu_tlbstate_asids.next_asid, asid + 1);
	if (asid >= TLB_NR_DYN_ASIDS) {
		asid = 0;
		this_cpu_write(cpu_tlbstate_asids.next_asid, 1);
	}
	return asid;
}

/* arch/x86/mm/tlb.c: choose_new_asid() (need_flush: a slot just taken, or one behind next_tlb_gen) */
static bool asid_need_flush(u16 asid, struct mm_struct *next, u64 next_tlb_gen)
{
	if (!cpu_feature_enabled(X86_FEATURE_PCID))
		return true;
	if (this_cpu_read(cpu_tlbstate_asids.ctxs[asid].ctx_id) != next)
		return true;
	return this_cpu_read(cpu_tlbstate_asids.ctxs[asid].tlb_gen) < next_tlb_gen;
}

/*
 * arch/x86/mm/tlb.c: load_new_mm_cr3() (build_cr3(), or build_cr3_noflush() when up to date)
 * "many callers of this function expect that load_cr3() is serializing"
 */
static void load_new_mm_cr3(struct mm_struct *next, u16 new_asid, bool need_flush)
{
	if (cpu_feature_enabled(X86_FEATURE_PCID)) {
		if (need_flush)
			load_cr3(next);
		else
			load_cr3_noflush(next);
	} else {
		load_cr3(next);
	}
}

/* arch/x86/mm/tlb.c: switch_mm_irqs_off() (IRQs are off; the tsk argument is left out) */
static void switch_mm_irqs_off(struct mm_struct *unused, struct mm_struct *next)
{
	struct mm_struct *prev = this_cpu_read(cpu_tlbstate.loaded_mm);
	u16 prev_asid = loaded_mm_asid();
	bool was_lazy = this_cpu_read(cpu_tlbstate_shared.is_lazy);
	u16 new_asid;
	bool need_flush;
	u64 next_tlb_gen;

	/* CONFIG_PROVE_LOCKING: "We don't want flush_tlb_func() to run concurrently with us." */
	WARN_ON_ONCE(!irqs_disabled());
	if (was_lazy)
		this_cpu_write(cpu_tlbstate_shared.is_lazy, false);
	if (prev == next) {
		/* broadcast invalidation keeps a global ASID up to date */
		if (mm_global_asid(next))
			return;
		if (!was_lazy)
			return;
		/* did a flush skip this CPU while it was lazy? */
		smp_mb();
		next_tlb_gen = atomic64_read(&next->context.tlb_gen);
		if (ctx_tlb_gen(prev_asid) == next_tlb_gen)
			return;
		new_asid = prev_asid;
		need_flush = true;
	} else {
		/* "Indicate that CR3 is about to change." */
		this_cpu_write(cpu_tlbstate.loaded_mm, &loaded_mm_switching);	/* LOADED_MM_SWITCHING */
		/* join mm_cpumask before reading tlb_gen: pairs with flush_tlb_mm_range() */
		if (next != &init_mm && !cpumask_test_cpu(smp_processor_id(), mm_cpumask(next)))
			cpumask_set_cpu(smp_processor_id(), mm_cpumask(next));
		else
			smp_mb();
		next_tlb_gen = atomic64_read(&next->context.tlb_gen);
		new_asid = choose_new_asid(next);
		need_flush = asid_need_flush(new_asid, next, next_tlb_gen);
	}
	if (need_flush) {
		if (cpu_feature_enabled(X86_FEATURE_PCID))
			this_cpu_write(cpu_tlbstate_asids.ctxs[new_asid].ctx_id, next);
		set_ctx_tlb_gen(new_asid, next_tlb_gen);
		load_new_mm_cr3(next, new_asid, true);
	} else {
		/* "The new ASID is already up to date." */
		load_new_mm_cr3(next, new_asid, false);
	}
	this_cpu_write(cpu_tlbstate.loaded_mm, next);
	if (cpu_feature_enabled(X86_FEATURE_PCID))
		this_cpu_write(cpu_tlbstate_asids.loaded_mm_asid, new_asid);
}

/*
 * arch/x86/mm/tlb.c: leave_mm() (cpuidle_enter_state(), before a C-state that loses the TLB)
 * CPUIDLE_FLAG_TLB_FLUSHED; switch_mm() disables IRQs around switch_mm_irqs_off().
 */
static void leave_mm(void)
{
	unsigned long flags;

	if (this_cpu_read(cpu_tlbstate.loaded_mm) == &init_mm)
		return;
	WARN_ON(!this_cpu_read(cpu_tlbstate_shared.is_lazy));
	local_irq_save(flags);
	switch_mm_irqs_off(NULL, &init_mm);
	local_irq_restore(flags);
}

/* arch/x86/mm/tlb.c: flush_tlb_func() (the IPI callback, and the local flush) */
static void flush_tlb_func(void *info)
{
	struct flush_tlb_info *f = info;
	struct mm_struct *loaded_mm = this_cpu_read(cpu_tlbstate.loaded_mm);
	u16 asid = loaded_mm_asid();
	u64 local_tlb_gen;
	u64 mm_tlb_gen;

	/* "This code cannot presently handle being reentered." */
	VM_WARN_ON(!irqs_disabled());
	/* left in mm_cpumask after switching away: leave it */
	if (f->mm && f->mm != loaded_mm) {
		cpumask_clear_cpu(smp_processor_id(), mm_cpumask(f->mm));
		return;
	}
	if (loaded_mm == &init_mm)
		return;
	/* broadcast ASIDs are always kept up to date with INVLPGB */
	if (mm_global_asid(loaded_mm))
		return;
	if (this_cpu_read(cpu_tlbstate_shared.is_lazy)) {
		/* lazy: drop the paging-structure caches by switching to init_mm */
		switch_mm_irqs_off(NULL, &init_mm);
		return;
	}
	local_tlb_gen = ctx_tlb_gen(asid);
	if (f->new_tlb_gen != TLB_GENERATION_INVALID && f->new_tlb_gen <= local_tlb_gen)
		return;
	mm_tlb_gen = atomic64_read(&loaded_mm->context.tlb_gen);
	if (local_tlb_gen == mm_tlb_gen)
		return;
	/*
	 * A partial flush only if it brings this CPU exactly up to date: no other flush of the
	 * mm is pending here that a partial one would skip.
	 */
	if (f->end != NULL && f->new_tlb_gen == local_tlb_gen + 1 && f->new_tlb_gen == mm_tlb_gen)
		flush_tlb_one_user(f->start);	/* INVLPG of each page of the range: here one */
	else
		flush_tlb_local();
	set_ctx_tlb_gen(asid, mm_tlb_gen);
}

/*
 * arch/x86/mm/tlb.c: should_flush_tlb()
 * Skips lazy CPUs and CPUs that switched away. smp_call_function_many_cond() asks it for each
 * target inside its queueing step; in the kernel the targets may switch in between, and one
 * that stops being lazy after its is_lazy was read reads the new tlb_gen in
 * switch_mm_irqs_off() (whose smp_mb() pairs with inc_mm_tlb_gen()) and flushes itself, as if
 * it had switched after the step.
 */
static bool should_flush_tlb(int cpu, void *data)
{
	struct mm_struct *loaded_mm = per_cpu(cpu_tlbstate.loaded_mm, cpu);
	struct flush_tlb_info *info = data;

	/* order loaded_mm before is_lazy against switch_mm_irqs_off() */
	smp_rmb();
	/* a lazy CPU catches up at its next switch_mm_irqs_off() */
	if (per_cpu(cpu_tlbstate_shared.is_lazy, cpu))
		return false;
	if (!info->mm)
		return true;
	/* "While switching, the remote CPU could have state from either the prev or next mm." */
	if (loaded_mm == &loaded_mm_switching)	/* LOADED_MM_SWITCHING */
		return true;
	if (loaded_mm == info->mm)
		return true;
	return false;
}

/*
 * arch/x86/mm/tlb.c: native_flush_tlb_multi()
 * Freed page tables need every CPU of the mask, lazy ones too, "to prevent CPUs in lazy TLB
 * mode from tripping up on the new contents of what used to be page tables, while doing a
 * speculative memory access"; otherwise lazy CPUs are skipped.
 */
static void native_flush_tlb_multi(cpumask_t *cpumask, struct flush_tlb_info *info)
{
	if (info->freed_tables)
		on_each_cpu_mask(cpumask, flush_tlb_func, info, true);
	else
		on_each_cpu_cond_mask(should_flush_tlb, flush_tlb_func, info, true, cpumask);
}

/*
 * arch/x86/include/asm/paravirt.h: __flush_tlb_multi() (pv_ops.mmu.flush_tlb_multi is native)
 * No guest set its own flush_tlb_multi at boot (kvm_guest_init() with PV TLB flush,
 * hyperv_setup_mmu_ops(), xen_init_mmu_ops()).
 */
static bool pv_flush_tlb_multi_is_native(void)
{
	return !(hypervisor_is_type(X86_HYPER_KVM) && kvm_para_has_feature(KVM_FEATURE_PV_TLB_FLUSH)) &&
	       !hypervisor_is_type(X86_HYPER_MS_HYPERV) && !hypervisor_is_type(X86_HYPER_XEN_PV);
}

/* arch/x86/mm/tlb.c: flush_tlb_multi() -> __flush_tlb_multi() (pv_ops.mmu.flush_tlb_multi) */
static void flush_tlb_multi(cpumask_t *cpumask, struct flush_tlb_info *info)
{
	if (pv_flush_tlb_multi_is_native())
		native_flush_tlb_multi(cpumask, info);
	else if (hypervisor_is_type(X86_HYPER_KVM))
		kvm_flush_tlb_multi(cpumask, info);
	else if (hypervisor_is_type(X86_HYPER_MS_HYPERV))
		hyperv_flush_tlb_multi(cpumask, info);
	else
		xen_flush_tlb_multi(cpumask, info);
}

/*
 * arch/x86/mm/tlb.c: broadcast_tlb_flush() (INVLPGB for the mm's global ASID, then TLBSYNC)
 * "TLB flushes with INVLPGB are kicked off asynchronously": of the whole PCID for
 * TLB_FLUSH_ALL, else of the page (with the paging-structure caches: no FINAL_ONLY), then
 * __tlbsync() waits for them. The caller holds preemption off (flush_tlb_mm_range()'s
 * get_cpu()); finish_asid_transition() is left out (the models' mm is never in transition).
 */
static void broadcast_tlb_flush(struct flush_tlb_info *info)
{
	unsigned long asid = mm_global_asid(info->mm);

	if (info->end == NULL)
		invlpgb_flush_single_pcid_nosync(kern_pcid(asid));
	else
		invlpgb_flush_user_nr_nosync(kern_pcid(asid), info->start, 1, false);
	__tlbsync();
}

/* arch/x86/mm/tlb.c: get_flush_tlb_info() (this CPU's flush_tlb_info) */
static struct flush_tlb_info *get_flush_tlb_info(struct mm_struct *mm, pte_t *start, pte_t *end,
						 unsigned int stride_shift, bool freed_tables, u64 new_tlb_gen)
{
	struct flush_tlb_info *info = this_cpu_ptr(&flush_tlb_info);

	info->start = start;
	info->end = end;
	info->mm = mm;
	info->freed_tables = freed_tables;
	info->new_tlb_gen = new_tlb_gen;
	return info;
}

/*
 * arch/x86/mm/tlb.c: flush_tlb_mm_range()
 * The branch for an mm no other CPU has in mm_cpumask (a local flush) is left out: in the
 * models here the walkers always have it.
 */
static void flush_tlb_mm_range(struct mm_struct *mm, pte_t *start, pte_t *end,
			       unsigned int stride_shift, bool freed_tables)
{
	struct flush_tlb_info *info;
	u64 new_tlb_gen;

	get_cpu();
	__atomic_block("inc_mm_tlb_gen, get_flush_tlb_info: the flush_tlb_info is this CPU's, and no other CPU reads it before the IPI that follows") {
		/* also a barrier that synchronizes with switch_mm() */
		new_tlb_gen = inc_mm_tlb_gen(mm);
		info = get_flush_tlb_info(mm, start, end, stride_shift, freed_tables, new_tlb_gen);
	}
	if (mm_global_asid(mm))
		broadcast_tlb_flush(info);
	else
		flush_tlb_multi(mm_cpumask(mm), info);
	put_cpu();
}

/*
 * arch/x86/mm/tlb.c: arch_tlbbatch_flush() -> get_flush_tlb_info(), flush_tlb_multi(), flush_tlb_func(), cpumask_clear()
 * The deferred flush of a reclaim batch: a full flush (no mm, no generation) of every CPU the
 * batch recorded, through IPIs that are waited for; of this CPU alone, locally.
 */
static void x86_arch_tlbbatch_flush(struct arch_tlbflush_unmap_batch *batch)
{
	struct flush_tlb_info *info;
	int cpu = get_cpu();

	info = get_flush_tlb_info(NULL, NULL, NULL, 0, false, TLB_GENERATION_INVALID);
	if (cpu_feature_enabled(X86_FEATURE_INVLPGB) && batch->unmapped_pages) {
		invlpgb_flush_all_nonglobals();
		batch->unmapped_pages = false;
	} else if (cpumask_any_but(&batch->cpumask, cpu) < nr_cpu_ids) {
		flush_tlb_multi(&batch->cpumask, info);
	} else if (cpumask_test_cpu(cpu, &batch->cpumask)) {
		lockdep_assert_irqs_enabled();
		local_irq_disable();
		flush_tlb_func(info);
		local_irq_enable();
	}
	cpumask_clear(&batch->cpumask);
	put_cpu();
}
