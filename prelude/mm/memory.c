/*
 * prelude/mm/memory.c - unmapping page tables and the page fault's walk (mm/memory.c,
 * Linux 7.1), for the models' one region: a pmd entry pointing to one PTE table.
 */

/* mm/memory.c: free_pgtables() -> ... -> free_pte_range() (of a VMA already write-locked and detached) */
static void free_pte_range(struct mmu_gather *tlb, pmd_t *pmd)
{
	pmd_t token;

	__atomic_block("free_pte_range: pmd_pgtable(*pmd), pmd_clear(): the pmd is read and cleared by the only CPU that writes it (mmap_lock held for write)") {
		token = READ_ONCE(*pmd);
		WRITE_ONCE(*pmd, NULL);
	}
	pte_free_tlb(tlb, token);
}

/*
 * mm/memory.c: zap_pte_range() -> zap_empty_pte_table() (with CONFIG_PT_RECLAIM)
 * When the PTE table it zapped is empty (madvise(MADV_DONTNEED) under mmap_read_lock(), which
 * does not hold off faults): zap_empty_pte_table() clears the pmd under the pmd lock and the
 * PTL, then pte_free_tlb().
 */
static void zap_pte_range_reclaim(struct mmu_gather *tlb, pmd_t *pmd)
{
	pmd_t pmdval;

	__atomic_block("zap_empty_pte_table: pmdp_get(), pmd_clear() under the pmd lock and the PTL; no other CPU writes the pmd") {
		pmdval = READ_ONCE(*pmd);
		WRITE_ONCE(*pmd, NULL);
	}
	pte_free_tlb(tlb, pmdval);
}

/*
 * mm/memory.c: handle_mm_fault() -> ... -> handle_pte_fault()
 * On the region, as far as it touches the PTE table, under the per-VMA lock
 * (lock_vma_under_rcu(); if it fails the fault retries under mmap_read_lock(), which waits for
 * the writer: left out). handle_pte_fault() -> pte_offset_map_rw_nolock() ->
 * __pte_offset_map(): rcu_read_lock(), pmdval = pmdp_get_lockless(); ptep_get_lockless() and
 * spin_lock() of the PTL, which lives in the table's ptdesc; pte_unmap_unlock() ->
 * rcu_read_unlock(). "even when page table is racily removed, it remains a valid though empty
 * and disconnected table" until rcu_read_unlock() (mm/pgtable-generic.c).
 */
static void handle_mm_fault(struct vm_area_struct *vma, pmd_t *pmdp)
{
	pmd_t pmdval = NULL;

	__atomic_block("lock_vma_under_rcu, rcu_read_lock, pmdp_get_lockless: the VMA reference only holds off writers and rcu_read_lock() only this CPU's quiescent state, so taking both at the pmd read hides no step of another CPU") {
		if (vma_start_read(vma)) {
			rcu_read_lock();
			pmdval = pmdp_get_lockless(pmdp);
			/* __pte_offset_map(): no table (none, or a huge pmd): nomap */
			if (pmd_none(pmdval) || pmd_leaf(pmdval)) {
				pmdval = NULL;
				rcu_read_unlock();
				vma_end_read(vma);
			}
		}
	}
	if (pmd_none(pmdval))
		return;
	__atomic_block("ptep_get_lockless, spin_lock(ptl), pte_same, pte_unmap_unlock, vma_end_read: the unlocks right after the reads hide no step of another CPU") {
		__pt_read(pmdval);
		rcu_read_unlock();
		vma_end_read(vma);
	}
}

/*
 * mm/memory.c: handle_pte_fault() -> do_pte_missing() -> do_anonymous_page()
 * A read fault on a none PTE of an anonymous VMA maps the zero page (zero: the caller's), under
 * the PTL, unless the PTE changed meanwhile (vmf_pte_changed(): "another thread faulted"). The
 * caller holds mmap_read_lock() or the VMA lock.
 */
static void do_anonymous_page(struct mm_struct *mm, spinlock_t *ptl, pte_t *ptep, pte_t zero)
{
	spin_lock(ptl);				/* pte_offset_map_lock() */
	if (pte_none(ptep_get(ptep)))
		set_pte_at(mm, ptep, zero);
	spin_unlock(ptl);			/* pte_unmap_unlock() */
}

/*
 * mm/memory.c: zap_pte_range() -> ... -> zap_present_folio_ptes()
 * One present PTE of a file page that is not dirty: cleared under the PTL and gathered
 * (tlb_remove_tlb_entries() of one entry); no force_flush, so the flush is tlb_finish_mmu()'s,
 * after the PTL is dropped, and the gather keeps the page referenced until then.
 */
static void zap_pte_range(struct mmu_gather *tlb, spinlock_t *ptl, pte_t *ptep)
{
	spin_lock(ptl);				/* pte_offset_map_lock() */
	if (!pte_none(ptep_get(ptep))) {
		ptep_get_and_clear(tlb->mm, ptep);	/* get_and_clear_full_ptes() */
		tlb_remove_tlb_entry(tlb, ptep);
	}
	spin_unlock(ptl);			/* pte_unmap_unlock() */
}

/*
 * mm/memory.c: unmap_mapping_range_tree() -> tlb_gather_mmu(), zap_vma_range_batched(), tlb_finish_mmu()
 * For each VMA that maps the page, in rmap order (the old address's VMA first, then mremap()'s
 * new one): a gather, the zap of its one entry, the gather's flush.
 */
static void unmap_mapping_range_tree(struct mmu_gather *tlb, struct vm_area_struct *vma, spinlock_t *ptl,
				     pte_t *a, pte_t *b)
{
	tlb_gather_mmu(tlb, vma);
	zap_pte_range(tlb, ptl, a);
	tlb_finish_mmu(tlb);
	tlb_gather_mmu(tlb, vma);
	zap_pte_range(tlb, ptl, b);
	tlb_finish_mmu(tlb);
}
