/*
 * eqs-kick, written for SPIN from the kernel semantics (kernel-notes 2.1, 3.6), not from the
 * TypeScript model: CPU0 patches kernel text and calls kick_all_cpus_sync(); CPUs 1..N-1 move
 * between an extended quiescent state (nohz_full user, idle, KVM guest) and the kernel.
 * Sequentially consistent (SPIN), so smp_mb() and the kind of EQS-exit atomic do not matter.
 *
 * Configuration:  ARM64 (else powerpc): exception entry context-synchronises on both; the ISB
 *                 hooks of Norov v2 3/5 and 4/5 exist on arm64 only.
 * Variant:        SKIP_EQS    kick only CPUs whose dynticks counter says "not in EQS"
 *                 ISB_BEFORE  v2 3/5: isb() on the way out of EQS, before the counter moves
 *                 ISB_AFTER   v2 4/5: isb() right after atomic_add_return() on the counter
 *                 ENTRY_TEXT  a patched site runs on the entry path before EQS exit
 * Property:       no CPU executes the patched site with a stale instruction stream after
 *                 kick_all_cpus_sync() returned (assert).
 */
#ifndef N
#define N 3
#endif

bit patched;          /* arch/arm64/kernel/patching.c aarch64_insn_patch_text_nosync() done */
bit returned;         /* kernel/smp.c kick_all_cpus_sync() returned */
bit stale[N];         /* the CPU may still fetch the old instruction */
bit inkernel[N];      /* kernel/rcu/tree.c dynticks counter: not in EQS */
bit pending[N];       /* kernel/smp.c: csd queued and IPI sent, handler not run yet */
bit kicked[N];        /* the patcher decided to IPI this CPU */

/* The patched site executes: it must not see a stale instruction once the kick returned. */
inline run_patched_site(me) {
  assert(!(returned && patched && stale[me]))
}

/* Context synchronisation: ISB, exception entry or return, IPI handling. */
inline context_sync(me) {
  stale[me] = 0
}

proctype patcher() {
  byte i;
  /* aarch64_insn_patch_text_nosync(): every other CPU may hold the old instruction */
  atomic {
    patched = 1;
    i = 1;
    do
    :: i < N -> stale[i] = 1; i++
    :: else -> break
    od
  }
  /* kick_all_cpus_sync(): smp_mb(); then one read of each CPU's dynticks counter */
  i = 1;
  do
  :: i < N ->
#ifdef SKIP_EQS
     kicked[i] = inkernel[i];      /* rcu_dynticks_in_eqs(): EQS CPUs left out */
#else
     kicked[i] = 1;
#endif
     i++
  :: else -> break
  od;
  /* smp_call_function_many(): csd + IPI to every kicked CPU */
  atomic {
    i = 1;
    do
    :: i < N -> pending[i] = kicked[i]; i++
    :: else -> break
    od
  }
  /* csd_lock_wait(): every kicked CPU ran do_nothing() */
  i = 1;
  do
  :: i < N -> (pending[i] == 0); i++
  :: else -> break
  od;
  returned = 1
}

proctype eqs_cpu(byte me) {
  bit exception;      /* entry by an exception (user, guest) or a wake-up (idle) */
  bit ipi_done;
  do
  :: /* leave EQS: syscall / IRQ from nohz_full user, VM-exit, or wake-up from idle */
     if
     :: exception = 1       /* el0_svc / VM-exit: context synchronising on arm64 and powerpc */
     :: exception = 0       /* do_idle(): wfi/snooze returns, no exception taken */
     fi;
     if
     :: exception -> context_sync(me)
     :: else -> skip
     fi;
#if defined(ISB_BEFORE) && defined(ARM64)
     context_sync(me);      /* isb_if_eqs / arch_cpu_idle_exit() */
#endif
#ifdef ENTRY_TEXT
     run_patched_site(me);  /* a patched site on the entry path, before EQS exit */
#endif
     inkernel[me] = 1;      /* rcu_dynticks_eqs_exit(): atomic_add_return() */
#if defined(ISB_AFTER) && defined(ARM64)
     context_sync(me);      /* rcu_dynticks_eqs_exit_sync(): isb() */
#endif
     /* in the kernel with IRQs on: the IPI may be taken before or after the patched site */
     ipi_done = 0;
     if
     :: atomic { pending[me] -> context_sync(me); pending[me] = 0; ipi_done = 1 }
     :: skip
     fi;
     run_patched_site(me);  /* the rest of the kernel calls through the patched site */
     if
     :: !ipi_done -> if
                     :: atomic { pending[me] -> context_sync(me); pending[me] = 0 }
                     :: skip
                     fi
     :: else -> skip
     fi;
     inkernel[me] = 0;      /* rcu_dynticks_eqs_enter() */
     if
     :: exception -> context_sync(me)  /* eret / VM-entry: exception return */
     :: else -> skip                   /* back into cpuidle: no synchronisation */
     fi
  od
}

init {
  byte i;
  atomic {
    run patcher();
    i = 1;
    do
    :: i < N -> run eqs_cpu(i); i++
    :: else -> break
    od
  }
}
