/* prelude/mm/pgtable-generic.c - mm/pgtable-generic.c (Linux 7.1) */

/* include/linux/pgtable.h: pmdp_get_lockless() (one READ_ONCE on 64-bit) */
static pmd_t pmdp_get_lockless(pmd_t *pmdp)
{
	return READ_ONCE(*pmdp);
}

/* arch/x86/include/asm/pgtable.h: pmdp_huge_get_and_clear() -> native_pmdp_get_and_clear() (xchg) */
static pmd_t pmdp_huge_get_and_clear(pmd_t *pmdp)
{
	return xchg(pmdp, NULL);
}

/*
 * mm/pgtable-generic.c: pmdp_collapse_flush()
 * Clears the pmd, then "collapse entails shooting down ptes not pmd".
 */
static pmd_t pmdp_collapse_flush(struct vm_area_struct *vma, pmd_t *pmdp)
{
	pmd_t pmd = pmdp_huge_get_and_clear(pmdp);

	flush_tlb_range(vma, NULL, NULL);	/* address, address + HPAGE_PMD_SIZE: the model's region */
	return pmd;
}
