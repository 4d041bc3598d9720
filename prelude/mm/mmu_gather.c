/*
 * prelude/mm/mmu_gather.c - freeing page tables behind lockless walkers (mm/mmu_gather.c,
 * Linux 7.1, CONFIG_MMU_GATHER_RCU_TABLE_FREE). GUP-fast walks with IRQs off; an IPI that every
 * CPU has taken, or an RCU grace period (an IRQs-off region is a read-side section), waits for
 * every walk that could still hold a table. The batch holds one table here (MAX_TABLE_BATCH
 * tables in the kernel), and a call_rcu() callback runs on the calling CPU after
 * synchronize_rcu() (prelude/kernel/rcu: nothing else runs on that CPU meanwhile).
 */

/* mm/mmu_gather.c: tlb_remove_table_smp_sync() ("Simply deliver the interrupt") */
static void tlb_remove_table_smp_sync(void *arg)
{
}

/* mm/mmu_gather.c: tlb_remove_table_sync_one() (sufficient for walkers that rely on IRQ disabling) */
static void tlb_remove_table_sync_one(void)
{
	smp_call_function(tlb_remove_table_smp_sync, NULL, 1);
}

/* mm/mmu_gather.c: tlb_remove_table_sync_rcu() (the same guarantee through an RCU grace period) */
static void tlb_remove_table_sync_rcu(void)
{
	synchronize_rcu();
}

/* include/asm-generic/tlb.h: __tlb_remove_table() (free the page-table page) */
static void __tlb_remove_table(pte_table_t *table)
{
	__pt_free(table);
}

/* mm/mmu_gather.c: tlb_remove_table_rcu() -> __tlb_remove_table_free() (the RCU callback frees the batch) */
static void tlb_remove_table_rcu(pte_table_t *table)
{
	__tlb_remove_table(table);
}

/* mm/mmu_gather.c: tlb_remove_table_free() (call_rcu(&batch->rcu, tlb_remove_table_rcu)) */
static void tlb_remove_table_free(pte_table_t *table)
{
	synchronize_rcu();
	tlb_remove_table_rcu(table);
}

/*
 * mm/mmu_gather.c: tlb_table_invalidate()
 * "Invalidate page-table caches used by hardware walkers. Then we still need to RCU-sched wait
 * while freeing the pages because software walkers can still be in-flight."
 * (tlb_needs_table_invalidate() is true on the architectures modelled: powerpc's is
 * radix_enabled().)
 */
static void tlb_table_invalidate(struct mmu_gather *tlb)
{
	tlb_flush_mmu_tlbonly(tlb);
}

/*
 * mm/mmu_gather.c: __tlb_remove_table_one()
 * With CONFIG_PT_RECLAIM, call_rcu(&ptdesc->pt_rcu_head, __tlb_remove_table_one_rcu); without
 * it, tlb_remove_table_sync_rcu() then the free.
 */
static void __tlb_remove_table_one(pte_table_t *table)
{
	if (IS_ENABLED(CONFIG_PT_RECLAIM))
		synchronize_rcu();
	else
		tlb_remove_table_sync_rcu();
	__tlb_remove_table(table);
}

/* mm/mmu_gather.c: tlb_remove_table_one() (the fallback when no batch page could be allocated) */
static void tlb_remove_table_one(pte_table_t *table)
{
	__tlb_remove_table_one(table);
}

/* mm/mmu_gather.c: tlb_table_flush() */
static void tlb_table_flush(struct mmu_gather *tlb)
{
	pte_table_t *table = tlb->batch;

	if (table) {
		tlb_table_invalidate(tlb);
		tlb_remove_table_free(table);
		tlb->batch = NULL;
	}
}

/* mm/mmu_gather.c: tlb_remove_table() */
static void tlb_remove_table(struct mmu_gather *tlb, pte_table_t *table)
{
	if (tlb->batch == NULL && gfp_nowait_fails) {
		/* __get_free_page(GFP_NOWAIT) failed */
		tlb_table_invalidate(tlb);
		tlb_remove_table_one(table);
		return;
	}
	tlb->batch = table;
}

/* mm/mmu_gather.c: tlb_flush_mmu() -> tlb_flush_mmu_tlbonly(), tlb_flush_mmu_free() -> tlb_table_flush() */
static void tlb_flush_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu_tlbonly(tlb);
	tlb_table_flush(tlb);
}

/* mm/mmu_gather.c: tlb_finish_mmu() */
static void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu(tlb);
}
