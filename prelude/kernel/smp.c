/*
 * prelude/kernel/smp.c - the cross-CPU function call machinery (kernel/smp.c, Linux 7.1).
 *
 * Written for shootdown from the kernel's structure, not copied: the functions keep the
 * kernel's names, order of operations and memory ordering; what the model leaves out is said
 * where it is left out.
 *
 * Model notes:
 * - A CPU's call_single_queue (an llist of csds in the kernel) is kept as the set of CPUs whose
 *   cfd csd for this CPU is queued: the callers modelled queue only their cfd csds, one per
 *   target, and wait before reusing one.
 * - CPU hotplug: a model that declares HOTPLUG(...) takes CPUs offline (prelude/kernel/cpu.c);
 *   then cpu_online_mask changes, and smpcfd_dying_cpu() below runs on the dying CPU.
 * - smp_call_function_single() queues this CPU's cfd csd for the target, not csd_stack or
 *   csd_data (see there).
 * - CONFIG_CSD_LOCK_WAIT_DEBUG is off.
 */

#define CSD_FLAG_LOCK	0x01
#define CSD_TYPE_SYNC	0x10
#define SCF_WAIT	0x01
#define SCF_RUN_LOCAL	0x02	/* "Run also locally if local cpu is set in cpumask" */
#define ENXIO		6	/* include/uapi/asm-generic/errno-base.h */

/* include/linux/smp_types.h: struct __call_single_data (node.u_flags, func, info) */
struct __call_single_data {
	__range(0, 0x11) unsigned int flags;
	smp_call_func_t func;
	void *info;
};

/* kernel/smp.c: struct call_function_data; csd is alloc_percpu() there, one per target */
struct call_function_data {
	struct __call_single_data csd[NR_CPUS];
	cpumask_t cpumask;
	cpumask_t cpumask_ipi;
};

DEFINE_PER_CPU(struct call_function_data, cfd_data);
DEFINE_PER_CPU(cpumask_t, call_single_queue);

INTERRUPT(CALL_FUNCTION_VECTOR, generic_smp_call_function_interrupt);

/* kernel/smp.c: csd_lock_wait() */
static void csd_lock_wait(struct __call_single_data *csd)
{
	smp_cond_load_acquire(&csd->flags, !(VAL & CSD_FLAG_LOCK));
}

/* kernel/smp.c: csd_lock() */
static void csd_lock(struct __call_single_data *csd)
{
	csd_lock_wait(csd);
	csd->flags |= CSD_FLAG_LOCK;
	/* order the flag before the other fields of the csd */
	smp_wmb();
}

/* kernel/smp.c: csd_unlock() */
static void csd_unlock(struct __call_single_data *csd)
{
	WARN_ON(!(csd->flags & CSD_FLAG_LOCK));
	/* everything the callback did is visible before the csd is free again */
	smp_store_release(&csd->flags, 0);
}

/* kernel/smp.c: smp_call_function_many_cond() -> llist_add() (this CPU's csd on @cpu's queue) */
static bool csd_queue_add(int cpu)
{
	bool was_empty;

	__atomic_block("llist_add() is one try_cmpxchg() loop on the list head: it adds and tells whether the list was empty at once") {
		was_empty = cpumask_empty(&per_cpu(call_single_queue, cpu));
		cpumask_set_cpu(smp_processor_id(), &per_cpu(call_single_queue, cpu));
	}
	return was_empty;
}

/* kernel/smp.c: send_call_function_single_ipi() */
static void send_call_function_single_ipi(int cpu)
{
	arch_send_call_function_single_ipi(cpu);
}

/* kernel/smp.c: send_call_function_ipi_mask() */
static void send_call_function_ipi_mask(cpumask_t *mask)
{
	arch_send_call_function_ipi_mask(mask);
}

/* kernel/smp.c: smp_call_function_many_cond() */
static void smp_call_function_many_cond(cpumask_t *mask, smp_call_func_t func, void *info,
					unsigned int scf_flags, smp_cond_func_t cond_func)
{
	/* "Can deadlock when called with interrupts disabled." (lockdep_assert_preemption_disabled() is left out: only a model with tasks counts preemption) */
	lockdep_assert_irqs_enabled();
	int cpu;
	bool run_remote = false;
	bool wait = scf_flags & SCF_WAIT;
	struct call_function_data *cfd = this_cpu_ptr(&cfd_data);

	__atomic_block("queue the csds, send the IPIs, run the local call: preemption is off, no target looks at its queue before the IPI arrives, and the local call runs with IRQs off on what this CPU owns") {
		/* declared in the block: no CPU number is kept across the model's steps */
		int last_cpu = 0;
		int nr_cpus = 0;

		cpumask_and(&cfd->cpumask, mask, cpu_online_mask);
		cpumask_clear_cpu(smp_processor_id(), &cfd->cpumask);
		cpumask_clear(&cfd->cpumask_ipi);
		for_each_cpu(cpu, &cfd->cpumask) {
			struct __call_single_data *csd = &cfd->csd[cpu];

			if (cond_func && !cond_func(cpu, info)) {
				cpumask_clear_cpu(cpu, &cfd->cpumask);
				continue;
			}
			run_remote = true;
			csd_lock(csd);
			if (wait)
				csd->flags |= CSD_TYPE_SYNC;
			csd->func = func;
			csd->info = info;
			if (csd_queue_add(cpu)) {
				cpumask_set_cpu(cpu, &cfd->cpumask_ipi);
				nr_cpus++;
				last_cpu = cpu;
			}
		}
		if (nr_cpus == 1)
			send_call_function_single_ipi(last_cpu);
		else if (nr_cpus > 1)
			send_call_function_ipi_mask(&cfd->cpumask_ipi);

		/* "Check if we need local execution." (csd_do_func() of func, IRQs off) */
		if ((scf_flags & SCF_RUN_LOCAL) && cpumask_test_cpu(smp_processor_id(), mask) &&
		    (!cond_func || cond_func(smp_processor_id(), info))) {
			unsigned long flags;

			local_irq_save(flags);
			func(info);
			local_irq_restore(flags);
		}
	}

	if (run_remote && wait) {
		__atomic_block("wait for every target: csd_lock_wait() on each in turn equals one wait for all, as a csd stays unlocked once its target unlocked it, until this CPU locks it again") {
			for_each_cpu(cpu, &cfd->cpumask)
				csd_lock_wait(&cfd->csd[cpu]);
		}
	}
}

/* kernel/smp.c: smp_call_function_many() */
static void smp_call_function_many(cpumask_t *mask, smp_call_func_t func, void *info, bool wait)
{
	smp_call_function_many_cond(mask, func, info, wait ? SCF_WAIT : 0, NULL);
}

/* kernel/smp.c: smp_call_function() */
static void smp_call_function(smp_call_func_t func, void *info, int wait)
{
	preempt_disable();
	smp_call_function_many(cpu_online_mask, func, info, wait);
	preempt_enable();
}

/* kernel/smp.c: on_each_cpu_cond_mask() (SCF_RUN_LOCAL: this CPU too, if it is in the mask) */
static void on_each_cpu_cond_mask(smp_cond_func_t cond_func, smp_call_func_t func, void *info,
				  bool wait, cpumask_t *mask)
{
	unsigned int scf_flags = SCF_RUN_LOCAL;

	if (wait)
		scf_flags |= SCF_WAIT;
	preempt_disable();
	smp_call_function_many_cond(mask, func, info, scf_flags, cond_func);
	preempt_enable();
}

/* kernel/smp.c: generic_exec_single() */
static int generic_exec_single(int cpu, struct __call_single_data *csd)
{
	if (cpu == smp_processor_id()) {
		smp_call_func_t func = csd->func;
		void *info = csd->info;
		unsigned long flags;

		/* "We can unlock early even for the synchronous on-stack case" */
		csd_unlock(csd);
		local_irq_save(flags);
		func(info);
		local_irq_restore(flags);
		return 0;
	}
	if (!cpu_online(cpu)) {
		csd_unlock(csd);
		return -ENXIO;
	}
	__smp_call_single_queue(cpu);
	return 0;
}

/*
 * kernel/smp.c: smp_call_function_single()
 * The kernel's csd is csd_stack when it waits (fresh, locked as CSD_FLAG_LOCK | CSD_TYPE_SYNC),
 * else this CPU's one csd_data (get_single_csd_data()), which csd_lock() waits for. Here it is
 * this CPU's cfd csd for @cpu, as the model's queue holds one csd per sender and target, and
 * csd_lock() waits until an earlier call from this CPU to @cpu was taken: a waiting call may
 * wait for that where the kernel's on-stack csd would not, and a call that does not wait does
 * not wait for an earlier one to another CPU, where the kernel's shared csd_data would.
 */
static int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
	struct __call_single_data *csd = &this_cpu_ptr(&cfd_data)->csd[cpu];
	int err;

	preempt_disable();	/* get_cpu() */
	csd_lock(csd);
	if (wait)
		csd->flags |= CSD_TYPE_SYNC;
	csd->func = func;
	csd->info = info;
	err = generic_exec_single(cpu, csd);
	if (wait)
		csd_lock_wait(csd);
	preempt_enable();	/* put_cpu() */
	return err;
}

/*
 * kernel/smp.c: __flush_smp_call_function_queue()
 * Run every queued callback.
 */
static void __flush_smp_call_function_queue(void)
{
	int src;

	lockdep_assert_irqs_disabled();

	__atomic_block("run the queued callbacks: the handler runs with IRQs off, and a sender looks at this CPU again only after csd_unlock()") {
		for_each_cpu(src, this_cpu_ptr(&call_single_queue)) {
			struct __call_single_data *csd = &per_cpu(cfd_data, src).csd[smp_processor_id()];
			smp_call_func_t func = csd->func;
			void *info = csd->info;

			cpumask_clear_cpu(src, this_cpu_ptr(&call_single_queue));
			if (csd->flags & CSD_TYPE_SYNC) {
				/* a waiter: unlock after the callback */
				func(info);
				csd_unlock(csd);
			} else {
				csd_unlock(csd);
				func(info);
			}
		}
	}
}

/*
 * kernel/smp.c: smpcfd_dying_cpu()
 * The dying CPU runs the csds queued to it whose IPI has not arrived yet, so it does not go
 * offline with work pending (irq_work_run() is not modelled).
 */
static void smpcfd_dying_cpu(int cpu)
{
	__flush_smp_call_function_queue();
}

/*
 * kernel/smp.c: generic_smp_call_function_single_interrupt()
 * Also the arch's handler of the call-function vector (arch/x86/kernel/smp.c).
 */
static void generic_smp_call_function_interrupt(void)
{
	__flush_smp_call_function_queue();
}

/* kernel/smp.c: do_nothing() */
static void do_nothing(void *unused)
{
}

/* kernel/smp.c: kick_all_cpus_sync() */
static void kick_all_cpus_sync(void)
{
	/* Make sure the change is visible before we kick the cpus */
	smp_mb();
	smp_call_function(do_nothing, NULL, 1);
}

/*
 * patch: Frederic Weisbecker 2014, "[PATCH 01/10] smp: Introduce void kick_cpu_async()"
 * An empty call-function IPI that nobody waits for: the target passes through irq_enter() ...
 * irq_exit(), running what its call_single_queue holds on the way. The patch's NOTE leaves
 * out sparing the IPI while that queue is not empty: it "can't be done properly without
 * cmpxchg()".
 */
static void kick_cpu_async(int cpu)
{
	arch_send_call_function_single_ipi(cpu);
}

/* kernel/smp.c: __smp_call_single_queue() -> llist_add(), send_call_function_single_ipi() (only the adder that found the queue empty sends the IPI) */
static void __smp_call_single_queue(int cpu)
{
	if (csd_queue_add(cpu))
		send_call_function_single_ipi(cpu);
}
