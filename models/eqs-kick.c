/*
 * eqs-kick.c: may kick_all_cpus_sync() leave out the CPUs in an extended quiescent state?
 *
 * CPU0 patches one instruction of kernel text (arm64 aarch64_insn_patch_text_nosync(),
 * powerpc patch_instruction()), calls kick_all_cpus_sync() and from then on relies on no CPU
 * executing the old instruction. CPU1.. run kernel code that executes the patched site and,
 * between two runs, leave the kernel for an extended quiescent state (EQS) and come back: a
 * nohz_full task's return to user mode and its next system call, a pass of the idle loop, a
 * KVM guest run. An IPI reaches them only in the kernel with IRQs on (one that arrives in user
 * mode enters the kernel the way the system call does).
 *
 * Yury Norov's 2018 series ("smp: don't kick CPUs running idle or nohz_full tasks") makes
 * kick_all_cpus_sync() skip the CPUs whose RCU-watching counter says EQS and puts an ISB on
 * their way out of it instead; its variants are the patches in models/eqs-kick/.
 */

#define INSN_OLD	0
#define INSN_NEW	1

/* the patched site: one instruction of kernel text (a static branch, an alternative) */
kernel_insn_t patched_site = INSN_OLD;

/* CPU0: patch the site, kick every CPU, then rely on it */
static void text_patcher(void)
{
	if (IS_ENABLED(CONFIG_ARM64))
		aarch64_insn_patch_text_nosync(&patched_site, INSN_NEW);
	else
		patch_instruction(&patched_site, INSN_NEW);
	kick_all_cpus_sync();
	/* the caller's promise (it may free the old code): the old instruction runs nowhere */
	__insn_retire(&patched_site, INSN_OLD);
}

/* CPU1..: kernel code that runs the patched site (RCU watching, IRQs on) */
static void kernel_code(void)
{
	__insn_fetch(&patched_site);
}

/* a nohz_full task: back to user mode (EQS), then its next system call */
static void nohz_full_task(void)
{
	if (IS_ENABLED(CONFIG_ARM64)) {
		arm64_syscall_exit_to_user_mode();
		__exception_return();		/* eret */
		__exception_entry();		/* svc */
		el0_svc_enter();
	} else {
		syscall_exit_prepare();
		__exception_return();		/* rfid */
		__exception_entry();		/* sc */
		system_call_exception();
	}
}

/* the idle task: one pass of the idle loop (EQS while the CPU sleeps) */
static void idle_task(void)
{
	do_idle();
}

/* a KVM vCPU thread: one guest run (EQS while the guest runs) */
static void kvm_vcpu_run(void)
{
	local_irq_disable();
	guest_state_enter_irqoff();
	__exception_return();		/* VM-entry: eret / rfid into the guest */
	__exception_entry();		/* VM-exit: an exception to the host */
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
MODEL_ARCHES("arm64", "powerpc");
MODEL_MEMORY("sc", "tso", "weak");
MODEL_SUMMARY("kick_all_cpus_sync() after text patching skips CPUs in EQS (Yury Norov 2018)");
MODEL_EXPECT("holds");
MODEL_EXPECT_SOURCE("mainline kick_all_cpus_sync(): every other CPU takes the IPI, and returning from it synchronises");
WITNESS(no_stale_text_after_sync, eqs_exit_while_text_stale, "a CPU in EQS or on its way out holds the old instruction after the patch is visible");
WITNESS(no_stale_text_after_sync, stale_cpu_in_kernel_during_sync, "a CPU runs in the kernel, IRQs on, with the old instruction while its csd from the kick is pending");
MODEL_MIRRORS("eqs-kick");	/* the TypeScript scenario it re-expresses (test/cmodel-eqs-kick.test.ts, BENCHMARKS.md) */
