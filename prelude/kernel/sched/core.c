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

/*
 * kernel/sched/core.c: context_switch() (the mm switch, then switch_to())
 * The scheduler of a model with tasks runs it on the CPU that switches, at a preemption and at
 * a switch-in (src/cmodel/build/tasks.ts). The tasks share the address space the CPU has
 * loaded (threads of one mm, or kernel threads that borrow it), so the mm stays: x86
 * switch_mm_irqs_off() from the loaded mm to itself, what a switch to a thread of that mm runs
 * (it returns early unless the CPU was lazy; a switch to a kernel thread runs enter_lazy_tlb()
 * instead, which is left out: a model's tasks are not told apart as kernel threads); arm64 and
 * powerpc change nothing for the same mm. __schedule() takes the runqueue lock with IRQs off
 * (rq_lock(), after local_irq_disable()), and finish_task_switch() drops it with IRQs on again.
 */
static void context_switch(void)
{
	local_irq_disable();
	if (IS_ENABLED(CONFIG_X86))
		switch_mm_irqs_off(NULL, this_cpu_read(cpu_tlbstate.loaded_mm));
	__switch_to();
	local_irq_enable();
}
