/*
 * mmu-gather.c: may tlb_remove_table_sync_one() be skipped when the TLB flush before it already
 * sent IPIs (Lance Yang, "skip redundant sync IPIs", 2025-26)? CPU0 unlinks page table T and
 * frees or reuses it by one of the kernel's paths; the other CPUs run tasks of the mm. The kernel
 * code is the prelude's (Linux 7.1.5) plus one hunk of Lance Yang's v8 2/2 below.
 */

struct mm_struct mm;
struct vm_area_struct vma = { .vm_mm = &mm };
pte_table_t T;					/* the PTE table (for hugetlb: the shared PMD table) */
struct ptdesc T_ptdesc = { .pt_share_count = 1 };	/* hugetlb: one other mm shares T */
struct page H;					/* khugepaged's huge page */
pmd_t pmd = &T;					/* the entry of mm that points to T (hugetlb: a pud) */
struct mmu_gather tlb;				/* CPU0's on-stack mmu_gather */

/* Lance Yang v8 2/2, arch/x86/include/asm/tlb.h: unshared tables wake lazy CPUs too */
static void x86_tlb_flush(struct mmu_gather *tlb)
{
	flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end, PAGE_SHIFT, tlb->freed_tables || tlb->unshared_tables);
}

/* ---- CPU0: one of the paths that unlink T, then free or reuse it ---- */
/* khugepaged: collapse_huge_page() */
static void khugepaged(void)
{
	collapse_huge_page(&vma, &pmd, &H);
}

/* hugetlb: unmap of a range whose PMD table T one other mm shares; its munmap() frees T */
static void hugetlb_unshare(void)
{
	if (!IS_ENABLED(CONFIG_HUGETLB_PMD_PAGE_TABLE_SHARING))
		return;
	unmap_shared_hugepage_range(&tlb, &vma, &pmd, &T, &T_ptdesc);
	__pt_free(&T);
}

/* munmap(): vms_gather_munmap_vmas() write-locks and detaches the VMA; free_pgtables() */
static void munmap_free_pgtables(void)
{
	tlb_gather_mmu(&tlb, &vma);
	vma_start_write(&vma);
	free_pte_range(&tlb, &pmd);
	tlb_finish_mmu(&tlb);
}

/* munmap() when the table batch page cannot be allocated: tlb_remove_table_one() */
static void munmap_batch_alloc_fails(void)
{
	gfp_nowait_fails = true;
	munmap_free_pgtables();
}

/* the batched RCU free: PT_RECLAIM's madvise(MADV_DONTNEED) of the range, else munmap() */
static void table_free_rcu(void)
{
	if (IS_ENABLED(CONFIG_PT_RECLAIM)) {
		tlb_gather_mmu(&tlb, &vma);
		zap_pte_range_reclaim(&tlb, &pmd);
		tlb_finish_mmu(&tlb);
	} else {
		munmap_free_pgtables();
	}
}

/* ---- CPU1..: tasks of mm ---- */
/* the task was switched to and has touched the region: mm loaded, T cached */
static void start_task(void)
{
	context_switch_to_task(&mm);
	__user_access(&mm);
}

/* the task pins its pages (get_user_pages_fast()) */
static void task_gup(void)
{
	gup_fast(&pmd);
}

/* the task faults on the region */
static void task_fault(void)
{
	handle_mm_fault(&vma, &pmd);
}

/* the task reads or writes the region through the TLB */
static void task_access(void)
{
	__user_access(&mm);
}

/* the CPU runs a kernel thread (lazy TLB), then this task again */
static void task_sleeps(void)
{
	context_switch_to_kthread(&mm);
	context_switch_to_task(&mm);
}

/* ---- race windows: a holds is inconclusive unless each is reached ---- */
/* a GUP-fast walker holds T (about to read it) when T is unlinked */
static bool walker_mid_walk_at_unlink(int cpu)
{
	return __at(cpu, gup_fast_pte_range) && READ_ONCE(pmd) != &T && __pt_state(&T) == PT_LIVE;
}

/* a flush or sync IPI is pending on a CPU that is mid-walk with IRQs off */
static bool ipi_pending_mid_walk(int cpu)
{
	return __at(cpu, gup_fast_pte_range) && __irqs_off(cpu) && __ipi_pending(cpu);
}

/* a CPU running a kernel thread (lazy TLB) still caches T after T was unlinked */
static bool lazy_cpu_caches_unlinked_table(int cpu)
{
	return __at(cpu, context_switch_to_task) && __cached(cpu, &T) && READ_ONCE(pmd) != &T;
}

/* a page fault holds pmdval -> T under rcu_read_lock() when T is unlinked (only PT_RECLAIM frees a table a fault can hold: no window to reach elsewhere) */
static bool rcu_walker_holds_unlinked_table(void)
{
	return !IS_ENABLED(CONFIG_PT_RECLAIM) || (READ_ONCE(vma.vm_refcnt) && READ_ONCE(pmd) != &T && __pt_state(&T) == PT_LIVE);
}

/* khugepaged (the caller with no mmu_gather) has cleared the pmd; a CPU holds the small page's TLB entry */
static bool cpu_holds_small_page_tlb_at_pmd_clear(int cpu)
{
	return READ_ONCE(tlb.mm) == NULL && READ_ONCE(pmd) != &T && __pt_state(&T) == PT_LIVE && __cached(cpu, &T);
}

/* the huge pmd is installed while a CPU runs the task */
static bool huge_pmd_installed_under_user(int cpu)
{
	return READ_ONCE(pmd) == &H && __mm_loaded(cpu) && !__at(cpu, context_switch_to_task);
}

ROLE("freer", CPU(0), ONCE, khugepaged, hugetlb_unshare, munmap_batch_alloc_fails, table_free_rcu);
ROLE("task", CPUS(1, N), LOOP, SYMMETRIC, INIT(start_task), task_gup, task_fault, task_access, task_sleeps);
MODEL_CPUS(2, 4);
MODEL_ARCHES("x86-native", "x86-pcid", "x86-kvm-pv", "x86-hyperv", "x86-xen", "x86-invlpgb", "arm64", "powerpc");
MODEL_SUMMARY("skip tlb_remove_table_sync_one() when the TLB flush already sent IPIs (Lance Yang 2025-26)");
MODEL_EXPECT("holds");
WITNESS(no_walker_reads_freed_table, walker_mid_walk_at_unlink, "a GUP-fast walker holds T when T is unlinked");
WITNESS(no_walker_reads_freed_table, ipi_pending_mid_walk, "a flush or sync IPI is pending on a CPU mid-walk with IRQs off");
WITNESS(no_walker_reads_freed_table, lazy_cpu_caches_unlinked_table, "a lazy-TLB CPU still caches T after T was unlinked");
WITNESS(no_walker_reads_freed_table, rcu_walker_holds_unlinked_table, "a page fault holds T under rcu_read_lock() when T is unlinked");
WITNESS(no_stale_tlb_after_sync, cpu_holds_small_page_tlb_at_pmd_clear, "a CPU holds the small page's TLB entry when khugepaged has cleared the pmd");
WITNESS(no_access_to_huge_page_before_copy, huge_pmd_installed_under_user, "the huge pmd is installed while a CPU runs the task");
MODEL_MIRRORS("mmu-gather");	/* the TypeScript scenario it re-expresses (test/cmodel-mmu-gather.test.ts, BENCHMARKS.md) */
