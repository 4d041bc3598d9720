/*
 * prelude/arch/arm64/kernel/entry-common.c - the C half of arm64's system-call entry and exit
 * (arch/arm64/kernel/entry-common.c, Linux 7.1). The exception itself (svc, eret) is the
 * hardware's: a model writes __exception_entry() and __exception_return() around these. MTE,
 * SME, FPSIMD and the erratum workarounds are left out.
 */

/* arch/arm64/kernel/entry-common.c: arm64_syscall_enter_from_user_mode() */
static void arm64_syscall_enter_from_user_mode(void)
{
	enter_from_user_mode();
}

/* arch/arm64/kernel/entry-common.c: arm64_syscall_exit_to_user_mode() */
static void arm64_syscall_exit_to_user_mode(void)
{
	local_irq_disable();
	/* syscall_exit_to_user_mode_prepare(): no work pending; local_daif_mask() */
	exit_to_user_mode();
}

/*
 * arch/arm64/kernel/entry-common.c: el0_svc()
 * Before do_el0_svc(): IRQs go on (local_daif_restore(DAIF_PROCCTX)).
 */
static void el0_svc_enter(void)
{
	arm64_syscall_enter_from_user_mode();
	local_irq_enable();
}
