/*
 * prelude/kernel/context_tracking.c - entering and leaving an extended quiescent state
 * (kernel/context_tracking.c, Linux 7.1; before 5.19 this was rcu_dynticks_eqs_enter() and
 * rcu_dynticks_eqs_exit() in kernel/rcu/tree.c).
 *
 * Model notes:
 * - The nesting counters are left out (ct_kernel_enter() and ct_kernel_exit() are modelled
 *   at nesting 0 and 1, where they move the watching counter); so are tracing, lockdep,
 *   vtime accounting and the RCU-tasks hooks.
 * - Yury Norov's 2018 series (v2, <20180405171800.5648-1-ynorov@caviumnetworks.com) adds two
 *   ISB hooks on the way out of an EQS. Mainline has neither, so both are empty here, where
 *   the series calls them: isb_if_eqs() (v2 3/5: an ISB early on the arm64 system-call and
 *   idle wake-up paths, while RCU does not watch yet; here where those paths meet, before the
 *   counter moves) and rcu_dynticks_eqs_exit_sync() (v2 4/5: a weak hook right after the
 *   counter's increment; isb() on arm64).
 */

/*
 * patch: Norov v2 3/5 isb_if_eqs (arch/arm64/kernel/entry.S el0_svc_naked, arch_cpu_idle_exit())
 */
static void isb_if_eqs(void)
{
	/* mainline: nothing */
}

/*
 * patch: Norov v2 4/5 rcu_dynticks_eqs_exit_sync() (kernel/rcu/tree.c, weak; arm64: isb())
 */
static void rcu_dynticks_eqs_exit_sync(void)
{
	/* mainline: no such hook */
}

/*
 * kernel/context_tracking.c: ct_kernel_enter_state()
 * RCU watches this CPU again.
 */
static void ct_kernel_enter_state(int offset)
{
	ct_state_inc(offset);
	rcu_dynticks_eqs_exit_sync();
}

/*
 * kernel/context_tracking.c: ct_kernel_exit_state()
 * RCU stops watching this CPU.
 */
static void ct_kernel_exit_state(int offset)
{
	ct_state_inc(offset);
}

/* kernel/context_tracking.c: ct_kernel_exit() (at nesting 1: the last exit) */
static void ct_kernel_exit(bool user, int offset)
{
	lockdep_assert_irqs_disabled();
	ct_kernel_exit_state(offset);
}

/* kernel/context_tracking.c: ct_kernel_enter() (at nesting 0: RCU was not watching) */
static void ct_kernel_enter(bool user, int offset)
{
	isb_if_eqs();
	ct_kernel_enter_state(offset);
}

/*
 * kernel/context_tracking.c: ct_idle_enter()
 * IRQs are off.
 */
static void ct_idle_enter(void)
{
	ct_kernel_exit(false, CT_RCU_WATCHING + CT_STATE_IDLE);
}

/* kernel/context_tracking.c: ct_idle_exit() (its local_irq_save/restore pair is left out: every caller has IRQs off) */
static void ct_idle_exit(void)
{
	ct_kernel_enter(false, CT_RCU_WATCHING - CT_STATE_IDLE);
}

/*
 * kernel/context_tracking.c: __ct_user_enter()
 * To user mode or a guest; IRQs are off.
 */
static void __ct_user_enter(int state)
{
	lockdep_assert_irqs_disabled();
	ct_kernel_exit(true, CT_RCU_WATCHING + state);
}

/*
 * kernel/context_tracking.c: __ct_user_exit()
 * Back from user mode or a guest; IRQs are off.
 */
static void __ct_user_exit(int state)
{
	ct_kernel_enter(true, CT_RCU_WATCHING - state);
}

/*
 * patch: Schneider, kernel/context_tracking.c: ct_set_cpu_work()
 * Leaves @work in @cpu's ct word if RCU is not watching that CPU (it is in EQS and will run
 * the work on its way in: ct_work_flush()); false if it is watching (the caller must IPI it).
 * The expected value of the try_cmpxchg() has the watching bit clear, so the cmpxchg itself
 * is the check: it fails once the CPU has left EQS.
 */
static bool ct_set_cpu_work(int cpu, enum ct_work work)
{
	atomic_t *state = &per_cpu(context_tracking, cpu).state;
	int old = atomic_read(state) & ~CT_RCU_WATCHING;
	bool ret;

	do {
		ret = atomic_try_cmpxchg(state, &old, old | (work << CT_WORK_START));
	} while (!ret && !(old & CT_RCU_WATCHING));
	return ret;
}

/*
 * patch: Schneider, kernel/context_tracking.c: ct_work_flush()
 * On the way out of EQS, with the value ct_state_inc() returned: run each work bit set in it.
 */
static void ct_work_flush(int seq)
{
	if (seq & (CT_WORK_SYNC << CT_WORK_START))
		arch_context_tracking_work(CT_WORK_SYNC);
	if (seq & (CT_WORK_TLBI << CT_WORK_START))
		arch_context_tracking_work(CT_WORK_TLBI);
}
