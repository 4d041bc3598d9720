/*
 * kick-async.c: may a requester spare the empty IPI that makes a nohz_full CPU look at its
 * requests? (Frederic Weisbecker 2014, "[PATCH 01/10] smp: Introduce void kick_cpu_async()".)
 *
 * CPU0 is a nohz_full CPU in user mode: in an extended quiescent state, its tick stopped,
 * entering the kernel only when an interrupt comes. CPU1.. each queue one request for it on its
 * call_single_queue (an llist of csds: irq_work_queue_on() and smp_call_function_single_async()
 * queue there) and kick it with kick_cpu_async(), an empty IPI nobody waits for. The IPI's
 * handler takes the whole queue (llist_del_all()) and runs each request's callback; irq_exit()
 * then re-evaluates the tick, seeing what the callbacks did. In the model the handler is one
 * step: it runs with IRQs off and touches nothing a requester reads but the queue it empties,
 * so a request is observed exactly when the handler takes it off the queue.
 *
 * A kick is lost when a request waits on the queue, no IPI is pending at the target and no
 * requester is about to send one: the target stays in EQS with the request unseen. The patches
 * in kick-async/ change when the IPI is spared, or use the kick where a synchronous IPI is
 * needed (async-kick-as-sync).
 */

#define TARGET	0

DEFINE_GHOST(int, requests_run);	/* callbacks the target has run (for the race windows) */

/*
 * The request's callback. The nohz kick's (kernel/time/tick-sched.c nohz_full_kick_func()) is
 * empty: what the target must see (a tick dependency, a timer) is set before the kick, and
 * irq_exit() -> tick_nohz_irq_exit() sees it after the callback ran.
 */
static void request_func(void *info)
{
	WRITE_ONCE(requests_run, requests_run + 1);
}

/* CPU0: a nohz_full task back in user mode (EQS, IRQs on) for good; interrupts come to it there */
static void nohz_full_user(void)
{
	local_irq_enable();
}

/*
 * CPU1..: queue one request for CPU0, then kick it. The csd is this CPU's for CPU0 (the
 * prelude's call_single_queue holds csds by sender); smp_call_function_single_async() locks it
 * without waiting ("csd->node.u_flags = CSD_FLAG_LOCK; smp_wmb()") before queueing it.
 */
static void requester(void)
{
	struct __call_single_data *csd = &this_cpu_ptr(&cfd_data)->csd[TARGET];

	csd->flags = CSD_FLAG_LOCK;
	csd->func = request_func;
	smp_wmb();
	csd_queue_add(TARGET);		/* llist_add() */
	kick_cpu_async(TARGET);		/* the patch: an IPI after every request */
	/*
	 * Not the kernel's (nobody waits for an asynchronous kick), the model's observer: the
	 * request was taken, so the target ran it and then irq_exit(). A request that is never
	 * taken leaves this wait for ever, which the progress check reports.
	 */
	csd_lock_wait(csd);
}

/* ---- what must hold, and its race windows ---- */

/*
 * No request waits on the target's queue unless an IPI is pending there or about to be sent.
 * (The TypeScript scenario also counts a requester that decided to kick and has not queued
 * yet: stricter here only where the decision comes first, coalesce-if-pending, from 4 CPUs.)
 */
static bool kick_coming(void)
{
	int cpu;

	if (cpumask_empty(&per_cpu(call_single_queue, TARGET)) || __ipi_pending(TARGET))
		return true;
	for_each_online_cpu(cpu) {
		if (__at(cpu, kick_cpu_async) || __at(cpu, send_call_function_single_ipi))
			return true;
	}
	return false;
}

/* two requests wait for one IPI: the first handler run takes both */
static bool requests_share_pending_ipi(void)
{
	return __ipi_pending(TARGET) && cpumask_weight(&per_cpu(call_single_queue, TARGET)) >= 2;
}

/* a request is queued after the target took an earlier one off its queue */
static bool request_queued_after_del_all(void)
{
	return READ_ONCE(requests_run) > 0 && !cpumask_empty(&per_cpu(call_single_queue, TARGET));
}

ROLE("nohz_full target", CPU(0), ONCE, nohz_full_user);
ROLE("requester", CPUS(1, N), ONCE, SYMMETRIC, requester);
MODEL_CPUS(2, 3);
MODEL_ARCHES("x86-native", "x86-pcid", "x86-kvm-pv", "x86-hyperv", "x86-xen", "x86-invlpgb", "arm64", "powerpc");
MODEL_SUMMARY("kick_cpu_async(): empty asynchronous IPI to make a nohz_full CPU pass through irq_exit() (Weisbecker 2014)");
MODEL_EXPECT("holds");
MODEL_EXPECT_SOURCE("docs/verdicts.md: every request is followed by an IPI, so the target passes through irq_exit() after it");
ALWAYS(every_kick_observed, kick_coming, "the target never sits in EQS with a request queued and no IPI pending or about to be sent");
WITNESS(every_kick_observed, requests_share_pending_ipi, "two requests are queued behind one pending IPI");
WITNESS(every_kick_observed, request_queued_after_del_all, "a request is queued after the target emptied its queue");
MODEL_MIRRORS("kick-async");	/* the TypeScript scenario it re-expresses (test/cmodel-kick-async.test.ts) */
