/*
 * prelude/kernel/sched/core.c - context_switch() as far as the mm goes (kernel/sched/core.c,
 * Linux 7.1): a kernel thread borrows the previous task's mm (lazy TLB); switching back to a
 * task of that mm calls switch_mm_irqs_off() with the runqueue lock held and IRQs off.
 * arm64 and powerpc keep the mm loaded and ASID-tagged: their enter_lazy_tlb() is empty and a
 * switch back to the same mm changes nothing a flush depends on.
 */

/* kernel/sched/core.c: context_switch() -> enter_lazy_tlb() (from a task of mm to a kernel thread) */
static void context_switch_to_kthread(struct mm_struct *mm)
{
	__atomic_block("enter_lazy_tlb: the runqueue lock is held with IRQs off, and other CPUs only read what it writes") {
		local_irq_disable();
		if (IS_ENABLED(CONFIG_X86))
			enter_lazy_tlb(mm);
		local_irq_enable();
	}
}

/*
 * kernel/sched/core.c: context_switch() -> switch_mm_irqs_off() (to a task of mm)
 * From a kernel thread, or at boot from init_mm.
 */
static void context_switch_to_task(struct mm_struct *mm)
{
	__atomic_block("switch_mm_irqs_off: IRQs are off, and its smp_mb() pairs with the tlb_gen increment of flush_tlb_mm_range(): a flush that runs between its accesses ends as one that runs before or after it") {
		local_irq_disable();
		if (IS_ENABLED(CONFIG_X86))
			switch_mm_irqs_off(NULL, mm);
		else if (cpumask_test_cpu(smp_processor_id(), mm_cpumask(mm)) == 0) {
			/* arm64 check_and_switch_context() / powerpc switch_mm_irqs_off(): first use of mm here */
			cpumask_set_cpu(smp_processor_id(), mm_cpumask(mm));
			load_cr3(mm);
		}
		local_irq_enable();
	}
}
