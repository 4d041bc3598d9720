/*
 * prelude/arch/arm64/include/asm/tlbflush.h - arm64 TLB maintenance
 * (arch/arm64/include/asm/tlbflush.h, Linux 7.1): TLBI ...IS is broadcast to every CPU in the
 * inner-shareable domain by the hardware, and the issuing CPU's DSB ISH waits for it to
 * complete everywhere: no IPI, nothing a remote CPU has to run.
 */

/*
 * arch/arm64/include/asm/tlbflush.h: __flush_tlb_range()
 * With walk-cache invalidation (TLBI VAE1IS: the models' flushes are for freed or unshared
 * tables, never TLBF_NOWALKCACHE), then __tlbi_sync_s1ish() (DSB ISH). The DSB ISHST before the
 * TLBIs orders the page-table stores; the models run under sc.
 */
static void __flush_tlb_range(struct vm_area_struct *vma)
{
	flush_tlb_broadcast();
}

/* arch/arm64/include/asm/tlbflush.h: flush_tlb_range() ("We cannot use leaf-only invalidation here") */
static void arm64_flush_tlb_range(struct vm_area_struct *vma)
{
	__flush_tlb_range(vma);
}

/* arch/arm64/include/asm/tlb.h: tlb_flush() (walk caches too for freed or unshared tables) */
static void arm64_tlb_flush(struct mmu_gather *tlb)
{
	__flush_tlb_range(tlb->vma);
}
