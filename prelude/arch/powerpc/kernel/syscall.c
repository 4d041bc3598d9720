/*
 * prelude/arch/powerpc/kernel/syscall.c - context tracking in powerpc's system-call entry
 * (arch/powerpc/kernel/syscall.c, Linux 7.1). The sc/scv instruction is the hardware's: a
 * model writes __exception_entry() before this. KUAP, TM and tracing are left out.
 */

/*
 * arch/powerpc/kernel/syscall.c: system_call_exception()
 * Up to the system call itself.
 */
static void system_call_exception(void)
{
	user_exit_irqoff();
	local_irq_enable();
}
