/*
 * prelude/arch/x86/kernel/kvm.c - the KVM guest's paravirtual TLB flush (arch/x86/kernel/kvm.c,
 * Linux 7.1). The host writes steal_time.preempted when it deschedules the vCPU, and flushes
 * the vCPU's TLB before VM-entry if the guest set KVM_VCPU_FLUSH_TLB there (the hypervisor part
 * of the tool does both).
 */

DEFINE_PER_CPU(cpumask_t, __pv_cpu_mask);

/*
 * arch/x86/kernel/kvm.c: kvm_flush_tlb_multi()
 * A preempted vCPU gets KVM_VCPU_FLUSH_TLB instead of an IPI. The loop runs with preemption
 * off; the host may preempt or resume a vCPU between two of its reads, which ends as if it had
 * done so before or after the read (the try_cmpxchg() fails on a change and the vCPU keeps its
 * IPI).
 */
static void kvm_flush_tlb_multi(cpumask_t *cpumask, struct flush_tlb_info *info)
{
	int cpu;
	u8 state;
	cpumask_t *flushmask = this_cpu_ptr(&__pv_cpu_mask);

	__atomic_block("mark preempted vCPUs: each read-and-cmpxchg is atomic, and a vCPU preempted or resumed between two of them ends as if before or after the loop") {
		cpumask_copy(flushmask, cpumask);
		for_each_cpu(cpu, flushmask) {
			state = READ_ONCE(per_cpu(steal_time, cpu).preempted);
			if (state & KVM_VCPU_PREEMPTED) {
				if (try_cmpxchg(&per_cpu(steal_time, cpu).preempted, &state, state | KVM_VCPU_FLUSH_TLB))
					cpumask_clear_cpu(cpu, flushmask);
			}
		}
	}
	native_flush_tlb_multi(flushmask, info);
}
