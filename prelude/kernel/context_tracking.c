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
