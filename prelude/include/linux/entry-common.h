/*
 * prelude/include/linux/entry-common.h - the generic system-call entry and exit
 * (include/linux/entry-common.h, Linux 7.1), which x86's do_syscall_64() calls around the
 * system call. The syscall work (ptrace, seccomp, audit, tracepoints) is none: no flag of it
 * is set in a model. The SYSCALL instruction and the return to user mode are the hardware's:
 * a model writes __exception_entry() and __exception_return() around these.
 */

/* include/linux/entry-common.h: syscall_enter_from_user_mode() */
static void syscall_enter_from_user_mode(void)
{
	enter_from_user_mode();
	local_irq_enable();
}

/* include/linux/entry-common.h: syscall_exit_to_user_mode() */
static void syscall_exit_to_user_mode(void)
{
	local_irq_disable();
	exit_to_user_mode();
}
