/*
 * prelude/arch/powerpc/kernel/interrupt.c - context tracking in powerpc's system-call exit
 * (arch/powerpc/kernel/interrupt.c, Linux 7.1). rfid/rfscv is the hardware's: a model writes
 * __exception_return() after this. Signal, FP and TM work are left out.
 */

/*
 * arch/powerpc/kernel/interrupt.c: syscall_exit_prepare()
 * No work pending, IRQs off, back to user.
 */
static void syscall_exit_prepare(void)
{
	local_irq_disable();
	user_enter_irqoff();
}
