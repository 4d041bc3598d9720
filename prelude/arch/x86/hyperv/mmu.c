/*
 * prelude/arch/x86/hyperv/mmu.c - the Hyper-V guest's TLB flush hypercall
 * (arch/x86/hyperv/mmu.c, Linux 7.1): HvCallFlushVirtualAddressList of the range's page, or
 * HvCallFlushVirtualAddressSpace for TLB_FLUSH_ALL, on a set of vCPUs, which the hypervisor
 * flushes without the guest's IPIs (hypervisor_flush_tlb_mask()).
 */

DEFINE_PER_CPU(cpumask_t, hv_flush_processor_mask);

/*
 * arch/x86/hyperv/mmu.c: hyperv_flush_tlb_multi()
 * Lazy CPUs are left out unless page tables were freed. (A mask equal to cpu_present_mask
 * flushes every processor, lazy ones too: HV_FLUSH_ALL_PROCESSORS; the flushing CPU of the
 * models is not in mm_cpumask, so that branch is not taken.)
 */
static void hyperv_flush_tlb_multi(cpumask_t *cpus, struct flush_tlb_info *info)
{
	int cpu;
	unsigned long flags;
	bool do_lazy = !info->freed_tables;
	cpumask_t *mask = this_cpu_ptr(&hv_flush_processor_mask);

	__atomic_block("build the processor mask and make the hypercall: IRQs are off, and a CPU that stops being lazy after its bit is read catches up through tlb_gen in switch_mm_irqs_off()") {
		local_irq_save(flags);
		cpumask_clear(mask);
		for_each_cpu(cpu, cpus) {
			if (do_lazy && per_cpu(cpu_tlbstate_shared.is_lazy, cpu))
				continue;
			cpumask_set_cpu(cpu, mask);
		}
		hypervisor_flush_tlb_mask(mask, info->start);
		local_irq_restore(flags);
	}
}
