/*
 * mmu-gather, written for SPIN from the kernel semantics (kernel-notes 2.2, 3.1-3.4), not from
 * the TypeScript model: CPU0 unlinks a page table T and retires it (khugepaged collapse, or
 * hugetlb PMD unsharing whose last sharer then reuses T); CPUs 1..N-1 run GUP-fast walks,
 * touch user memory (the hardware walker caches a pointer to T in the paging-structure cache),
 * go lazy (kthread with the mm loaded) and come back, and, as vCPUs, may be preempted.
 *
 * Configuration (one of): NATIVE, KVM_PV, HYPERV, XEN, INVLPGB, ARM64, POWERPC.
 * Variant:  HOOK            tlb_table_flush_implies_ipi_broadcast() true: the sync is skipped
 *           NO_SYNC         khugepaged and hugetlb unsharing call no tlb_remove_table_sync_one()
 *           NO_FLUSH        no TLB flush before the sync
 *           LAZY_NOT_WOKEN  the flush for unshared tables does not wake lazy-TLB CPUs
 * Property: no GUP-fast walk and no speculative walk through a cached pointer reads T after T
 *           was freed or reused (assert).
 */
#ifndef N
#define N 3
#endif

#if defined(NATIVE) || defined(KVM_PV)
#define FLUSH_BY_IPI 1          /* arch/x86/mm/tlb.c native_flush_tlb_multi(): IPI + wait */
#endif
#if defined(NATIVE) || defined(KVM_PV) || defined(HYPERV)
#define LAZY_SKIPPED 1          /* should_flush_tlb(): lazy CPUs only for freed tables */
#endif
#if defined(KVM_PV) || defined(HYPERV) || defined(XEN)
#define PREEMPTIBLE_VCPUS 1
#endif

#define LINKED   0
#define UNLINKED 1
#define RETIRED  2

byte T = LINKED;        /* the page table: pmd (pud) -> T, unlinked, freed or reused */
bit lazy[N];            /* kernel/sched/core.c enter_lazy_tlb(): mm still loaded */
bit irqoff[N];          /* mm/gup.c gup_fast(): local_irq_save() */
bit holds_t[N];         /* gup_fast(): read pmd -> T, T[pte] not read yet */
bit psc[N];             /* paging-structure cache holds a pointer to T */
bit preempted[N];       /* vCPU not running (host scheduled it out) */
bit flush_on_entry[N];  /* arch/x86/kernel/kvm.c kvm_flush_tlb_multi(): KVM_VCPU_FLUSH_TLB */
bit flush_ipi[N];       /* flush_tlb_func() queued on this CPU */
bit sync_ipi[N];        /* tlb_remove_table_smp_sync() queued on this CPU */

/* The TLB flush after unlinking T; wake: lazy CPUs are flushed too (freed tables). */
inline tlb_flush(wake) {
#ifndef NO_FLUSH
  i = 1;
#ifdef FLUSH_BY_IPI
  atomic {
    do
    :: i < N ->
#ifdef LAZY_SKIPPED
       if
       :: lazy[i] && !wake -> skip           /* should_flush_tlb(): lazy CPU left out */
       :: else ->
#endif
          if
#ifdef KVM_PV
          :: preempted[i] -> flush_on_entry[i] = 1   /* no IPI, host flushes at VM-entry */
#endif
          :: else -> flush_ipi[i] = 1
          fi
#ifdef LAZY_SKIPPED
       fi
#endif
       ; i++
    :: else -> break
    od
  }
  i = 1;                                     /* native_flush_tlb_multi(): wait for the IPIs */
  do
  :: i < N -> (flush_ipi[i] == 0); i++
  :: else -> break
  od
#else
  /* hypercall (Hyper-V, Xen) or broadcast invalidation (INVLPGB, arm64 TLBI, powerpc tlbie): */
  /* every reached CPU's caches are invalidated at once, nobody is interrupted or waited for */
  atomic {
    do
    :: i < N ->
#ifdef LAZY_SKIPPED
       if
       :: lazy[i] && !wake -> skip
       :: else -> psc[i] = 0
       fi;
#else
       psc[i] = 0;
#endif
       i++
    :: else -> break
    od
  }
#endif
#else
  skip                           /* no flush at all */
#endif
}

/* mm/mmu_gather.c tlb_remove_table_sync_one(): IPI every other CPU and wait. */
inline table_sync() {
#if !defined(HOOK) && !defined(NO_SYNC)
  atomic {
    i = 1;
    do
    :: i < N -> sync_ipi[i] = 1; i++
    :: else -> break
    od
  }
  i = 1;
  do
  :: i < N -> (sync_ipi[i] == 0); i++
  :: else -> break
  od
#else
  skip                           /* the sync is skipped (HOOK) or not called (NO_SYNC) */
#endif
}

proctype freer() {
  byte i;
  if
  :: /* mm/khugepaged.c collapse_huge_page(): pmdp_collapse_flush() frees tables */
     T = UNLINKED;
     tlb_flush(1);
     table_sync();
     T = RETIRED                 /* pgtable_trans_huge_deposit(): T reused */
  :: /* mm/hugetlb.c huge_pmd_unshare(): the table stays with the other sharer */
     T = UNLINKED;
#ifdef LAZY_NOT_WOKEN
     tlb_flush(0);
#else
     tlb_flush(1);               /* Lance Yang v8 2/2: unshared tables wake lazy CPUs */
#endif
     table_sync();
     T = RETIRED                 /* the last sharer modifies T */
  fi
}

/* IPIs are taken only between walks: the do-loop is re-entered with IRQs on. */
proctype walker(byte me) {
  do
  :: atomic { !preempted[me] && !lazy[me] -> irqoff[me] = 1 };       /* local_irq_save() */
     atomic { !preempted[me] -> holds_t[me] = (T == LINKED) };       /* pmd = READ(pmd) */
     atomic { !preempted[me] -> assert(!(holds_t[me] && T == RETIRED)); holds_t[me] = 0 }  /* READ(T[pte]) */
     atomic { !preempted[me] -> irqoff[me] = 0 }                     /* local_irq_restore() */
  :: atomic { !preempted[me] && !lazy[me] && T == LINKED -> psc[me] = 1 }   /* user access: hardware walk */
  :: atomic { !preempted[me] && !lazy[me] -> lazy[me] = 1 }          /* enter_lazy_tlb() */
  :: atomic { !preempted[me] && lazy[me] -> lazy[me] = 0;             /* switch_mm_irqs_off(): back; */
              if :: T != LINKED -> psc[me] = 0 :: else -> skip fi }  /* a stale tlb_gen flushes */
  :: atomic { !preempted[me] && flush_ipi[me] -> psc[me] = 0; flush_ipi[me] = 0 }   /* flush_tlb_func() */
  :: atomic { !preempted[me] && sync_ipi[me] -> sync_ipi[me] = 0 }  /* tlb_remove_table_smp_sync() */
  :: atomic { !preempted[me] && psc[me] && T == RETIRED -> assert(0) }   /* speculative walk via the cached pointer */
  od
}

#ifdef PREEMPTIBLE_VCPUS
proctype host(byte me) {
  do
  :: atomic { !preempted[me] -> preempted[me] = 1 }                  /* vCPU scheduled out, any time */
  :: atomic { preempted[me] -> preempted[me] = 0;                     /* VM-entry */
              if :: flush_on_entry[me] -> psc[me] = 0; flush_on_entry[me] = 0 :: else -> skip fi }
  od
}
#endif

init {
  byte i;
  atomic {
    run freer();
    i = 1;
    do
    :: i < N -> run walker(i);
#ifdef PREEMPTIBLE_VCPUS
       run host(i);
#endif
       i++
    :: else -> break
    od
  }
}
