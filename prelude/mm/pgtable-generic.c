/* prelude/mm/pgtable-generic.c - mm/pgtable-generic.c (Linux 7.1) */

/* pmdp_get_lockless() (include/linux/pgtable.h): one READ_ONCE on 64-bit */
static pmd_t pmdp_get_lockless(pmd_t *pmdp)
{
	return READ_ONCE(*pmdp);
}

/* pmdp_huge_get_and_clear() (x86: native_pmdp_get_and_clear(): xchg) */
static pmd_t pmdp_huge_get_and_clear(pmd_t *pmdp)
{
	return xchg(pmdp, NULL);
}

/* pmdp_collapse_flush(): clear the pmd, then "collapse entails shooting down ptes not pmd" */
static pmd_t pmdp_collapse_flush(struct vm_area_struct *vma, pmd_t *pmdp)
{
	pmd_t pmd = pmdp_huge_get_and_clear(pmdp);

	flush_tlb_range(vma);
	return pmd;
}
