/**
 * A hypervisor that preempts vCPUs (the configurations with `vcpuPreemption`: KVM, Hyper-V,
 * Xen). At any instruction, IRQs on or off, a running vCPU may be preempted: it runs nothing
 * (no step, no interrupt, no speculative walk) until it is resumed. Under KVM with PV TLB
 * flush (`pvFlushSkipsPreempted`) the host marks the guest's per-CPU `steal_time.preempted`
 * (the prelude declares `DEFINE_PER_CPU(struct kvm_steal_time, steal_time)`, as
 * arch/x86/kernel/kvm.c does), and on resume, if the guest set KVM_VCPU_FLUSH_TLB there, it
 * flushes the vCPU's TLB before VM-entry (arch/x86/kvm/x86.c record_steal_time()).
 *
 * Beyond steal_time, a preempted vCPU only runs nothing for a while, which every interleaving
 * already allows (a CPU may take no step, nor an interrupt, nor a speculative walk, for as
 * long as the others like): so a vCPU is preempted only where code of another CPU reads its
 * steal_time. Under Hyper-V and Xen no model code does (the hypercall flush needs nothing
 * from the targets), nor under KVM for a CPU no other CPU flushes.
 */
import type { State, Step } from '../../core/model.js';
import { BOOL } from '../types.js';
import type { HardwarePart, HwRuntime } from './hardware.js';

export const KVM_VCPU_PREEMPTED = 1;
export const KVM_VCPU_FLUSH_TLB = 2;

function stealTimeByte(rt: HwRuntime): ((cpu: number) => number) | null {
  const o = rt.sym.objectByName.get('steal_time');
  if (o === undefined || !o.perCpu || o.type.kind !== 'struct') return null;
  const slot = o.type.fields.findIndex((f) => f.name === 'preempted');
  if (slot < 0) return null;
  return (cpu) => rt.objectByte(o.id, slot, cpu);
}

export const hypervisorPart: HardwarePart = {
  name: 'hypervisor',
  present: (cx) => cx.arch.vcpuPreemption,
  allocate: (_cx, fa) => {
    fa.addCpu('vcpu_preempted', BOOL, 'the hypervisor preempted this vCPU');
  },
  ops: () => ({}),
  events: (rt, role) => (preemptionObservable(rt, role) ? hypervisorEvents(rt) : []),
  init: () => {},
  touches: (cx) => {
    const o = cx.sym.objectByName.get('steal_time');
    return new Set(o === undefined ? [] : [o.id]);
  },
  runnable: (rt) => {
    const f = rt.c('vcpu_preempted');
    return (s: State, cpu: number) => s[rt.base(cpu) + f] === 0;
  },
};

/** Does code of some CPU other than a CPU of `role` read or write steal_time (this file's header)? */
function preemptionObservable(rt: HwRuntime, role: number): boolean {
  const o = rt.sym.objectByName.get('steal_time');
  if (o === undefined || !rt.arch.pvFlushSkipsPreempted) return false;
  const cpusOf = (r: number): number => rt.cpuRoles.filter((x) => x === r).length;
  return rt.roleObjects.some((objs, r) => objs.has(o.id) && (r !== role || cpusOf(r) > 1));
}

function hypervisorEvents(rt: HwRuntime): Step[] {
  const f = rt.c('vcpu_preempted');
  const pv = rt.arch.pvFlushSkipsPreempted;
  const steal = pv ? stealTimeByte(rt) : null;
  const flush = rt.flushCpu;
  return [
    {
      name: 'vcpu_preempted',
      source: pv ? 'arch/x86/kvm/x86.c: kvm_arch_vcpu_put() -> kvm_steal_time_set_preempted()' : 'hypervisor: the vCPU is descheduled',
      text: () => '(vCPU preempted by host)',
      ignoresRunnable: true,
      // A running vCPU: not preempted and, with HOTPLUG, online. An offline CPU idles in HLT,
      // and KVM flags only a vCPU descheduled while runnable (virt/kvm/kvm_main.c:
      // kvm_sched_out() sets vcpu->preempted only if task_is_runnable()).
      enabled: (s, cpu) => rt.running(s, cpu),
      run: (s, cpu) => {
        s[rt.base(cpu) + f] = 1;
        if (steal !== null) s[steal(cpu)] = KVM_VCPU_PREEMPTED;
      },
    },
    {
      name: 'vcpu_resumed',
      source: pv ? 'arch/x86/kvm/x86.c: record_steal_time() -> kvm_vcpu_flush_tlb_guest() if KVM_VCPU_FLUSH_TLB, then VM-entry' : 'hypervisor: VM-entry',
      text: (s, cpu) => (steal !== null && (s[steal(cpu)]! & KVM_VCPU_FLUSH_TLB) !== 0 ? '(VM-entry: host flushed TLB)' : '(VM-entry)'),
      ignoresRunnable: true,
      enabled: (s, cpu) => s[rt.base(cpu) + f] === 1,
      run: (s, cpu) => {
        if (steal !== null) {
          if ((s[steal(cpu)]! & KVM_VCPU_FLUSH_TLB) !== 0) flush(s, cpu);
          s[steal(cpu)] = 0;
        }
        s[rt.base(cpu) + f] = 0;
      },
    },
  ];
}
