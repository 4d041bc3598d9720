/*
 * prelude/include/asm/switch_to.h - <asm/switch_to.h> as the configuration builds it: the
 * architecture's __switch_to(), which a model with tasks runs on a CPU at every context switch
 * (src/cmodel/build/tasks.ts). The models' tasks share one mm, so the mm switch of
 * context_switch() is left out here (prelude/kernel/sched/core.c has it for models of roles).
 */

/*
 * kernel/sched/core.c: context_switch() -> switch_to() | arch/arm64/kernel/process.c: __switch_to() | arch/x86/kernel/process_64.c: __switch_to() | arch/powerpc/kernel/process.c: __switch_to()
 * The architecture's __switch_to(), on the CPU that switches.
 */
static void __switch_to(void)
{
	if (IS_ENABLED(CONFIG_ARM64))
		arm64___switch_to();
	else if (IS_ENABLED(CONFIG_X86))
		x86___switch_to();
	else
		powerpc___switch_to();
}
