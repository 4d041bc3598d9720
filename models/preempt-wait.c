/*
 * preempt-wait.c: may a cross-call wait for its targets with preemption enabled? (Chuyi Zhou
 * 2026, "Allow preemption during IPI completion waiting to improve real-time performance".)
 *
 * Task A (CPU0) unmaps page P of mm, flushes it with flush_tlb_mm_range() from CPU1, whose
 * thread of mm accesses P through its TLB, and frees P. Task B, queued behind A on CPU0,
 * flushes mm2, which CPU2 ran before it went idle (x86 leaves a CPU in mm_cpumask() until a
 * flush finds it gone): B sends no IPI, but goes through the same per-CPU IPI data of CPU0 as
 * A, cfd_data's cpumask and flush_tlb_info (and __pv_cpu_mask under KVM). As in Linux 7.1 (the
 * model with no patch) preemption is off from get_cpu() to put_cpu() around the whole flush;
 * the patches in preempt-wait/ are the series' steps: the wait made preemptible, with the
 * per-CPU data still shared or moved to the task (DEFINE_PER_TASK: the task's stack or
 * task_struct). A task-local piece of data left per-CPU is rewritten by B while A's flush
 * is in flight, and A returns before CPU1 flushed: P is used after it was freed.
 *
 * Any CPU may go offline (HOTPLUG), once no task is left on it and stop_machine() can run;
 * two offline variants of the scenario have no patch (docs/verdicts.md says why).
 */

#define A_WAITS_PREEMPTIBLY	0	/* the patch makes csd_lock_wait() preemptible */

struct mm_struct mm;		/* the process whose page A frees; its thread runs on CPU1 */
struct mm_struct mm2;		/* another process, last run on CPU2 */
struct page P = PAGE_FILLED;	/* the page A unmaps and frees */
pte_t pte = &P;			/* P's PTE in mm */
DEFINE_GHOST(bool, a_flushing);	/* A is inside flush_tlb_mm_range() */
DEFINE_GHOST(bool, b_flushing);	/* B is inside flush_tlb_mm_range() */

/* task A: zap P's PTE, flush it from every CPU of mm, free P (zap_pte_range(), tlb_finish_mmu()) */
static void task_a(void)
{
	WRITE_ONCE(pte, NULL);				/* ptep_get_and_clear() */
	WRITE_ONCE(a_flushing, true);
	flush_tlb_mm_range(&mm, &pte, &pte, PAGE_SHIFT, false);
	WRITE_ONCE(a_flushing, false);
	__page_free(&P);				/* free_pages_and_swap_cache() */
}

/* task B: a flush of mm2's whole range (CPU2 left mm2: still in its mm_cpumask()) */
static void task_b(void)
{
	cpumask_set_cpu(2, mm_cpumask(&mm2));
	WRITE_ONCE(b_flushing, true);
	flush_tlb_mm_range(&mm2, NULL, NULL, PAGE_SHIFT, false);
	WRITE_ONCE(b_flushing, false);
}

/* a thread of mm, for ever: it runs with mm loaded (kernel/sched/core.c) and uses P */
static void user_thread(void)
{
	preempt_disable();		/* __schedule() switches with preemption off */
	context_switch_to_task(&mm);	/* loads mm the first time; then nothing changes */
	preempt_enable();
	__user_access(&pte);
}

/* ---- race windows: a holds is inconclusive unless each is reached ---- */

/* A waits for CPU1 while its flush is still queued there */
static bool a_waits_for_cpu1(void)
{
	return READ_ONCE(a_flushing) && !cpumask_empty(&per_cpu(call_single_queue, 1));
}

/* with a preemptible wait: B flushes while A waits */
static bool b_flushes_while_a_waits(void)
{
	if (!A_WAITS_PREEMPTIBLY)
		return true;		/* no preemption inside the flush */
	return READ_ONCE(a_flushing) && READ_ONCE(b_flushing) && !cpumask_empty(&per_cpu(call_single_queue, 1));
}

TASK("A", CPU(0), ONCE, task_a);
TASK("B", CPU(0), ONCE, task_b);
TASK("user1", CPU(1), LOOP, PINNED, user_thread);
HOTPLUG(CPU(0), CPU(1), CPU(2));
MODEL_CPUS(3, 3);
/* x86 with the flush by IPI only: the tasks call x86's flush_tlb_mm_range(), and where the flush is a hypercall (x86-hyperv, x86-xen) or a broadcast (x86-invlpgb) no CPU waits in csd_lock_wait() */
MODEL_ARCHES("x86-native", "x86-pcid", "x86-kvm-pv");
MODEL_SUMMARY("preemptible csd_lock_wait(): per-CPU IPI data of two tasks on one CPU (Chuyi Zhou 2026)");
MODEL_EXPECT("holds");
MODEL_EXPECT_SOURCE("docs/verdicts.md: preemption is off for the whole call, so no other task on the CPU can touch its per-CPU data");
WITNESS(no_stale_tlb_after_sync, a_waits_for_cpu1, "A waits while its flush is still queued on CPU1");
WITNESS(no_stale_tlb_after_sync, b_flushes_while_a_waits, "B flushes while A's flush is still queued on CPU1");
