/*
 * prelude/arch/x86/kernel/alternative.c - patching kernel text on a live SMP system
 * (arch/x86/kernel/alternative.c, Linux 7.1). The model's text is one instruction; of the
 * INT3 protocol of smp_text_poke_batch_finish() the last write and its sync are kept (the
 * INT3 and tail writes before them, with their syncs, are left out), and so are text_mutex
 * and the batch's refcounts.
 */

/*
 * arch/x86/kernel/alternative.c: text_poke() -> __text_poke()
 * Writes through a temporary mm (use_temporary_mm() and unuse_temporary_mm(), IRQs off).
 * Switching back loads CR3, and a MOV to CR3 is serialising (Intel SDM vol. 3A 10.3): the new
 * instruction is in memory, not in this CPU's store buffer, before text_poke() returns. The
 * temporary mm's own TLB entries are left out.
 */
static void text_poke(kernel_insn_t *addr, int insn)
{
	unsigned long flags;

	local_irq_save(flags);
	WRITE_ONCE(*addr, insn);
	/* unuse_temporary_mm() -> switch_mm_irqs_off() -> write_cr3(): serialising */
	smp_mb();
	local_irq_restore(flags);
}

/* arch/x86/kernel/alternative.c: do_sync_core() */
static void do_sync_core(void *info)
{
	sync_core();
}

/* arch/x86/kernel/alternative.c: smp_text_poke_sync_each_cpu() */
static void smp_text_poke_sync_each_cpu(void)
{
	on_each_cpu(do_sync_core, NULL, 1);
}

/*
 * patch: Schneider v5 25/25, arch/x86/kernel/alternative.c: do_sync_core_defer_cond()
 * A CPU in EQS gets CT_WORK_SYNC instead of the IPI.
 */
static bool do_sync_core_defer_cond(int cpu, void *info)
{
	return !ct_set_cpu_work(cpu, CT_WORK_SYNC);
}

/* patch: Schneider v5 25/25, arch/x86/kernel/alternative.c: smp_text_poke_sync_each_cpu_deferrable() */
static void smp_text_poke_sync_each_cpu_deferrable(void)
{
	on_each_cpu_cond(do_sync_core_defer_cond, do_sync_core, NULL, 1);
}

/*
 * arch/x86/kernel/alternative.c: smp_text_poke_batch_finish() (one entry, third step)
 * The first byte is written, then every CPU is synchronised.
 */
static void smp_text_poke_batch_finish(kernel_insn_t *addr, int insn)
{
	text_poke(addr, insn);
	smp_text_poke_sync_each_cpu();
}
