/*
 * prelude/arch/x86/include/asm/kvm_para.h - the KVM guest's steal-time area
 * (arch/x86/include/uapi/asm/kvm_para.h, and its per-CPU instance in arch/x86/kernel/kvm.c,
 * Linux 7.1). The host writes `preempted` when it deschedules the vCPU (the hypervisor part of
 * the tool does: src/cmodel/hardware/hypervisor.ts).
 */

#define KVM_VCPU_PREEMPTED	0x01
#define KVM_VCPU_FLUSH_TLB	0x02

/* struct kvm_steal_time (the field used) */
struct kvm_steal_time {
	__range(0, 3) u8 preempted;
};

/* arch/x86/kernel/kvm.c: steal_time */
DEFINE_PER_CPU(struct kvm_steal_time, steal_time);
