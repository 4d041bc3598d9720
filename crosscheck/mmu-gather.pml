/*
 * mmu-gather, SPIN cross-check model: may tlb_remove_table_sync_one() be skipped because the
 * preceding TLB flush "already IPIed" (Lance Yang 2025-26, seed 2)?
 *
 * Written for `npm run crosscheck` from the project's kernel notes (now docs/kernel-facts.md,
 * sections 1-4), its property list and the seed description of Lance Yang's patch, independently of the TypeScript
 * mechanisms (src/mechanisms/). Sequentially consistent, like SPIN.
 *
 * CPU0 runs one caller (chosen nondeterministically) that unlinks a page-table page T, flushes
 * the TLB, syncs with lockless walkers and retires T:
 *   - khugepaged collapse: flush_tlb_range() (freed_tables = 0), sync, deposit T;
 *   - hugetlb PMD unshare, fully unshared: tlb_flush() with unshared_tables, sync, the last
 *     sharer reuses and modifies T;
 *   - the tlb_remove_table_one() fallback (batch allocation failed): tlb_table_invalidate()
 *     (freed_tables = 1), sync, immediate free.
 * CPU1..N-1 run the mm's task (GUP-fast with IRQs off) or a kernel thread on it (lazy TLB);
 * their MMU caches a pointer to T in the paging-structure cache (PWC) and may walk through it
 * speculatively at any time while the mm is loaded; vCPUs may be preempted by the host.
 *
 * Property no-walker-reads-freed-table, two assertions:
 *   P1  GUP-fast never reads an entry of T once T is retired (deposited, reused or freed);
 *   P1b no MMU walks through a cached pointer into T once T is reused or freed (a deposited
 *       table is cleared and stays allocated: harmless for the hardware walker; the data
 *       pages' own TLB entries are not modelled).
 *
 * Switches: N (CPUs), exactly one ARCH_* and exactly one VARIANT_* (see below).
 */
#ifndef N
#define N 4
#endif

/* ---- configurations (what each architecture / hypervisor does) ---- */
#define T_IPI       0   /* flush by IPI to mm_cpumask, sender waits */
#define T_HYPERCALL 1   /* hypervisor flushes every target vCPU, no guest IPI, no wait on IRQs */
#define T_BROADCAST 2   /* hardware broadcast invalidation reaching every CPU's TLB and PWC */

#if defined(ARCH_X86_NATIVE)
/* arch/x86/mm/tlb.c: native_flush_tlb_multi(); should_flush_tlb() skips lazy CPUs unless
 * the flush wakes them; native_pv_tlb_init(): flush_tlb_multi == native and no INVLPGB */
#define TRANSPORT          T_IPI
#define LAZY_SKIPPED       1
#define PV_SKIPS_PREEMPTED 0
#define VCPU_PREEMPTION    0
#define NATIVE_NO_INVLPGB  1
#elif defined(ARCH_X86_KVM_PV)
/* arch/x86/kernel/kvm.c: kvm_flush_tlb_multi(): a preempted vCPU gets KVM_VCPU_FLUSH_TLB and
 * leaves the IPI mask; the rest go through native_flush_tlb_multi() */
#define TRANSPORT          T_IPI
#define LAZY_SKIPPED       1
#define PV_SKIPS_PREEMPTED 1
#define VCPU_PREEMPTION    1
#define NATIVE_NO_INVLPGB  0
#elif defined(ARCH_X86_HYPERV)
/* arch/x86/hyperv/mmu.c: hyperv_flush_tlb_multi(): hypercall; lazy CPUs skipped unless the
 * flush wakes them (do_lazy, cpumask_to_vpset_skip(..., cpu_is_lazy)) */
#define TRANSPORT          T_HYPERCALL
#define LAZY_SKIPPED       1
#define PV_SKIPS_PREEMPTED 0
#define VCPU_PREEMPTION    1
#define NATIVE_NO_INVLPGB  0
#elif defined(ARCH_X86_XEN)
/* arch/x86/xen/mmu_pv.c: xen_flush_tlb_multi(): MMUEXT_TLB_FLUSH_MULTI hypercall, reaches lazy CPUs */
#define TRANSPORT          T_HYPERCALL
#define LAZY_SKIPPED       0
#define PV_SKIPS_PREEMPTED 0
#define VCPU_PREEMPTION    1
#define NATIVE_NO_INVLPGB  0
#elif defined(ARCH_X86_INVLPGB)
/* arch/x86/mm/tlb.c: broadcast_tlb_flush(): INVLPGB + __tlbsync(); native flush_tlb_multi but
 * INVLPGB supported, so Lance Yang's static key stays off */
#define TRANSPORT          T_BROADCAST
#define LAZY_SKIPPED       0
#define PV_SKIPS_PREEMPTED 0
#define VCPU_PREEMPTION    0
#define NATIVE_NO_INVLPGB  0
#elif defined(ARCH_ARM64)
/* arch/arm64/include/asm/tlbflush.h: __flush_tlb_range(): TLBI ...IS + DSB ISH */
#define TRANSPORT          T_BROADCAST
#define LAZY_SKIPPED       0
#define PV_SKIPS_PREEMPTED 0
#define VCPU_PREEMPTION    0
#define NATIVE_NO_INVLPGB  0
#elif defined(ARCH_POWERPC)
/* arch/powerpc/mm/book3s64/radix_tlb.c: radix__flush_tlb_mm(): tlbie broadcast */
#define TRANSPORT          T_BROADCAST
#define LAZY_SKIPPED       0
#define PV_SKIPS_PREEMPTED 0
#define VCPU_PREEMPTION    0
#define NATIVE_NO_INVLPGB  0
#else
#error "mmu-gather.pml: define one ARCH_* (X86_NATIVE, X86_KVM_PV, X86_HYPERV, X86_XEN, X86_INVLPGB, ARM64, POWERPC)"
#endif

/* ---- variants (the patch under review) ----
 * HOOK: include/asm-generic/tlb.h tlb_table_flush_implies_ipi_broadcast() on this configuration.
 * WAKE_LAZY_UNSHARED: tlb_flush() wakes lazy CPUs for unshared tables (Lance Yang v8 2/2).
 * FLUSH: the callers flush before the sync.  SYNC_ALL: every caller calls the sync
 * (0: khugepaged and hugetlb unshare do not; the fallback always does). */
#if defined(VARIANT_BASELINE)
/* the hook's default is false; tlb_flush() wakes lazy CPUs for unshared tables (v8 2/2's hunk) */
#define HOOK 0
#define WAKE_LAZY_UNSHARED 1
#define FLUSH 1
#define SYNC_ALL 1
#elif defined(VARIANT_MAINLINE)
/* Linux 7.1.5: no hook; x86 tlb_flush() passes freed_tables only, so the unshare skips lazy CPUs */
#define HOOK 0
#define WAKE_LAZY_UNSHARED 0
#define FLUSH 1
#define SYNC_ALL 1
#elif defined(VARIANT_SKIP_SYNC)
/* v8 1/2 with the hook forced true */
#define HOOK 1
#define WAKE_LAZY_UNSHARED 1
#define FLUSH 1
#define SYNC_ALL 1
#elif defined(VARIANT_SKIP_SYNC_AS_POSTED)
/* v8 1/2 + 2/2: static key only for native_flush_tlb_multi without INVLPGB */
#define HOOK NATIVE_NO_INVLPGB
#define WAKE_LAZY_UNSHARED 1
#define FLUSH 1
#define SYNC_ALL 1
#elif defined(VARIANT_SKIP_SYNC_LAZY_NOT_WOKEN)
/* as posted, but tlb_flush() passes freed_tables only (before v8): unshare skips lazy CPUs */
#define HOOK NATIVE_NO_INVLPGB
#define WAKE_LAZY_UNSHARED 0
#define FLUSH 1
#define SYNC_ALL 1
#elif defined(VARIANT_SKIP_SYNC_NO_PRECEDING_FLUSH)
/* as posted, but the caller reaches the sync with no flush (tlb_flush_mmu_tlbonly() returned
 * early after __tlb_reset_range(); PeterZ on v10 1/2) */
#define HOOK NATIVE_NO_INVLPGB
#define WAKE_LAZY_UNSHARED 1
#define FLUSH 0
#define SYNC_ALL 1
#elif defined(VARIANT_NO_SYNC)
/* mm/khugepaged.c before 2ba99c5e0881: no sync after the flush (hugetlb unshare likewise) */
#define HOOK 0
#define WAKE_LAZY_UNSHARED 1
#define FLUSH 1
#define SYNC_ALL 0
#elif defined(VARIANT_SKIP_SYNC_ANY_IPI_FLUSH)
/* the hook true whenever the flush is sent by IPI, KVM's PV flush included (before v8 2/2) */
#define HOOK (TRANSPORT == T_IPI)
#define WAKE_LAZY_UNSHARED 1
#define FLUSH 1
#define SYNC_ALL 1
#else
#error "mmu-gather.pml: define one VARIANT_* (see the variant list in the header)"
#endif

#if VCPU_PREEMPTION
#define RUNNING (!preempted[me])
#else
#define RUNNING true
#endif

/* T's life cycle */
#define LIVE      0
#define UNLINKED  1
#define DEPOSITED 2   /* pgtable_trans_huge_deposit(): entries cleared, page kept */
#define REUSED    3   /* reused by the last sharer, or freed */

/* callers */
#define KHUGEPAGED 0
#define UNSHARE    1
#define TABLE_ONE  2

bool pmd_to_t = 1;     /* the pmd entry of the mm points to T */
byte tstate = LIVE;
bool irqoff[N];        /* GUP-fast's local_irq_save() region */
bool lazy[N];          /* running a kernel thread with the mm loaded (lazy TLB) */
bool pwc[N];           /* paging-structure cache holds a pointer to T */
bool stale[N];         /* skipped by a flush while lazy: tlb_gen behind */
bool flush_ipi[N];     /* flush_tlb_func() queued for this CPU */
bool sync_ipi[N];      /* tlb_remove_table_smp_sync() queued for this CPU */
#if VCPU_PREEMPTION
bool preempted[N];     /* steal_time.preempted: the host descheduled this vCPU */
bool host_flush[N];    /* KVM_VCPU_FLUSH_TLB set: the host flushes before VM-entry */
#endif

/* mm/mmu_gather.c: tlb_remove_table_sync_one() */
inline sync_one() {
  if
  :: HOOK -> skip   /* tlb_table_flush_implies_ipi_broadcast(): return early */
  :: else ->
     /* kernel/smp.c: smp_call_function(tlb_remove_table_smp_sync, NULL, 1): queue + IPI */
     atomic { c = 1; do :: c < N -> sync_ipi[c] = 1; c++ :: else -> break od; c = 0 };
     /* kernel/smp.c: csd_lock_wait() on each target */
     c = 1;
     do
     :: c < N -> sync_ipi[c] == 0; c++
     :: else -> c = 0; break
     od
  fi
}

/* the caller's TLB flush; wake: the flush asks to reach lazy CPUs too */
inline tlb_flush(wake) {
#if TRANSPORT == T_IPI
  /* arch/x86/mm/tlb.c: flush_tlb_mm_range() -> flush_tlb_multi(mm_cpumask, info) */
  c = 1;
  do
  :: c < N ->
     atomic {
#if PV_SKIPS_PREEMPTED
       /* arch/x86/kernel/kvm.c: kvm_flush_tlb_multi(): a preempted vCPU gets the flag, no IPI */
       if
       :: preempted[c] -> host_flush[c] = 1
       :: else ->
#endif
       if
       /* arch/x86/mm/tlb.c: should_flush_tlb(): is_lazy and not woken -> skipped */
       :: LAZY_SKIPPED && lazy[c] && !wake -> stale[c] = 1
       :: else -> flush_ipi[c] = 1   /* native_flush_tlb_multi(): queue flush_tlb_func + IPI */
       fi
#if PV_SKIPS_PREEMPTED
       fi
#endif
       ;
       c++
     }
  :: else -> break
  od;
  /* kernel/smp.c: csd_lock_wait() on each IPI target */
  c = 1;
  do
  :: c < N -> flush_ipi[c] == 0; c++
  :: else -> c = 0; break
  od
#elif TRANSPORT == T_HYPERCALL
  /* arch/x86/hyperv/mmu.c: hyperv_flush_tlb_multi() / arch/x86/xen/mmu_pv.c:
   * xen_flush_tlb_multi(): the hypervisor flushes the target vCPUs, preempted or IRQs-off */
  atomic {
    c = 1;
    do
    :: c < N ->
       if
       :: LAZY_SKIPPED && lazy[c] && !wake -> stale[c] = 1
       :: else -> pwc[c] = 0
       fi;
       c++
    :: else -> c = 0; break
    od
  }
#else
  /* INVLPGB + TLBSYNC (arch/x86/mm/tlb.c: broadcast_tlb_flush()), TLBI IS + DSB ISH
   * (arch/arm64/include/asm/tlbflush.h), tlbie (powerpc radix_tlb.c): every CPU, lazy or not */
  atomic {
    c = 1;
    do
    :: c < N -> pwc[c] = 0; c++
    :: else -> c = 0; break
    od
  }
#endif
}

/* CPU0: one of the three callers that retire T after a sync */
proctype freer() {
  byte caller;
  byte c;
  if
  :: caller = KHUGEPAGED   /* mm/khugepaged.c: collapse_huge_page() */
  :: caller = UNSHARE      /* mm/hugetlb.c: huge_pmd_unshare() + tlb_flush_unshared_tables() */
  :: caller = TABLE_ONE    /* mm/mmu_gather.c: tlb_remove_table() -> tlb_remove_table_one() */
  fi;
  /* unlink: pmdp_collapse_flush() clears the pmd / huge_pmd_unshare() / pmd_free_tlb() */
  atomic { pmd_to_t = 0; tstate = UNLINKED };
#if FLUSH
  /* khugepaged: flush_tlb_range() has freed_tables = 0; unshare: tlb_flush() wakes lazy CPUs
   * for unshared_tables from v8 on; fallback: tlb_table_invalidate() with freed_tables = 1 */
  if
  :: caller == KHUGEPAGED -> tlb_flush(0)
  :: caller == UNSHARE -> tlb_flush(WAKE_LAZY_UNSHARED)
  :: caller == TABLE_ONE -> tlb_flush(1)
  fi;
#endif
  if
  :: SYNC_ALL || caller == TABLE_ONE -> sync_one()
  :: else -> skip
  fi;
  if
  :: caller == KHUGEPAGED -> tstate = DEPOSITED   /* pgtable_trans_huge_deposit() */
  :: else -> tstate = REUSED   /* the last sharer reuses T / __tlb_remove_table() frees it */
  fi
}

/* CPU1..N-1: the mm's task (GUP-fast) or a kernel thread on the mm (lazy), IRQs, MMU */
proctype cpu(byte me) {
  bool ptr;   /* GUP-fast's copy of the pmd: points to T */
  do
  /* arch/x86/mm/tlb.c: flush_tlb_func() (IPI handler, IRQs on); on a lazy CPU it switches to
   * init_mm: either way nothing of T stays cached */
  :: atomic { RUNNING && !irqoff[me] && flush_ipi[me] -> pwc[me] = 0; stale[me] = 0; flush_ipi[me] = 0 }
  /* mm/mmu_gather.c: tlb_remove_table_smp_sync() (IPI handler, IRQs on): empty */
  :: atomic { RUNNING && !irqoff[me] && sync_ipi[me] -> sync_ipi[me] = 0 }
  /* hardware page walk with the mm loaded: caches the pmd's pointer to T */
  :: atomic { RUNNING && pmd_to_t && !pwc[me] -> pwc[me] = 1 }
  /* speculative hardware walk through the cached pointer (P1b) */
  :: atomic { RUNNING && pwc[me] -> assert(tstate != REUSED) }
  /* kernel/sched/core.c: context_switch() -> enter_lazy_tlb(): kernel thread keeps the mm */
  :: atomic { RUNNING && !lazy[me] -> lazy[me] = 1 }
  /* arch/x86/mm/tlb.c: switch_mm_irqs_off(): back to the mm's task, flush if tlb_gen moved */
  :: atomic { RUNNING && lazy[me] -> lazy[me] = 0; if :: stale[me] -> pwc[me] = 0; stale[me] = 0 :: else -> skip fi }
  /* mm/gup.c: gup_fast() (a CPU inside GUP-fast runs the mm's task: never lazy) */
  :: atomic { RUNNING && !lazy[me] -> irqoff[me] = 1 }          /* local_irq_save() */
     atomic { RUNNING -> ptr = pmd_to_t };                       /* pmdp_get_lockless() */
     atomic { RUNNING -> if :: ptr -> assert(tstate < DEPOSITED) :: else -> skip fi };  /* ptep_get_lockless() in T (P1) */
     atomic { RUNNING -> irqoff[me] = 0; ptr = 0 }               /* local_irq_restore() */
  od
}

#if VCPU_PREEMPTION
/* the host scheduler: deschedules and resumes vCPU me at any instruction, IRQs on or off */
proctype host(byte me) {
  do
  :: atomic { !preempted[me] -> preempted[me] = 1 }   /* vCPU preempted: steal_time.preempted set */
  /* VM-entry: arch/x86/kvm/x86.c record_steal_time(): KVM_VCPU_FLUSH_TLB -> flush the guest TLB */
  :: atomic { preempted[me] -> preempted[me] = 0; if :: host_flush[me] -> pwc[me] = 0; host_flush[me] = 0 :: else -> skip fi }
  od
}
#endif

init {
  byte i = 1;
  atomic {
    do
    :: i < N ->
       run cpu(i);
#if VCPU_PREEMPTION
       run host(i);
#endif
       i++
    :: else -> break
    od;
    run freer()   /* CPU0, started once every other CPU runs */
  }
}
