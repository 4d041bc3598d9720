/*
 * prelude/include/linux/context_tracking.h - the inline half of context tracking
 * (include/linux/context_tracking.h, Linux 7.1). context_tracking_enabled() is true: the
 * CPUs of a model are nohz_full CPUs.
 */

/* include/linux/context_tracking.h: rcu_is_watching_curr_cpu() */
static bool rcu_is_watching_curr_cpu(void)
{
	return atomic_read(this_cpu_ptr(&context_tracking.state)) & CT_RCU_WATCHING;
}

/*
 * include/linux/context_tracking.h: ct_state_inc() -> raw_atomic_add_return()
 * raw_atomic_add_return(incby, &state),
 * fully ordered, returning the new value. incby is CT_RCU_WATCHING plus or minus a ctx_state;
 * with the ctx_state bits left out and the counter kept modulo 2, adding it toggles
 * CT_RCU_WATCHING: the same fully ordered RMW, as an exclusive or.
 */
static int ct_state_inc(int incby)
{
	return atomic_fetch_xor(CT_RCU_WATCHING, this_cpu_ptr(&context_tracking.state)) ^ CT_RCU_WATCHING;
}

/*
 * patch: Schneider, include/linux/context_tracking.h: ct_state_inc_clear_work()
 * The EQS entry's increment, which also clears the work bits: a CPU in the kernel has run
 * whatever work it was given, and only a CPU in EQS may be given more. One try_cmpxchg()
 * loop, fully ordered.
 */
static int ct_state_inc_clear_work(int incby)
{
	atomic_t *state = this_cpu_ptr(&context_tracking.state);
	int old = atomic_read(state);
	int new;

	do {
		new = (old & ~CT_WORK_MASK) ^ CT_RCU_WATCHING;
	} while (!atomic_try_cmpxchg(state, &old, new));
	return new;
}

/* include/linux/context_tracking.h: user_enter_irqoff() */
static void user_enter_irqoff(void)
{
	__ct_user_enter(CT_STATE_USER);
}

/* include/linux/context_tracking.h: user_exit_irqoff() */
static void user_exit_irqoff(void)
{
	__ct_user_exit(CT_STATE_USER);
}

/* include/linux/context_tracking.h: context_tracking_guest_enter() */
static bool context_tracking_guest_enter(void)
{
	__ct_user_enter(CT_STATE_GUEST);
	return true;
}

/* include/linux/context_tracking.h: context_tracking_guest_exit() */
static bool context_tracking_guest_exit(void)
{
	__ct_user_exit(CT_STATE_GUEST);
	return true;
}
