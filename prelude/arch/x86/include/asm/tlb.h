/* prelude/arch/x86/include/asm/tlb.h - arch/x86/include/asm/tlb.h (Linux 7.1) */

/* arch/x86/include/asm/tlb.h: tlb_flush() (lazy CPUs are woken only when page tables were freed) */
static void x86_tlb_flush(struct mmu_gather *tlb)
{
	flush_tlb_mm_range(tlb->mm, tlb->start, tlb->end, PAGE_SHIFT, tlb->freed_tables);
}

/*
 * INVLPGB and TLBSYNC (AMD broadcast invalidation; X86_FEATURE_INVLPGB). __invlpgb() and
 * __tlbsync() are the instructions (builtins, docs/c-models.md): an INVLPGB is complete once
 * the CPU that issued it has executed TLBSYNC. Addresses are entries, as in tlbflush.h; the
 * model has one PCID, and a CPU that has INVLPGB needs no PTI (X86_FEATURE_PTI is off).
 */
#define INVLPGB_FLAG_VA			1
#define INVLPGB_FLAG_PCID		2
#define INVLPGB_FLAG_ASID		4
#define INVLPGB_FLAG_INCLUDE_GLOBAL	8
#define INVLPGB_FLAG_FINAL_ONLY		16
#define INVLPGB_MODE_ALL_NONGLOBALS	0
#define PTE_STRIDE			0
#define PMD_STRIDE			1

/* arch/x86/include/asm/tlb.h: invlpgb_flush_user_nr_nosync() (of the page addr names, in pcid; not waited for) */
static void invlpgb_flush_user_nr_nosync(unsigned long pcid, pte_t *addr, u16 nr, bool stride)
{
	__invlpgb(0, pcid, addr, nr, stride ? PMD_STRIDE : PTE_STRIDE, INVLPGB_FLAG_PCID | INVLPGB_FLAG_VA);
}

/* arch/x86/include/asm/tlb.h: invlpgb_flush_single_pcid_nosync() (every translation of pcid, not globals; not waited for) */
static void invlpgb_flush_single_pcid_nosync(unsigned long pcid)
{
	__invlpgb(0, pcid, 0, 1, PTE_STRIDE, INVLPGB_FLAG_PCID);
}

/* arch/x86/include/asm/tlb.h: invlpgb_flush_addr_nosync() (of the page addr names, every PCID, globals too; not waited for) */
static void invlpgb_flush_addr_nosync(pte_t *addr, u16 nr)
{
	__invlpgb(0, 0, addr, nr, PTE_STRIDE, INVLPGB_FLAG_INCLUDE_GLOBAL);
}

/*
 * arch/x86/include/asm/tlb.h: invlpgb_flush_all() (everything, globals too, and wait)
 * guard(preempt)(): the TLBSYNC must run on the CPU that issued the INVLPGB.
 */
static void invlpgb_flush_all(void)
{
	preempt_disable();
	__invlpgb(0, 0, 0, 1, PTE_STRIDE, INVLPGB_FLAG_INCLUDE_GLOBAL);
	__tlbsync();
	preempt_enable();
}

/* arch/x86/include/asm/tlb.h: invlpgb_flush_all_nonglobals() (every PCID, not globals, and wait, preemption off) */
static void invlpgb_flush_all_nonglobals(void)
{
	preempt_disable();
	__invlpgb(0, 0, 0, 1, PTE_STRIDE, INVLPGB_MODE_ALL_NONGLOBALS);
	__tlbsync();
	preempt_enable();
}
