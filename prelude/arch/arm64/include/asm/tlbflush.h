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

/*
 * arch/arm64/include/asm/tlb.h: tlb_flush() -> __flush_tlb_range()
 * Walk caches too for freed or unshared tables; last-level entries only otherwise.
 */
static void arm64_tlb_flush(struct mmu_gather *tlb)
{
	int flags = (tlb->freed_tables || tlb->unshared_tables) ? TLBF_NONE : TLBF_NOWALKCACHE;

	__flush_tlb_range(tlb->vma, tlb->start, tlb->end, flags);
}
