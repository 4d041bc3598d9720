/*
 * eqs-kick, SPIN cross-check model: may kick_all_cpus_sync() skip CPUs in an extended
 * quiescent state (idle, nohz_full user, guest) after text patching (Yury Norov 2018, seed 1)?
 *
 * Written for `npm run crosscheck` from the project's kernel notes (now docs/kernel-facts.md,
 * sections 5 and 6), its property list and the seed description of Norov's patch, independently of the
 * TypeScript mechanisms (src/mechanisms/). Sequentially consistent, like SPIN: smp_mb() and
 * the kind of atomic used at EQS exit change nothing here.
 *
 * CPU0 patches kernel text once, then calls kick_all_cpus_sync().
 * CPU1..N-1 loop: in the kernel they may execute the patched site; they enter EQS (user or
 * guest, left by an exception; or idle, left without one: the wake-up from the polling loop /
 * WFI runs rcu_idle_exit() with IRQs still masked, the interrupt is taken afterwards) and
 * leave it again; they take the kick's IPI in the kernel or in EQS (IRQs on).
 *
 * Property no-stale-text-after-sync: once kick_all_cpus_sync() has returned, no CPU executes
 * the patched site unless it had a context-synchronisation event (ISB, exception entry or
 * return) after the patch was written.
 *
 * Switches: N (CPUs), exactly one ARCH_* and exactly one VARIANT_*.
 */
#ifndef N
#define N 3
#endif

/* ---- configurations ----
 * EXC_SYNC: taking an exception is context synchronising (arm64 with SCTLR_EL1.EIS, powerpc).
 * ISB_HOOKS: Norov v2 3/5 and 4/5 add the EQS-exit isb() on arm64 only; the weak
 * rcu_dynticks_eqs_exit_sync() is empty elsewhere. */
#if defined(ARCH_ARM64)
#define EXC_SYNC  1
#define ISB_HOOKS 1
#elif defined(ARCH_POWERPC)
#define EXC_SYNC  1
#define ISB_HOOKS 0
#else
#error "eqs-kick.pml: define one ARCH_* (ARM64, POWERPC)"
#endif

/* ---- variants ----
 * SKIP_EQS: kick_all_cpus_sync() IPIs only CPUs whose dynticks counter says "not in EQS".
 * ISB_EARLY: isb() at EQS exit before the counter increment (v2 3/5: isb_if_eqs in
 *   el0_svc_naked, arch_cpu_idle_exit(): if (!rcu_is_watching()) isb()).
 * ISB_AFTER: isb() right after the increment (v2 4/5: rcu_dynticks_eqs_exit_sync()).
 * ENTRY_PATCHED: the patched site lies on the EQS-exit path before the increment. */
#if defined(VARIANT_BASELINE)
/* kernel/smp.c: kick_all_cpus_sync() = smp_mb(); smp_call_function(do_nothing, NULL, 1) */
#define SKIP_EQS 0
#define ISB_EARLY 0
#define ISB_AFTER 0
#define ENTRY_PATCHED 0
#elif defined(VARIANT_SKIP_EQS_NO_ISB)
/* Norov v1 kick_active_cpus_sync(): skip EQS CPUs, nothing at EQS exit */
#define SKIP_EQS 1
#define ISB_EARLY 0
#define ISB_AFTER 0
#define ENTRY_PATCHED 0
#elif defined(VARIANT_SKIP_EQS_ISB_BEFORE_EXIT)
/* Norov v2 3/5 + 5/5 */
#define SKIP_EQS 1
#define ISB_EARLY ISB_HOOKS
#define ISB_AFTER 0
#define ENTRY_PATCHED 0
#elif defined(VARIANT_SKIP_EQS_ISB_AFTER_EXIT)
/* Norov v2 4/5 + 5/5 */
#define SKIP_EQS 1
#define ISB_EARLY 0
#define ISB_AFTER ISB_HOOKS
#define ENTRY_PATCHED 0
#elif defined(VARIANT_SKIP_EQS_PATCHED_ENTRY_TEXT)
/* Norov v2 4/5 + 5/5 with a patch site on the EQS-exit path (Mark Rutland on v2) */
#define SKIP_EQS 1
#define ISB_EARLY 0
#define ISB_AFTER ISB_HOOKS
#define ENTRY_PATCHED 1
#elif defined(VARIANT_SKIP_EQS_NO_MB)
/* Norov v2 4/5 + 5/5 without the sender's smp_mb() before reading the remote dynticks
 * counters. Under sequential consistency (this model, SPIN) a full barrier orders nothing
 * more, so this is skip-eqs-isb-after-exit; the difference shows only under tso/weak. */
#define SKIP_EQS 1
#define ISB_EARLY 0
#define ISB_AFTER ISB_HOOKS
#define ENTRY_PATCHED 0
#elif defined(VARIANT_SKIP_EQS_ATOMIC_INC)
/* Norov v2 4/5 + 5/5 with EQS exit by atomic_inc() without smp_mb__after_atomic(). Under
 * sequential consistency a non-value-returning atomic is as ordered as atomic_add_return(),
 * so this is skip-eqs-isb-after-exit; the difference shows only under tso/weak. */
#define SKIP_EQS 1
#define ISB_EARLY 0
#define ISB_AFTER ISB_HOOKS
#define ENTRY_PATCHED 0
#elif defined(VARIANT_SKIP_EQS_ATOMIC_INC_MB)
/* as skip-eqs-atomic-inc, with smp_mb__after_atomic() after the atomic_inc(): under
 * sequential consistency the barrier orders nothing more, so this is skip-eqs-isb-after-exit */
#define SKIP_EQS 1
#define ISB_EARLY 0
#define ISB_AFTER ISB_HOOKS
#define ENTRY_PATCHED 0
#else
#error "eqs-kick.pml: define one VARIANT_* (see the variant list above)"
#endif

/* where a CPU is */
#define KERNEL   0
#define EQS_EXC  1   /* nohz_full user or guest: left by an exception (syscall, IRQ, guest exit) */
#define EQS_IDLE 2   /* idle: left without an exception */
#define EXITING  3   /* on the EQS-exit path, IRQs masked */

bool patched;          /* the new instruction is written */
bool kicked;           /* kick_all_cpus_sync() has returned */
byte where[N];
bool watching[N];      /* dynticks counter: not in EQS (RCU watching) */
bool isync[N];         /* context synchronised since the patch */
bool mask[N];          /* the sender's cpumask of CPUs to IPI */
bool ipi[N];           /* do_nothing() queued for this CPU */

/* the patched site executed by CPU me */
#define EXEC_PATCHED_SITE assert(!kicked || isync[me])

/* CPU0: arch/arm64/kernel/insn.c: aarch64_insn_patch_text_nosync() then kick_all_cpus_sync() */
proctype patcher() {
  byte c;
  /* aarch64_insn_write() + flush_icache_range(): the new instruction is visible, but no other
   * CPU's instruction stream is synchronised */
  atomic {
    patched = 1;
    c = 1;
    do
    :: c < N -> isync[c] = 0; c++
    :: else -> c = 0; break
    od
  };
  /* kernel/smp.c: kick_all_cpus_sync(): smp_mb() (no-op under SC); build the mask */
  c = 1;
  do
  :: c < N ->
#if SKIP_EQS
     /* kernel/rcu/tree.c: rcu_get_eqs_cpus(): !rcu_dynticks_in_eqs(atomic_read(&rdtp->dynticks)) */
     atomic { mask[c] = watching[c]; c++ }
#else
     atomic { mask[c] = 1; c++ }   /* smp_call_function(): every other online CPU */
#endif
  :: else -> c = 0; break
  od;
  /* kernel/smp.c: smp_call_function_many(mask, do_nothing, NULL, 1): queue csds + IPIs */
  atomic {
    c = 1;
    do
    :: c < N -> ipi[c] = mask[c]; mask[c] = 0; c++
    :: else -> c = 0; break
    od
  };
  /* kernel/smp.c: csd_lock_wait() on each target */
  c = 1;
  do
  :: c < N -> ipi[c] == 0; c++
  :: else -> c = 0; break
  od;
  kicked = 1   /* kick_all_cpus_sync() returns */
}

/* the EQS-exit path of CPU me, IRQs masked (kernel/rcu/tree.c: rcu_idle_exit() /
 * rcu_user_exit() / rcu_irq_enter() -> rcu_dynticks_eqs_exit()) */
inline eqs_exit() {
#if ISB_EARLY
  atomic { isync[me] = 1 };   /* arch/arm64/kernel/process.c: arch_cpu_idle_exit() / entry.S isb_if_eqs: isb() */
#endif
#if ENTRY_PATCHED
  atomic { EXEC_PATCHED_SITE };   /* a patched site on the exit path, RCU not yet watching */
#endif
  atomic { watching[me] = 1 };    /* rcu_dynticks_eqs_exit(): atomic_add_return(RCU_DYNTICK_CTRL_CTR, &rdtp->dynticks) */
#if ISB_AFTER
  atomic { isync[me] = 1 };       /* arch/arm64/kernel/rcu.c: rcu_dynticks_eqs_exit_sync(): isb() */
#endif
  atomic { where[me] = KERNEL }   /* back in the kernel, IRQs unmasked */
}

/* CPU1..N-1 */
proctype cpu(byte me) {
  do
  /* IPI: exception entry (context synchronising), kernel/smp.c
   * generic_smp_call_function_single_interrupt() -> do_nothing(), csd_unlock(), exception
   * return; taken in the kernel or from EQS (rcu_irq_enter()/rcu_irq_exit() around it) */
  :: atomic { ipi[me] && where[me] != EXITING -> isync[me] = EXC_SYNC || isync[me]; ipi[me] = 0 }
  /* kernel code runs the patched site */
  :: atomic { where[me] == KERNEL -> EXEC_PATCHED_SITE }
  /* kernel/rcu/tree.c: rcu_user_enter() / guest entry -> rcu_dynticks_eqs_enter() */
  :: atomic { where[me] == KERNEL -> watching[me] = 0; where[me] = EQS_EXC }
  /* kernel/sched/idle.c: do_idle() -> rcu_idle_enter() -> rcu_dynticks_eqs_enter() */
  :: atomic { where[me] == KERNEL -> watching[me] = 0; where[me] = EQS_IDLE }
  /* arch/arm64/kernel/entry.S: el0_svc / el0_irq / guest exit: exception entry, then EQS exit */
  :: atomic { where[me] == EQS_EXC -> isync[me] = EXC_SYNC || isync[me]; where[me] = EXITING };
     eqs_exit()
  /* kernel/sched/idle.c: do_idle(): wake from the idle loop, IRQs masked, no exception yet */
  :: atomic { where[me] == EQS_IDLE -> where[me] = EXITING };
     eqs_exit()
  od
}

init {
  byte i = 1;
  atomic {
    do
    :: i < N -> watching[i] = 1; run cpu(i); i++
    :: else -> break
    od;
    run patcher()   /* CPU0, started once every other CPU runs */
  }
}
