/**
 * User TLB flush after a page-table change, and what it does to other CPUs' TLBs and
 * paging-structure caches, per configuration (src/arch: `flushTransport`).
 *
 * Kernel: arch/x86/mm/tlb.c flush_tlb_mm_range() -> flush_tlb_multi() ->
 * native_flush_tlb_multi() (IPI `flush_tlb_func`, wait) | kvm_flush_tlb_multi()
 * (arch/x86/kernel/kvm.c) | hyperv_flush_tlb_multi() (arch/x86/hyperv/mmu.c) |
 * xen_flush_tlb_multi() (arch/x86/xen/mmu_pv.c) | broadcast_tlb_flush() (INVLPGB, for an mm
 * with a global ASID); arm64 __flush_tlb_range() (TLBI ...IS + __tlbi_sync_s1ish()).
 */
import type { ArchConfig } from '../arch/arch.js';
import type { State, Step } from '../core/model.js';
import { Hazard, Mode, Slot, Table, type UserMmLayout } from './user-mm.js';

/**
 * Sends the flush. `wakeLazy` is the `freed_tables` argument of flush_tlb_mm_range() (Lance
 * Yang v8 2/2 passes `freed_tables || unshared_tables` from tlb_flush(), renamed
 * `wake_lazy_cpus` in v10).
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
  const lazy = arch.lazySkippedUnlessWoken ? (wakeLazy ? ' (lazy-TLB CPUs too)' : ' (lazy-TLB CPUs skipped)') : '';
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
    source: 'kernel/smp.c: smp_call_function_many_cond() -> csd_lock_wait() (flush_tlb_func() on each target)',
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
    source: 'arch/x86/mm/tlb.c: flush_tlb_func() -> switch_mm_irqs_off() (a lazy CPU switches to init_mm: "flush our paging-structure cache")',
    text: (s, cpu) => (s[L.base(cpu) + L.c.mode] === Mode.lazy ? 'IPI: flush_tlb_func: lazy, switch to init_mm' : 'IPI: flush_tlb_func: local flush'),
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
 * a cached pointer to T (speculation, prefetch), reading T's entries as page-table entries and
 * setting accessed bits in them. When that is harmful (docs/unshared-table.md):
 * - T freed: always. The page may hold anything now; the walk reads it as page-table entries
 *   and may write an accessed bit into it (the native_flush_tlb_multi() comment: lazy CPUs
 *   must not trip "up on the new contents of what used to be page tables").
 * - T a live table of another mm only: for a CPU running this mm's user code, whose accesses
 *   would use the other mm's translations. Not for a lazy-TLB CPU: it reads page-table memory
 *   the other mm's own CPUs walk too, and what it caches is tagged with this mm's ASID, which it
 *   uses again only after switch_mm_irqs_off() compared tlb_gen and flushed.
 * - T deposited by khugepaged: it is reinstalled only in the same mm (./data-tlb.ts has the
 *   harm of a stale leaf entry there).
 */
export function speculativeWalk(L: UserMmLayout): Step {
  return {
    name: 'page walk via paging-structure cache',
    source: 'spec: Intel SDM vol. 3A 4.10.3 (paging-structure caches; walks may be speculative) | arch/x86/mm/tlb.c: native_flush_tlb_multi() (page tables freed: lazy-TLB CPUs IPIed too)',
    text: (s) => (s[L.g.table] === Table.freed ? 'speculative walk through the cached pointer: READ(T[pte]) of a freed page' : "walk through the cached pointer: READ(T[pte]), the other mm's entry"),
    enabled: (s, cpu) => {
      const b = L.base(cpu);
      const t = s[L.g.table];
      const mode = s[b + L.c.mode];
      return s[b + L.c.psc] === 1 && (((mode === Mode.user || mode === Mode.lazy) && t === Table.freed) || (mode === Mode.user && t === Table.otherMm));
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
    source: 'spec: Intel SDM vol. 3A 4.10.2, 4.10.3.1 (any walk may fill the TLB and the paging-structure caches) | spec: Arm ARM (translation table walks may be cached in walk caches)',
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
