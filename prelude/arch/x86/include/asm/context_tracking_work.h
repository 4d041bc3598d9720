/*
 * prelude/arch/x86/include/asm/context_tracking_work.h - what x86 does with the work a CPU
 * finds on its kernel entry. Not in Linux 7.1: Valentin Schneider's series adds it
 * (include/linux/context_tracking_work.h here says which versions).
 */

/* patch: Schneider, arch/x86/include/asm/context_tracking_work.h: arch_context_tracking_work() */
static void arch_context_tracking_work(enum ct_work work)
{
	switch (work) {
	case CT_WORK_SYNC:
		sync_core();
		break;
	case CT_WORK_TLBI:
		__flush_tlb_all();
		break;
	}
}
