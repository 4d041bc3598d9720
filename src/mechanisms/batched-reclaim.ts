/**
 * Reclaim with batched (deferred) TLB flushing, and the racing mprotect()/munmap() path.
 *
 * Kernel (7.1.5): mm/rmap.c try_to_unmap_one(): under the PTL, `pteval =
 * get_and_clear_ptes(); if (should_defer_flush()) set_tlb_ubc_flush_pending(); else
 * flush_tlb_range();`, then for an anonymous folio (P is one) `set_pte_at(mm, address,
 * pvmw.pte, swp_pte)`, still under the PTL: nobody else ever sees P's PTE none; then
 * shrink_folio_list() -> try_to_unmap_flush() -> arch_tlbbatch_flush() before the folios are
 * freed. arm64 (43b3dfdd0455): arch_tlbbatch_add_pending() issues the TLBI without a DSB
 * (TLBF_NOSYNC); arch_tlbbatch_flush() is a DSB (__tlbi_sync_s1ish_batch()) on whatever CPU
 * the task now runs on; migration passes through __switch_to(), which executes `dsb(ish)` on
 * the CPU being left.
 * The racing mprotect() is in ./batched-mprotect.ts.
 * Not modelled: several pages, the batch cpumask on arm64, reclaim of the same page twice,
 * page_vma_mapped_walk() finding no present PTE (it then leaves the folio mapped; only a
 * mutant lets reclaim see P's PTE none).
 */
import type { ArchConfig } from '../arch/arch.js';
import type { Program, State, Step } from '../core/model.js';
import { BatchHazard, Page, Ptl, Pte, type BatchLayout } from './batched-unmap-state.js';
import { ptlLock, ptlUnlock } from './page-table-lock.js';
import { dsb, flushIpisDone, issueTlbi, sendFlushIpis } from './tlbi-completion.js';

export type PendingFlush = 'dsb-local' | 'flush-mm';

export const isArm = (arch: ArchConfig) => arch.flushTransport === 'broadcast';

/** x86: wait for the flush IPIs just sent (a no-op step that is passed over on arm64). */
export function ipiWait(L: BatchLayout, arch: ArchConfig, what: string): Step {
  return {
    name: 'csd_lock_wait',
    source: 'kernel/smp.c: smp_call_function_many_cond() -> csd_lock_wait()',
    text: `csd_lock_wait(): ${what} IPIs done`,
    tags: ['sync'],
    onlyIf: () => !isArm(arch),
    enabled: flushIpisDone(L),
    run: () => {},
  };
}

export function reclaimProgram(L: BatchLayout, arch: ArchConfig, batched: boolean): Program {
  const rc = (s: State) => s[L.g.rcCpu] ?? 0;
  const swapEntry: Step = {
    name: 'set_pte_at',
    source: 'mm/rmap.c: try_to_unmap_one() -> set_pte_at() (folio_test_anon(): the swap entry, swp_entry_to_pte())',
    text: 'set_pte_at(swp_pte): PTE = swap entry',
    tags: ['publish'],
    run: (s) => {
      s[L.g.pte] = Pte.swap;
    },
  };
  const unmapBatched: Step[] = [
    {
      name: 'get_and_clear_ptes',
      source: 'mm/rmap.c: try_to_unmap_one() -> get_and_clear_ptes() (should_defer_flush(): the flush is batched)',
      text: 'ptep_get_and_clear(): PTE cleared',
      tags: ['publish'],
      run: (s) => {
        s[L.g.pte] = Pte.none;
        s[L.g.page] = Page.unmapped;
      },
    },
    {
      name: 'set_tlb_ubc_flush_pending',
      source: isArm(arch)
        ? 'mm/rmap.c: set_tlb_ubc_flush_pending() -> arch_tlbbatch_add_pending() | arch/arm64/include/asm/tlbflush.h: arch_tlbbatch_add_pending() -> __flush_tlb_range() (TLBF_NOSYNC: the TLBI is issued, no DSB)'
        : 'mm/rmap.c: set_tlb_ubc_flush_pending() -> arch_tlbbatch_add_pending() | arch/x86/include/asm/tlbflush.h: arch_tlbbatch_add_pending() -> cpumask_or()',
      text: (s) => (isArm(arch) ? `__tlbi(vale1is) by CPU${rc(s)}: pending, no DSB` : 'arch_tlbbatch_add_pending(): cpumask |= mm_cpumask'),
      tags: ['flush'],
      run: (s) => {
        if (isArm(arch)) issueTlbi(L, s, rc(s));
        else for (let cpu = 0; cpu < L.cpus; cpu++) if (s[L.base(cpu) + L.c.tlb] === 1) s[L.base(cpu) + L.c.inBatch] = 1; // cpumask_or(mm_cpumask)
        s[L.g.batched] = 1;
      },
    },
    swapEntry,
  ];
  const unmapNow: Step[] = [
    {
      name: 'flush_tlb_range',
      source: 'mm/rmap.c: try_to_unmap_one() -> get_and_clear_ptes(), flush_tlb_range() (should_defer_flush() is false)',
      text: (s) => (isArm(arch) ? `get_and_clear_ptes(); flush_tlb_range(): __tlbi(vae1is) by CPU${rc(s)}` : 'get_and_clear_ptes(); flush_tlb_range(): IPIs'),
      tags: ['publish', 'flush'],
      run: (s) => {
        s[L.g.pte] = Pte.none;
        s[L.g.page] = Page.unmapped;
        if (isArm(arch)) issueTlbi(L, s, rc(s));
        else sendFlushIpis(L, s, rc(s));
      },
    },
    {
      name: 'dsb(ish)',
      source: 'arch/arm64/include/asm/tlbflush.h: flush_tlb_range() -> __flush_tlb_range() -> __do_flush_tlb_range() -> __tlbi_sync_s1ish() (dsb(ish))',
      text: (s) => `dsb(ish) on CPU${rc(s)}`,
      tags: ['barrier'],
      onlyIf: () => isArm(arch),
      run: (s) => dsb(L, s, rc(s)),
    },
    ipiWait(L, arch, 'flush_tlb_range'),
    swapEntry,
  ];
  return {
    name: 'shrink_folio_list',
    source: 'mm/vmscan.c: shrink_folio_list()',
    loop: false,
    steps: [
      ptlLock(L, Ptl.reclaim, 'page_vma_mapped_walk', 'mm/page_vma_mapped.c: page_vma_mapped_walk() -> map_pte() -> spin_lock()', 'try_to_unmap_one(): spin_lock(ptl)'),
      ...(batched ? unmapBatched : unmapNow),
      ptlUnlock(L, 'page_vma_mapped_walk_done', 'include/linux/rmap.h: page_vma_mapped_walk_done() -> spin_unlock()'),
      {
        name: 'arch_tlbbatch_flush',
        source: isArm(arch)
          ? 'mm/rmap.c: try_to_unmap_flush() -> arch_tlbbatch_flush() | arch/arm64/include/asm/tlbflush.h: arch_tlbbatch_flush() -> __tlbi_sync_s1ish_batch() (dsb(ish))'
          : 'mm/rmap.c: try_to_unmap_flush() -> arch_tlbbatch_flush() | arch/x86/mm/tlb.c: arch_tlbbatch_flush() -> flush_tlb_multi()',
        text: (s) => (isArm(arch) ? `try_to_unmap_flush(): dsb(ish) on CPU${rc(s)}: completes CPU${rc(s)}'s TLBIs only` : 'try_to_unmap_flush(): flush IPIs'),
        tags: ['sync', 'flush'],
        onlyIf: () => batched,
        run: (s) => {
          if (isArm(arch)) dsb(L, s, rc(s));
          else sendFlushIpis(L, s, rc(s), true); // flush_tlb_multi(&batch->cpumask)
        },
      },
      { ...ipiWait(L, arch, 'arch_tlbbatch_flush'), onlyIf: () => batched && !isArm(arch) },
      {
        name: 'free_unref_folios',
        source: 'mm/vmscan.c: shrink_folio_list() -> try_to_unmap_flush(), free_unref_folios()',
        text: 'free_unref_folios(): page P freed',
        tags: ['retire'],
        run: (s) => {
          s[L.g.page] = Page.freed;
        },
      },
    ],
  };
}

/** The reclaiming task preempted and migrated between add_pending and the batch flush. */
export function reclaimMigrates(L: BatchLayout, arch: ArchConfig, to: number): Step {
  return {
    name: '__switch_to',
    source: 'kernel/sched/core.c: __schedule() -> context_switch() -> switch_to() | arch/arm64/kernel/process.c: __switch_to() -> dsb(ish)',
    text: (s) => `preempted, migrates to CPU${to}${isArm(arch) ? `: __switch_to dsb(ish) on CPU${s[L.g.rcCpu]}` : ''}`,
    // Preemptible only outside the PTL, while the batch is pending (tlb_ubc.flush_required).
    enabled: (s) => s[L.g.rcCpu] !== to && s[L.g.ptl] !== Ptl.reclaim && s[L.g.page] === Page.unmapped && s[L.g.batched] === 1,
    run: (s) => {
      const from = s[L.g.rcCpu] ?? 0;
      if (isArm(arch)) {
        for (let cpu = 0; cpu < L.cpus; cpu++) if (((s[L.base(cpu) + L.c.pend] ?? 0) & (1 << from)) !== 0) s[L.g.movedWithPending] = 1;
        dsb(L, s, from);
      }
      s[L.g.rcCpu] = to;
    },
  };
}

/** A user thread writing to P through whatever its TLB holds; refills only from a present PTE. */
export function userWriter(L: BatchLayout): { program: Program; refill: Step } {
  return {
    program: {
      name: 'user store',
      source: 'model: a user thread of the mm',
      loop: true,
      steps: [
        {
          name: 'STR [P]',
          source: 'model: a user store through the TLB (no fault while the entry is valid)',
          text: (s, cpu) => (s[L.base(cpu) + L.c.pend] !== 0 ? 'STR [P] via TLB entry (invalidation pending)' : 'STR [P] via TLB entry'),
          enabled: (s, cpu) => s[L.base(cpu) + L.c.tlb] === 1,
          run: (s) => {
            if (s[L.g.page] === Page.freed) s[L.g.hazard] = BatchHazard.writeAfterFree;
            else if (s[L.g.mprotectDone] === 1) s[L.g.hazard] = BatchHazard.writeAfterMprotect;
          },
        },
      ],
    },
    refill: {
      name: 'TLB refill',
      source: 'spec: Arm ARM and Intel SDM vol. 3A 4.10.2 (a hardware walk fills the TLB from a present PTE; a store to a read-only PTE faults instead)',
      text: 'page walk: TLB entry for P',
      // A store to a read-only PTE faults (do_wp_page(), SIGSEGV after mprotect(PROT_READ)): no entry.
      enabled: (s, cpu) => s[L.base(cpu) + L.c.tlb] === 0 && s[L.g.pte] === Pte.present,
      run: (s, cpu) => {
        s[L.base(cpu) + L.c.tlb] = 1;
      },
    },
  };
}
