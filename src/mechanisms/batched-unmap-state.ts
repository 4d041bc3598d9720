/**
 * State of the batched-unmap world (seed 4): one anonymous page P of one mm, its PTE, the PTL, the
 * reclaiming task's batch (mm->tlb_flush_batched, the CPU it runs on), mprotect()'s hold on
 * P's PTE (the old value taken by ptep_modify_prot_start(), then the range its mmu_gather must
 * flush), and per CPU the TLB entry for P with an arm64 "invalidation issued but not
 * completed, by CPU c" mark. Reclaim leaves a swap entry in P's PTE (P is anonymous), so a none
 * PTE is only ever the transient value between a clear and a set of the same PTL holder.
 *
 * Kernel: mm/rmap.c (try_to_unmap_one, set_tlb_ubc_flush_pending, try_to_unmap_flush,
 * flush_tlb_batched_pending), mm/mprotect.c (change_pte_range), arch/arm64/include/asm/tlbflush.h
 * (arch_tlbbatch_add_pending, arch_tlbbatch_flush; arch_flush_tlb_batched_pending until 2025),
 * arch/x86/mm/tlb.c, mm/memory.c (handle_pte_fault, do_anonymous_page).
 */
import { defineLayout, type Layout } from '../core/layout.js';
import { programFields, type ProgramFieldName } from '../core/model.js';

/**
 * `present`: writable, as mapped; `read-only`: written back by mprotect(PROT_READ) or
 * UFFDIO_WRITEPROTECT; `swap`: the swap entry try_to_unmap_one() writes for an anonymous P.
 */
export const Pte = { present: 0, none: 1, readOnly: 2, swap: 3 } as const;
export const Page = { mapped: 0, unmapped: 1, freed: 2 } as const;
export const Ptl = { free: 0, reclaim: 1, mprotect: 2 } as const;
/** Set by the step that used stale state: a write through a stale TLB entry, or a read fault on a transiently none PTE. */
export const BatchHazard = { none: 0, writeAfterFree: 1, writeAfterMprotect: 2, readOfLostData: 3 } as const;
/** mprotect()'s change_pte_range() on P's PTE: old value held, then a gathered range, then flushed. */
export const ProtPte = { none: 0, held: 1, gathered: 2, flushed: 3 } as const;

export const batchGlobals = [
  { name: 'pte', values: ['present', 'none', 'read-only', 'swap'], doc: 'PTE of page P (swap: the swap entry reclaim left)' },
  { name: 'page', values: ['mapped', 'unmapped', 'freed'], doc: 'page P' },
  { name: 'ptl', values: ['free', 'reclaim', 'mprotect'], doc: 'page-table lock holder' },
  { name: 'batched', values: ['no', 'yes'], doc: 'mm->tlb_flush_batched' },
  { name: 'rcCpu', doc: 'CPU the reclaiming task runs on' },
  { name: 'movedWithPending', values: ['no', 'yes'], doc: 'reclaim task migrated while its TLBIs were pending' },
  { name: 'mprotectDone', values: ['no', 'yes'], doc: 'mprotect() / UFFDIO_WRITEPROTECT returned' },
  { name: 'hazard', values: ['none', 'write-after-free', 'write-after-mprotect', 'read-of-lost-data'], doc: 'set by a write through a stale entry, or by a read fault that mapped the zero page over P' },
] as const;

export const batchCpuFields = [
  ...programFields,
  { name: 'tlb', values: ['-', 'P:rw'], doc: 'TLB entry for P' },
  { name: 'pend', doc: 'bitmask of CPUs whose TLBI on this entry is issued but not completed' },
  { name: 'flushIpi', values: ['-', 'pending'], doc: 'x86 flush_tlb_func IPI queued' },
  { name: 'inBatch', values: ['no', 'yes'], doc: "x86: in the reclaim task's tlb_ubc.arch.cpumask" },
  {
    name: 'protPte',
    values: ['-', 'held', 'gathered', 'flushed'],
    doc: "mprotect() running here: P's old PTE taken by ptep_modify_prot_start() (held, a local of change_pte_range()), written back and recorded by tlb_flush_pte_range() (gathered), its mmu_gather's flush issued (flushed)",
  },
] as const;

export type BatchLayout = Layout<
  (typeof batchGlobals)[number]['name'],
  Exclude<(typeof batchCpuFields)[number]['name'], ProgramFieldName> | ProgramFieldName
>;

export function batchLayout(cpus: number): BatchLayout {
  return defineLayout(batchGlobals, batchCpuFields, cpus);
}
