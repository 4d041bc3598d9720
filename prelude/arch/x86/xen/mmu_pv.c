/*
 * prelude/arch/x86/xen/mmu_pv.c - the Xen PV guest's TLB flush (arch/x86/xen/mmu_pv.c,
 * Linux 7.1): MMUEXT_INVLPG_MULTI of a one-page range, or MMUEXT_TLB_FLUSH_MULTI, on the
 * online CPUs of the mask, lazy ones included, done by the hypervisor without the guest's IPIs.
 */

DEFINE_PER_CPU(cpumask_t, xen_flush_mask);

/* arch/x86/xen/mmu_pv.c: xen_flush_tlb_multi() */
static void xen_flush_tlb_multi(cpumask_t *cpus, struct flush_tlb_info *info)
{
	cpumask_t *mask = this_cpu_ptr(&xen_flush_mask);

	__atomic_block("the multicall is issued as one hypercall") {
		cpumask_and(mask, cpus, cpu_online_mask);
		hypervisor_flush_tlb_mask(mask, info->start);
	}
}
