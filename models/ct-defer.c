/*
 * ct-defer.c: may text patching leave out the CPUs in an extended quiescent state and let
 * each run sync_core() on its next kernel entry instead?
 *
 * CPU0 patches one instruction of kernel text (smp_text_poke_batch_finish(): text_poke(),
 * then smp_text_poke_sync_each_cpu()) and from then on relies on no CPU executing the old one.
 * CPU1.. run kernel code that executes the patched site and, between two runs, leave the
 * kernel for an extended quiescent state (EQS) and come back: a nohz_full task's return to
 * user mode and its next system call, a pass of the idle loop, a KVM guest run. An IPI
 * reaches them only in the kernel with IRQs on (one that arrives in user mode enters the
 * kernel the way the system call does).
 *
 * Valentin Schneider's series ("context_tracking,x86: Defer some IPIs until a user->kernel
 * transition", v5 2025, with v7's context-tracking work) IPIs only the CPUs RCU watches and
 * leaves CT_WORK_SYNC in the context-tracking word of the others, run by ct_work_flush() when
 * RCU starts watching them again. Its new functions are in the prelude, uncalled
 * (include/linux/context_tracking_work.h, kernel/context_tracking.c,
 * arch/x86/kernel/alternative.c); the patches in models/ct-defer/ call them.
 */

#define INSN_OLD	0
#define INSN_NEW	1

/* the patched site: one instruction of kernel text (a static call, an alternative) */
kernel_insn_t patched_site = INSN_OLD;

/* CPU0: patch the site and sync every CPU, then rely on it */
static void text_patcher(void)
{
	smp_text_poke_batch_finish(&patched_site, INSN_NEW);
	/* the caller's promise: the old instruction runs nowhere */
	__insn_retire(&patched_site, INSN_OLD);
}

/* CPU1..: kernel code that runs the patched site (RCU watching, IRQs on) */
static void kernel_code(void)
{
	__insn_fetch(&patched_site);
}

/*
 * a nohz_full task: back to user mode (EQS), then its next system call (do_syscall_64()).
 * The return is SYSRET, which is not serialising (the IRET path is: the model takes the
 * one that synchronises less), and SYSCALL is not either.
 */
static void nohz_full_task(void)
{
	syscall_exit_to_user_mode();
	__exception_entry();		/* syscall */
	syscall_enter_from_user_mode();
}

/* the idle task: one pass of the idle loop (EQS while the CPU sleeps) */
static void idle_task(void)
{
	do_idle();
}

/* a KVM vCPU thread: one guest run (EQS while the guest runs); VM-entry is not taken as serialising */
static void kvm_vcpu_run(void)
{
	local_irq_disable();
	guest_state_enter_irqoff();
	__exception_entry();		/* VM-exit */
	guest_state_exit_irqoff();
	local_irq_enable();
}

/* race windows: a CPU in or leaving EQS, and one in the kernel, with a stale instruction stream */
static bool stale(int cpu)
{
	return READ_ONCE(patched_site) == INSN_NEW && __insn_fetch(&patched_site) == INSN_OLD;
}

static bool eqs_exit_while_text_stale(int cpu)
{
	return cpu != 0 && stale(cpu) && rcu_watching_snap_in_eqs(ct_rcu_watching_cpu(cpu));
}

static bool stale_cpu_in_kernel_during_sync(int cpu)
{
	return cpu != 0 && stale(cpu) && !irqs_disabled() &&
	       (per_cpu(cfd_data, 0).csd[cpu].flags & CSD_FLAG_LOCK);
}

ROLE("text patcher", CPU(0), ONCE, text_patcher);
ROLE("EQS CPU", CPUS(1, N), LOOP, SYMMETRIC, kernel_code, nohz_full_task, idle_task, kvm_vcpu_run);
MODEL_CPUS(2, 3);
MODEL_ARCHES("x86-native");
MODEL_MEMORY("sc", "tso");
MODEL_SUMMARY("defer sync_core() after text patching for CPUs in EQS to their next kernel entry (Valentin Schneider 2025)");
MODEL_EXPECT("holds");
MODEL_EXPECT_SOURCE("mainline smp_text_poke_sync_each_cpu(): every other CPU takes the IPI, and returning from it synchronises");
WITNESS(no_stale_text_after_sync, eqs_exit_while_text_stale, "a CPU in EQS or on its way out holds the old instruction after the patch is visible");
WITNESS(no_stale_text_after_sync, stale_cpu_in_kernel_during_sync, "a CPU runs in the kernel, IRQs on, with the old instruction while its csd from the sync is pending");
MODEL_MIRRORS("ct-defer");	/* the TypeScript scenario it re-expresses (test/cmodel-ct-defer.test.ts) */
