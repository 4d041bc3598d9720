/*
 * prelude/include/linux/kvm_host.h - context tracking around a KVM guest run
 * (include/linux/kvm_host.h, Linux 7.1). The run itself (VM-entry by eret/rfid, VM-exit by an
 * exception to the host) is the hardware's: a model writes __exception_return() and
 * __exception_entry() between these. Lockdep and tracing are left out.
 */

/* include/linux/kvm_host.h: guest_context_enter_irqoff() */
static void guest_context_enter_irqoff(void)
{
	context_tracking_guest_enter();
}

/*
 * include/linux/kvm_host.h: guest_state_enter_irqoff()
 * IRQs are off.
 */
static void guest_state_enter_irqoff(void)
{
	guest_context_enter_irqoff();
}

/* include/linux/kvm_host.h: guest_context_exit_irqoff() */
static void guest_context_exit_irqoff(void)
{
	context_tracking_guest_exit();
}

/*
 * include/linux/kvm_host.h: guest_state_exit_irqoff()
 * IRQs are off.
 */
static void guest_state_exit_irqoff(void)
{
	guest_context_exit_irqoff();
}
