/**
 * User TLB flush after a page-table change, and what it does to other CPUs' TLBs and
 * paging-structure caches, per configuration (src/arch: `flushTransport`).
 *
 * Kernel: arch/x86/mm/tlb.c flush_tlb_mm_range() -> flush_tlb_multi() ->
 * native_flush_tlb_multi() (IPI `flush_tlb_func`, wait) | kvm_flush_tlb_multi()
 * (arch/x86/kernel/kvm.c) | hyperv_flush_tlb_multi() (arch/x86/hyperv/mmu.c) |
 * xen_flush_tlb_multi() (arch/x86/xen/mmu_pv.c) | broadcast_tlb_flush() (INVLPGB) ;
 * arm64 __flush_tlb_range() (TLBI IS + DSB ISH).
 */
import type { ArchConfig } from '../arch/arch.js';
import type { State, Step } from '../core/model.js';
import { Hazard, Mode, Slot, Table, type UserMmLayout } from './user-mm.js';

/**
 * Sends the flush. `wakeLazy` is the `freed_tables` argument (Lance Yang v8+:
 * `freed_tables || unshared_tables`, renamed `wake_lazy_cpus` in v10).
 */
export function flushIssue(L: UserMmLayout, arch: ArchConfig, name: string, source: string, wakeLazy: boolean): Step {
  const how =
    arch.flushTransport === 'ipi'
      ? arch.pvFlushSkipsPreempted
        ? 'IPIs; preempted vCPUs: KVM_VCPU_FLUSH_TLB, no IPI'
        : 'IPIs to mm_cpumask'
      : arch.flushTransport === 'hypercall'
        ? 'hypercall flush, no IPI'
        : 'broadcast invalidate, no IPI';
  const lazy = arch.lazySkippedUnlessWoken ? (wakeLazy ? ' (lazy woken)' : ' (lazy skipped)') : '';
  return {
    name,
    source,
    text: `${name}(): ${how}${lazy}`,
    tags: ['flush'],
    ...(arch.flushTransport === 'ipi' ? { ipi: 'send' as const } : {}),
    run: (s, self) => {
      for (let cpu = 0; cpu < L.cpus; cpu++) {
        if (cpu === self) continue;
        const b = L.base(cpu);
        const mode = s[b + L.c.mode];
        if (mode !== Mode.user && mode !== Mode.lazy) continue; // not using this mm: nothing cached
        if (mode === Mode.lazy && arch.lazySkippedUnlessWoken && !wakeLazy) {
          s[b + L.c.stale] = 1; // should_flush_tlb() false: catches up at its next switch_mm
          continue;
        }
        if (arch.flushTransport === 'ipi') {
          if (arch.pvFlushSkipsPreempted && s[b + L.c.preempted] === 1) {
            s[b + L.c.pvFlush] = 1; // try_cmpxchg(... | KVM_VCPU_FLUSH_TLB), removed from the IPI mask
          } else {
            s[b + L.c.flushIpi] = 1;
          }
        } else {
          // The hypervisor or the hardware invalidates the remote TLB and walk caches directly.
          s[b + L.c.psc] = 0;
          s[b + L.c.stale] = 0;
        }
      }
    },
  };
}

/** The sender waits until every IPI'd CPU ran flush_tlb_func (x86 native / KVM only). */
export function flushWait(L: UserMmLayout, arch: ArchConfig): Step {
  return {
    name: 'csd_lock_wait',
    source: 'kernel/smp.c: smp_call_function_many_cond() -> csd_lock_wait() (flush_tlb_func on each target)',
    text: 'csd_lock_wait(): flush IPIs done',
    tags: ['sync'],
    onlyIf: () => arch.flushTransport === 'ipi',
    enabled: (s) => {
      for (let cpu = 0; cpu < L.cpus; cpu++) if (s[L.base(cpu) + L.c.flushIpi] === 1) return false;
      return true;
    },
    run: () => {},
  };
}

/** The flush IPI handler on a target: runs only with IRQs on (and the vCPU running). */
export function flushIpiHandler(L: UserMmLayout): Step {
  return {
    name: 'flush_tlb_func',
    source: 'arch/x86/mm/tlb.c: flush_tlb_func()',
    text: (s, cpu) => (s[L.base(cpu) + L.c.mode] === Mode.lazy ? 'IPI: flush_tlb_func: lazy -> leave_mm()' : 'IPI: flush_tlb_func: local flush'),
    tags: ['flush'],
    ipi: 'handle',
    enabled: (s, cpu) => s[L.base(cpu) + L.c.flushIpi] === 1 && s[L.base(cpu) + L.c.irqs] === 0,
    run: (s, cpu) => {
      const b = L.base(cpu);
      s[b + L.c.flushIpi] = 0;
      s[b + L.c.psc] = 0;
      s[b + L.c.stale] = 0;
      if (s[b + L.c.mode] === Mode.lazy) s[b + L.c.mode] = Mode.other; // switch_mm_irqs_off(NULL, &init_mm)
    },
  };
}

/**
 * The hardware page walker of a CPU that still has the mm loaded may at any time walk through
 * a cached pointer to T (speculation, prefetch, A/D-bit updates). Only harmful once T was
 * freed or handed to another owner; a table deposited in the same mm is only reinstalled in
 * the same mm, and a lazy CPU flushes (tlb_gen) before it uses the mm's translations again.
 */
export function speculativeWalk(L: UserMmLayout): Step {
  return {
    name: 'page walk via paging-structure cache',
    source: 'x86 SDM 4.10.3 / arch/x86/mm/tlb.c (2ff6ddf19c0e: lazy CPUs must be flushed when tables are freed)',
    text: 'speculative walk through cached pointer: READ(T[pte])',
    enabled: (s, cpu) => {
      const b = L.base(cpu);
      const t = s[L.g.table];
      return s[b + L.c.psc] === 1 && (s[b + L.c.mode] === Mode.user || s[b + L.c.mode] === Mode.lazy) && (t === Table.reused || t === Table.freed);
    },
    run: (s) => {
      s[L.g.hazard] = Hazard.pscWalk;
    },
  };
}

/**
 * A user access on a CPU running the mm: the hardware walker goes through the pmd and may
 * cache the pointer to T in the paging-structure cache, and the translation of the small page
 * it reached in the TLB (./data-tlb.ts), as long as the pmd still points to T.
 * (A flush removes both; one issued before the unlink can therefore be undone by this.)
 */
export function pscFill(L: UserMmLayout): Step {
  return {
    name: 'page walk (PSC fill)',
    source: 'x86 SDM 4.10.2, 4.10.3.1 (TLB and paging-structure caches filled by any walk) / arm64 walk caches',
    text: "user access: hardware walk caches the pointer to T and the small page's translation",
    enabled: (s, cpu) => {
      const b = L.base(cpu);
      return s[b + L.c.psc] === 0 && s[b + L.c.mode] === Mode.user && s[L.g.slot] === Slot.table && s[L.g.table] === Table.live;
    },
    run: (s, cpu) => {
      s[L.base(cpu) + L.c.psc] = 1;
    },
  };
}

export function ipiPending(L: UserMmLayout, field: 'flushIpi' | 'syncIpi') {
  return (s: State): boolean => {
    for (let cpu = 0; cpu < L.cpus; cpu++) if (s[L.base(cpu) + L.c[field]] === 1) return true;
    return false;
  };
}
