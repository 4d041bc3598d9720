/*
 * prelude/mm/gup.c - the lockless page-table walker (mm/gup.c, Linux 7.1): "With interrupts
 * disabled, we block page table pages from being freed from under us." The walk of the models'
 * one region: read the entry that points to the table, then read the table.
 */

/* mm/gup.c: gup_fast_pte_range() -> ptep_get_lockless() (of the PTE table the pmd points to) */
static void gup_fast_pte_range(pmd_t pmd)
{
	__pt_read(pmd);
}

/*
 * mm/gup.c: gup_fast_pmd_range() -> pmdp_get_lockless()
 * Then a leaf (huge page: pinned) or the PTE table.
 */
static void gup_fast_pmd_range(pmd_t *pmdp)
{
	pmd_t pmd = pmdp_get_lockless(pmdp);

	if (pmd_none(pmd))
		return;
	if (pmd_leaf(pmd))
		return;
	gup_fast_pte_range(pmd);
}

/* mm/gup.c: gup_fast() (the walk runs with IRQs off) */
static void gup_fast(pmd_t *pmdp)
{
	unsigned long flags;

	local_irq_save(flags);
	gup_fast_pmd_range(pmdp);
	local_irq_restore(flags);
}
