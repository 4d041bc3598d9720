/*
 * switch-mm.c - a CPU switches back to an mm while another CPU unmaps a page of it: may the
 * CPU keep using a translation of the page after it was freed?
 *
 * CPU1 runs a thread of the process, whose TLB caches the page P. The thread blocks; the idle
 * task borrows the mm (lazy TLB) and enters a C-state that loses the TLB, so cpuidle leaves
 * the mm for init_mm (leave_mm()). CPU1 stays in mm_cpumask(mm): since 209954cbc7d0 ("x86/mm/tlb:
 * Update mm_cpumask lazily") only a flush clears the bit. The thread wakes and CPU1 switches
 * back. Meanwhile CPU0 truncates the file: it zaps the PTE, flushes and frees P.
 *
 * With PCID, CPU1's switch to init_mm kept the mm's translations under the mm's ASID, and the
 * switch back reuses them without a flush if the mm's tlb_gen did not move. So either CPU0's
 * flush_tlb_mm_range() must see CPU1 switching (loaded_mm, read by should_flush_tlb()) and send
 * it an IPI, or CPU1 must see the new tlb_gen. switch_mm_irqs_off() stores loaded_mm and then
 * reads tlb_gen; flush_tlb_mm_range() increments tlb_gen and then reads loaded_mm: store
 * buffering, which x86 allows unless a full barrier separates the two. When CPU1 is already
 * in the mask, no atomic cpumask_set_cpu() provides it: 83b0177a ("x86/mm: Fix SMP ordering in
 * switch_mm_irqs_off()", 2025, reported by Stephen Dolan) adds the smp_mb() that the prelude
 * has; switch-mm/no-mb-in-cpumask.diff takes it out again.
 */

struct mm_struct mm;			/* the process */
struct vm_area_struct vma = { .vm_mm = &mm };	/* its mapping of the file */
struct page P = PAGE_FILLED;		/* a page-cache page of the file */
pte_t pte = &P;				/* the one address that maps it */
spinlock_t ptl;				/* the PTE table's lock */
struct mmu_gather tlb;			/* the truncating CPU's on-stack mmu_gather */

/* CPU1 runs a thread of the process, which has read the page */
static void start_thread(void)
{
	context_switch_to_task(&mm);
	__user_access(&pte);
}

/* ftruncate() of the file to zero: unmap_mapping_range() of the one VMA, then the page goes */
static void truncate_thread(void)
{
	tlb_gather_mmu(&tlb, &vma);
	zap_pte_range(&tlb, &ptl, &pte);
	tlb_finish_mmu(&tlb);
	__page_free(&P);			/* truncate_inode_pages(): the last reference goes */
}

/* the thread blocks, CPU1 idles in a deep C-state, and the thread wakes up and reads again */
static void idle_and_back(void)
{
	context_switch_to_kthread(&mm);		/* the idle task: enter_lazy_tlb() */
	local_irq_disable();			/* do_idle(): the idle loop runs with IRQs off */
	leave_mm();				/* cpuidle_enter_state(): CPUIDLE_FLAG_TLB_FLUSHED */
	local_irq_enable();			/* woken up: the C-state is left */
	local_irq_disable();			/* __schedule(): rq_lock() with IRQs off */
	switch_mm_irqs_off(NULL, &mm);		/* context_switch() to the thread */
	local_irq_enable();			/* finish_task_switch() */
	__user_access(&pte);
}

/* the race window: CPU1 has the mm loaded while its TLB still caches the zapped page */
static bool mm_loaded_with_stale_translation(int cpu)
{
	return this_cpu_read(cpu_tlbstate.loaded_mm) == &mm && READ_ONCE(pte) == NULL && __tlb_cached(&pte) != NULL;
}

/* the other window: the PTE is zapped while CPU1 is between LOADED_MM_SWITCHING and the mm */
static bool flush_meets_switching(int cpu)
{
	return per_cpu(cpu_tlbstate.loaded_mm, 1) == &loaded_mm_switching && READ_ONCE(pte) == NULL;
}

ROLE("truncate", CPU(0), ONCE, truncate_thread);
ROLE("idle", CPU(1), ONCE, INIT(start_thread), idle_and_back);
MODEL_ARCHES("x86-pcid", "x86-native");
MODEL_MEMORY("sc", "tso");
MODEL_STORE_BUFFER(8);
MODEL_SUMMARY("switch_mm_irqs_off() against flush_tlb_mm_range(): a CPU still in mm_cpumask switches back to the mm");
MODEL_EXPECT("holds");
MODEL_EXPECT_SOURCE("83b0177a: the smp_mb() when the CPU is already in mm_cpumask orders loaded_mm before tlb_gen");
WITNESS(no_stale_tlb_after_sync, mm_loaded_with_stale_translation, "CPU1 has the mm loaded while its TLB caches the zapped page");
WITNESS(no_stale_tlb_after_sync, flush_meets_switching, "the PTE is zapped while CPU1 switches (loaded_mm is LOADED_MM_SWITCHING)");
