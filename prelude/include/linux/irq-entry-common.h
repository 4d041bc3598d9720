/*
 * prelude/include/linux/irq-entry-common.h - context tracking on the way in from and out to
 * user mode (include/linux/irq-entry-common.h, Linux 7.1). Lockdep, tracing, KMSAN and the
 * arch hooks (which touch no state a model keeps) are left out.
 */

/*
 * include/linux/irq-entry-common.h: enter_from_user_mode()
 * IRQs are off.
 */
static void enter_from_user_mode(void)
{
	user_exit_irqoff();
}

/*
 * include/linux/irq-entry-common.h: exit_to_user_mode()
 * IRQs are off.
 */
static void exit_to_user_mode(void)
{
	user_enter_irqoff();
}
