/*
 * prelude/include/linux/sched.h - the task's batch of deferred TLB flushes
 * (include/linux/sched.h, include/linux/mm_types_task.h, Linux 7.1): current->tlb_ubc.
 */

/*
 * arch/x86/include/asm/tlbbatch.h: struct arch_tlbflush_unmap_batch (the CPUs to flush; arm64's
 * is empty: its TLBIs are already issued, arch/arm64/include/asm/tlbbatch.h)
 */
struct arch_tlbflush_unmap_batch {
	cpumask_t cpumask;
	bool unmapped_pages;
};

/* include/linux/mm_types_task.h: struct tlbflush_unmap_batch (writable: read only before writeback, left out) */
struct tlbflush_unmap_batch {
	struct arch_tlbflush_unmap_batch arch;
	bool flush_required;
};

/* include/linux/sched.h: current->tlb_ubc of the one task that reclaims in the models */
struct tlbflush_unmap_batch current_tlb_ubc;
