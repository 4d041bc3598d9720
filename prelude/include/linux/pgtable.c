/*
 * prelude/include/linux/pgtable.c - page-table entry accessors (include/linux/pgtable.h,
 * arch/x86/include/asm/pgtable.h). A model's entry holds a symbolic pointer to what it maps (a
 * page, or a page table for a pmd/pud), or NULL for none; present entries are those that map
 * something (swap entries and protection bits are not modelled).
 */

/* include/linux/pgtable.h: ptep_get() */
static pte_t ptep_get(pte_t *ptep)
{
	return READ_ONCE(*ptep);
}

/* arch/x86/include/asm/pgtable.h: pte_none() */
static bool pte_none(pte_t pte)
{
	return pte == NULL;
}

/*
 * arch/x86/include/asm/pgtable.h: pte_present()
 * An entry that maps a page: not none, and not a swap entry, which a model writes as a pointer
 * to an object that is no struct page.
 */
static bool pte_present(pte_t pte)
{
	return __maps_page(pte);
}

/* arch/x86/include/asm/pgtable.h: ptep_get_and_clear() (xchg) */
static pte_t ptep_get_and_clear(struct mm_struct *mm, pte_t *ptep)
{
	return xchg(ptep, NULL);
}

/*
 * include/linux/pgtable.h: ptep_modify_prot_start() -> __ptep_modify_prot_start() -> ptep_get_and_clear()
 * "zero it out to make it non-present": the PTE is none until the commit, under the PTL.
 */
static pte_t ptep_modify_prot_start(struct vm_area_struct *vma, pte_t *ptep)
{
	return ptep_get_and_clear(vma->vm_mm, ptep);
}

/* include/linux/pgtable.h: ptep_modify_prot_commit() -> __ptep_modify_prot_commit() -> set_pte_at() */
static void ptep_modify_prot_commit(struct vm_area_struct *vma, pte_t *ptep, pte_t old_pte, pte_t pte)
{
	set_pte_at(vma->vm_mm, ptep, pte);
}

/* include/linux/pgtable.h: set_pte_at() -> set_ptes() */
static void set_pte_at(struct mm_struct *mm, pte_t *ptep, pte_t pte)
{
	WRITE_ONCE(*ptep, pte);
}
