/*
 * prelude/kernel/sched/idle.c - one pass of the idle loop (kernel/sched/idle.c do_idle(),
 * default_idle_call(), Linux 7.1). Tick, polling, cpuidle governors and broadcast timers are
 * left out.
 */

/*
 * arch/arm64/kernel/idle.c: arch_cpu_idle()
 * (cpu_do_idle(): wfi; on powerpc arch/powerpc/kernel/idle.c arch_cpu_idle(), power_save or
 * snooze polling; on x86 drivers/idle/intel_idle.c's MWAIT with IRQs off, which an interrupt
 * ends without being taken). The CPU sleeps,
 * IRQs off, until an interrupt is pending or it is woken otherwise; it wakes with IRQs still
 * off and takes no exception, so the wake-up synchronises nothing. (x86's default_idle()
 * halts with IRQs on and takes the interrupt inside the idle EQS: not modelled.)
 */
static void arch_cpu_idle(void)
{
}

/* kernel/sched/idle.c: default_idle_call() (ct_cpuidle_enter()/ct_cpuidle_exit(): include/linux/cpuidle.h) */
static void default_idle_call(void)
{
	ct_idle_enter();
	arch_cpu_idle();
	ct_idle_exit();
	local_irq_enable();
}

/*
 * kernel/sched/idle.c: do_idle()
 * One pass of its loop (arch_cpu_idle_enter/exit are empty on arm64 and powerpc).
 */
static void do_idle(void)
{
	local_irq_disable();
	default_idle_call();
}
