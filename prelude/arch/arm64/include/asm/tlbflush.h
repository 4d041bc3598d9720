/*
 * prelude/arch/arm64/include/asm/tlbflush.h - arm64 TLB maintenance
 * (arch/arm64/include/asm/tlbflush.h, Linux 7.1): TLBI ...IS is broadcast to every CPU in the
 * inner-shareable domain by the hardware, and the issuing CPU's DSB ISH waits for it to
 * complete everywhere: no IPI, nothing a remote CPU has to run.
 *
 * A range is one page, start == end == its entry, or the model's whole region, NULL (see
 * prelude/arch/x86/include/asm/tlbflush.h). The stride and the TTL level hint are left out: a
 * page is one TLBI either way, and the hint only lets the hardware skip walk-cache levels that
 * hold no such entry.
 */

#define TLBF_NONE		0
#define TLBF_NOWALKCACHE	1	/* TLBI VALE1IS: leave the walk caches intact */
#define TLBF_NOSYNC		2	/* "don't issue trailing dsb" */

/*
 * arch/arm64/include/asm/tlbflush.h: __flush_tlb_range() -> __do_flush_tlb_range()
 * dsb(ishst) orders the page-table stores before the TLBIs (the models run under sc); then a
 * TLBI by VA for the page (VAE1IS, or VALE1IS with TLBF_NOWALKCACHE), broadcast, and
 * __tlbi_sync_s1ish(): the issuer's DSB ISH, after which it is complete on every CPU. Nothing
 * the issuer does lies between the TLBI and the DSB, so the pair is one step here. The whole
 * region is flush_tlb_mm() (a range over MAX_DVM_OPS pages is flushed so too).
 */
static void __flush_tlb_range(struct vm_area_struct *vma, pte_t *start, pte_t *end, int flags)
{
	/* TLBF_NOSYNC: the TLBI is issued and left to complete; whoever relies on it executes the DSB */
	if (flags & TLBF_NOSYNC) {
		if (flags & TLBF_NOWALKCACHE)
			__tlbi(vale1is, start);
		else
			__tlbi(vae1is, start);
		return;
	}
	if (flags & TLBF_NOWALKCACHE)
		flush_tlb_broadcast_last_level(start);
	else
		flush_tlb_broadcast(start);
}

/* arch/arm64/include/asm/tlbflush.h: flush_tlb_range() ("We cannot use leaf-only invalidation here") */
static void arm64_flush_tlb_range(struct vm_area_struct *vma, pte_t *start, pte_t *end)
{
	__flush_tlb_range(vma, start, end, TLBF_NONE);
}

/* arch/arm64/include/asm/tlbflush.h: flush_tlb_page() -> __flush_tlb_page() (TLBF_NOWALKCACHE: VALE1IS, then the DSB) */
static void arm64_flush_tlb_page(struct vm_area_struct *vma, pte_t *addr)
{
	__flush_tlb_range(vma, addr, addr, TLBF_NOWALKCACHE);
}

/*
 * arch/arm64/include/asm/tlb.h: tlb_flush() -> __flush_tlb_range()
 * Walk caches too for freed or unshared tables; last-level entries only otherwise.
 */
static void arm64_tlb_flush(struct mmu_gather *tlb)
{
	int flags = (tlb->freed_tables || tlb->unshared_tables) ? TLBF_NONE : TLBF_NOWALKCACHE;

	__flush_tlb_range(tlb->vma, tlb->start, tlb->end, flags);
}

/*
 * arch/arm64/include/asm/tlbflush.h: flush_tlb_mm() -> __tlbi(), __tlbi_sync_s1ish()
 * TLBI ASIDE1IS and the issuer's DSB: every translation of the mm, complete everywhere when it
 * returns (the DSB also completes the issuer's earlier TLBIs).
 */
static void arm64_flush_tlb_mm(struct mm_struct *mm)
{
	flush_tlb_broadcast(NULL);
}

/* arch/arm64/include/asm/tlbflush.h: arch_tlbbatch_should_defer() */
static bool arm64_arch_tlbbatch_should_defer(struct mm_struct *mm)
{
	return true;
}

/*
 * arch/arm64/include/asm/tlbflush.h: arch_tlbbatch_add_pending() -> __flush_tlb_range()
 * "we only send the TLBI for each page in arch_tlbbatch_add_pending() and wait for the
 * completion at the end in arch_tlbbatch_flush()": TLBF_NOWALKCACHE | TLBF_NOSYNC.
 */
static void arm64_arch_tlbbatch_add_pending(struct arch_tlbflush_unmap_batch *batch, struct mm_struct *mm, pte_t *ptep)
{
	__flush_tlb_range(NULL, ptep, ptep, TLBF_NOWALKCACHE | TLBF_NOSYNC);
}

/* arch/arm64/include/asm/tlbflush.h: __tlbi_sync_s1ish_batch() -> dsb() (ish; __repeat_tlbi_sync(): no erratum modelled) */
static void __tlbi_sync_s1ish_batch(void)
{
	dsb(ish);
}

/*
 * arch/arm64/include/asm/tlbflush.h: arch_tlbbatch_flush() -> __tlbi_sync_s1ish_batch()
 * One DSB on the CPU the task runs on now: it completes the TLBIs that CPU issued, and the
 * TLBIs issued on a CPU the task left were completed by that CPU's __switch_to().
 */
static void arm64_arch_tlbbatch_flush(struct arch_tlbflush_unmap_batch *batch)
{
	__tlbi_sync_s1ish_batch();
}
