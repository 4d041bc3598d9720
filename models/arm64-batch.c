/*
 * arm64-batch.c: may reclaim defer a page's TLB flush to the end of its batch, and what must a
 * PTE writer that races with the batch flush? (arm64 batched unmap, Barry Song and Yicong Yang
 * 2022-23, 43b3dfdd0455; the race Ryan Roberts closed in 2025.)
 *
 * The reclaim task (CPU0, free to migrate) unmaps the anonymous page P from the one mm, leaves a
 * swap entry and frees P; a thread of the mm (CPU1) write-protects P with mprotect(PROT_READ);
 * a thread on CPU2 stores to P through its TLB and loads it, faulting when its TLB holds
 * nothing. As written, try_to_unmap_one() flushes each page at once (a try_to_unmap() caller
 * without TTU_BATCH_FLUSH); the patches in arm64-batch/ batch it (set_tlb_ubc_flush_pending(),
 * try_to_unmap_flush()), change the racing caller or its flush_tlb_batched_pending(). The
 * kernel code is the prelude's (Linux 7.1.5): mm/vmscan.c, mm/rmap.c, mm/mprotect.c,
 * mm/userfaultfd.c, mm/memory.c, each architecture's tlbflush.h and __switch_to().
 */

#define RECLAIM_TTU_FLAGS	0	/* try_to_unmap(folio, flags): no TTU_BATCH_FLUSH */

struct mm_struct mm;				/* one process: every task is one of its threads, or reclaims it */
struct vm_area_struct vma = { .vm_mm = &mm };	/* the anonymous mapping of P */
struct page P = PAGE_FILLED;			/* the anonymous page, already written */
struct page P_rdonly = PAGE_FILLED;		/* P mapped read-only: pte_modify(pte, PAGE_READONLY) */
struct page zero_page = PAGE_FILLED;		/* ZERO_PAGE(0): what a read fault on a none PTE maps */
struct swap_slot {
	bool used;
};
struct swap_slot P_swap;			/* P's swap slot: its PTE is swp_entry_to_pte() of it, no page */
pte_t pte = &P;					/* P's PTE */
spinlock_t ptl;					/* its page-table lock */
struct mmu_gather tlb;				/* CPU1's on-stack mmu_gather */
DEFINE_GHOST(bool, prot_returned);		/* mprotect() (or UFFDIO_WRITEPROTECT) has returned */

/* ---- the tasks ---- */

/* kswapd or direct reclaim: shrink_folio_list() of P */
static void reclaim(void)
{
	shrink_folio_list(&vma, &ptl, &pte, &P_swap, &P, RECLAIM_TTU_FLAGS);
}

/* a thread of the mm: mprotect(P, PROT_READ) */
static void protect(void)
{
	do_mprotect_pkey(&tlb, &vma, &ptl, &pte, &P_rdonly);
	WRITE_ONCE(prot_returned, true);
}

/*
 * A user store to P: through the TLB's translation, or a walk that fills it from a PTE that
 * maps P (the hardware's; a read-only PTE makes a store fault instead: do_wp_page(), not
 * modelled, as the write-protection is what the store must see). Through a translation of a
 * freed P: the hardware's no-stale-tlb-after-sync. Through P's writable translation after the
 * write-protect returned: the same property, stated here (the hardware does not know when a
 * syscall returns).
 */
static void user_store(void)
{
	__hazard(no_stale_tlb_after_sync, READ_ONCE(prot_returned) && __tlb_cached(&pte) == &P);
	__user_access(&pte);
}

/*
 * A user load of P with no translation in the TLB: the walk finds the PTE none and the load
 * faults (lock_mm_and_find_vma(): mmap_read_lock(); the per-VMA lock is refused as mprotect()
 * write-locks the VMA, and succeeds beside UFFDIO_WRITEPROTECT, as mmap_read_lock() does). A PTE
 * that maps a page fills the TLB (the hardware's walk); a swap entry goes to do_swap_page(),
 * which reads P's data back (left out). A fault that maps the zero page over P's data makes
 * the load return zeros.
 */
static void user_load(void)
{
	if (__tlb_cached(&pte) != NULL)
		return;
	if (!pte_none(READ_ONCE(pte)))
		return;
	mmap_read_lock(&mm);
	do_anonymous_page(&mm, &ptl, &pte, &zero_page);
	mmap_read_unlock(&mm);
	__hazard(no_read_of_lost_data, READ_ONCE(pte) == &zero_page);
}

/* a thread of the mm, for ever: it runs with its mm loaded (kernel/sched/core.c), stores, loads */
static void user_thread(void)
{
	preempt_disable();		/* __schedule() switches with preemption off */
	context_switch_to_task(&mm);	/* loads mm the first time; then nothing changes */
	preempt_enable();
	user_store();
	user_load();
}

/* ---- race windows: a holds is inconclusive unless each is reached ---- */

/* a CPU still holds P's writable translation after P's PTE stopped giving it */
static bool stale_translation(int cpu)
{
	return __tlb_cached(&pte) == &P && READ_ONCE(pte) != &P;
}

/* the reclaim task runs on another CPU than the one it started its batch on, batch pending */
static bool reclaim_migrated_mid_batch(int cpu)
{
	if (!(RECLAIM_TTU_FLAGS & TTU_BATCH_FLUSH))
		return true;		/* nothing is batched */
	if (cpu == 0 || !READ_ONCE(current_tlb_ubc.flush_required))
		return false;
	return __at(cpu, __tlbi_sync_s1ish_batch) || __at(cpu, x86_arch_tlbbatch_flush);
}

/* P's PTE is none under the PTL while a CPU holds no translation of P: its load faults and must wait */
static bool read_fault_waits_for_ptl(int cpu)
{
	return READ_ONCE(pte) == NULL && spin_is_locked(&ptl) && __tlb_cached(&pte) == NULL && __mm_loaded(cpu);
}

TASK("reclaim", CPU(0), ONCE, reclaim);
TASK("mprotect", CPU(1), ONCE, PINNED, protect);
TASK("user", CPU(2), LOOP, PINNED, user_thread);
MODEL_CPUS(3, 3);
/* x86-kvm-pv is left out of the list: it gives x86-native's verdict on every patch (checked), at 20-40 times the states (1-3 million), too many for every run of the matrix */
MODEL_ARCHES("arm64", "x86-native", "x86-pcid", "x86-hyperv", "x86-xen", "x86-invlpgb");
MODEL_SUMMARY("batched TLB flush of reclaim: TLBI at add_pending, one DSB at the batch flush, and a racing mprotect()");
MODEL_EXPECT("holds");
MODEL_EXPECT_SOURCE("docs/verdicts.md: unhook, invalidate, free (0d6e24d430ef)");
WITNESS(no_stale_tlb_after_sync, stale_translation, "a CPU holds P's writable translation after its PTE stopped giving it");
WITNESS(no_stale_tlb_after_sync, reclaim_migrated_mid_batch, "the reclaim task migrated while its batch was pending");
WITNESS(no_read_of_lost_data, read_fault_waits_for_ptl, "P's PTE is none under the PTL while a CPU with no translation of P runs the mm");
MODEL_MIRRORS("arm64-batch");	/* the TypeScript scenario it re-expresses (test/cmodel-arm64-batch.test.ts) */
