/**
 * CPUs and the mm: context switches into and out of lazy-TLB mode, and vCPU preemption by the
 * hypervisor. Events of every non-freeing CPU.
 *
 * Kernel: kernel/sched/core.c context_switch() -> enter_lazy_tlb() / switch_mm_irqs_off()
 * (arch/x86/mm/tlb.c); a lazy CPU keeps the mm's page tables loaded (and its
 * paging-structure caches) until a flush that wakes lazy CPUs makes flush_tlb_func() switch
 * it to init_mm, or it switches back, where a stale tlb_gen forces a local flush
 * (switch_mm_irqs_off(): `ns.need_flush = true`). A switch to another mm leaves this mm's
 * ASID-tagged entries unused; choose_new_asid() flushes them before the mm runs again if its
 * tlb_gen moved, so the model drops them at the switch.
 */
import type { State, Step } from '../core/model.js';
import { Mode, Slot, type UserMmLayout } from './user-mm.js';

export function contextSwitchEvents(L: UserMmLayout): Step[] {
  const f = (_s: State, cpu: number, field: keyof UserMmLayout['c']) => L.base(cpu) + L.c[field];
  return [
    {
      name: 'enter_lazy_tlb',
      source: 'kernel/sched/core.c: context_switch() -> enter_lazy_tlb()',
      text: 'enter_lazy_tlb(): kthread, mm loaded',
      // Only between two walks: a CPU inside GUP-fast has IRQs off and cannot schedule, and
      // a page fault runs its pte_offset_map() section to the end (./rcu-walker.ts).
      enabled: (s, cpu) => s[f(s, cpu, 'mode')] === Mode.user && s[f(s, cpu, 'pc')] === 0 && s[f(s, cpu, 'irqs')] === 0 && s[f(s, cpu, 'rcuWalk')] === 0,
      run: (s, cpu) => {
        s[f(s, cpu, 'mode')] = Mode.lazy;
      },
    },
    {
      name: 'switch_mm_irqs_off',
      source: 'arch/x86/mm/tlb.c: switch_mm_irqs_off()',
      text: (s, cpu) =>
        s[f(s, cpu, 'mode')] === Mode.lazy && s[f(s, cpu, 'stale')] === 1
          ? 'switch_mm(): tlb_gen stale, flush'
          : 'switch_mm(): back to the mm',
      enabled: (s, cpu) => s[f(s, cpu, 'mode')] === Mode.lazy || s[f(s, cpu, 'mode')] === Mode.other,
      run: (s, cpu) => {
        const b = L.base(cpu);
        if (s[b + L.c.mode] === Mode.other || s[b + L.c.stale] === 1) {
          // Fresh CR3 load or tlb_gen catch-up: only entries for the current slot survive.
          s[b + L.c.psc] = s[L.g.slot] === Slot.table ? 1 : 0;
          s[b + L.c.stale] = 0;
        }
        s[b + L.c.mode] = Mode.user;
      },
    },
  ];
}

/** Hypervisor preemption of a vCPU, at any instruction, IRQs on or off. */
export function vcpuPreemptionEvents(L: UserMmLayout): Step[] {
  return [
    {
      name: 'vcpu_preempted',
      source: 'arch/x86/kvm/x86.c: kvm_arch_vcpu_put() -> kvm_steal_time_set_preempted() (the host deschedules the vCPU at any guest instruction, IRQs on or off)',
      text: '(vCPU preempted by host)',
      ignoresRunnable: true,
      enabled: (s, cpu) => s[L.base(cpu) + L.c.preempted] === 0,
      run: (s, cpu) => {
        s[L.base(cpu) + L.c.preempted] = 1;
      },
    },
    {
      name: 'vcpu_resumed',
      source: 'arch/x86/kvm/x86.c: record_steal_time() -> kvm_vcpu_flush_tlb_guest() (KVM_VCPU_FLUSH_TLB was set; then VM-entry)',
      text: (s, cpu) => (s[L.base(cpu) + L.c.pvFlush] === 1 ? '(VM-entry: host flushed TLB)' : '(VM-entry)'),
      ignoresRunnable: true,
      enabled: (s, cpu) => s[L.base(cpu) + L.c.preempted] === 1,
      run: (s, cpu) => {
        const b = L.base(cpu);
        if (s[b + L.c.pvFlush] === 1) {
          s[b + L.c.psc] = 0;
          s[b + L.c.pvFlush] = 0;
        }
        s[b + L.c.preempted] = 0;
      },
    },
  ];
}

export function notPreempted(L: UserMmLayout) {
  return (s: State, cpu: number): boolean => s[L.base(cpu) + L.c.preempted] === 0;
}
