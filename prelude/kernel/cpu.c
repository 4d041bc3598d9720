/*
 * prelude/kernel/cpu.c - taking a CPU offline (kernel/cpu.c, Linux 7.1).
 *
 * Written for shootdown from the kernel's structure, not copied. Only a model that declares
 * HOTPLUG(CPU(k), ...) runs this: the tool takes a listed CPU down when stop_machine() could
 * (src/cmodel/build/hotplug.ts says when), and runs take_cpu_down() on it to its end in that
 * step, every other CPU spinning with IRQs off. CPU online is not modelled.
 */

/*
 * kernel/cpu.c: take_cpu_down() (the stop_machine callback on the dying CPU, IRQs off)
 * "Ensure this CPU doesn't handle any more interrupts", then the AP dying callbacks
 * (cpuhp_invoke_callback_range_nofail() down to CPUHP_AP_OFFLINE); smpcfd_dying_cpu() is the
 * one the model has.
 */
static void take_cpu_down(void)
{
	int cpu = smp_processor_id();

	__cpu_disable();
	smpcfd_dying_cpu(cpu);
}

/*
 * arch/x86/kernel/smpboot.c: native_cpu_disable() -> cpu_disable_common() -> remove_cpu_from_maps()
 * (arm64's __cpu_disable() in arch/arm64/kernel/smp.c does the same): the CPU leaves
 * cpu_online_mask, so no new cross-call selects it.
 */
static void __cpu_disable(void)
{
	set_cpu_online(smp_processor_id(), false);
}
