/**
 * The mutation catalogue is real: automatic mutants of holds configurations are generated and
 * checked, the protocol-critical ones are caught, and never-running steps are justified.
 * (Full per-scenario scores: `npx shootdown mutate`; test/mutation-catalogue.test.ts keeps the catalogue complete.)
 */
import { describe, expect, it } from 'vitest';
import { arm64Batch } from '../src/scenarios/arm64-batch/index.js';
import { preemptWait } from '../src/scenarios/preempt-wait/index.js';
import { mutateScenario } from '../src/mutate/run-mutants.js';

describe('mutate', () => {
  it('catches dropping the DSB that completes the batched TLBIs, and the flush_tlb_mm fix', () => {
    const r = mutateScenario(arm64Batch, 3);
    expect(r.mutants).toBeGreaterThan(50);
    const outcome = (variant: string, arch: string, id: string) => r.results.find((x) => x.variant === variant && x.arch === arch && x.id === id)?.outcome;
    expect(outcome('batched', 'arm64', 'drop:reclaim/shrink_folio_list/arch_tlbbatch_flush@5')).toBe('caught');
    expect(outcome('batched-pending-flush-mm', 'arm64', 'drop:mprotect/mprotect/flush_tlb_batched_pending@1')).toBe('caught');
    // csd_lock_wait never runs on arm64 (no IPIs): dropping it is equivalent by construction.
    expect(outcome('batched', 'arm64', 'drop:reclaim/shrink_folio_list/csd_lock_wait@6')).toBe('justified');
    expect(r.score).toBeGreaterThan(0.5);
    // Clearing the PTE before page_vma_mapped_walk() took the PTL: a read fault on P can take
    // the PTL, find the PTE none and map the zero page (shortest), and mprotect() can hold the
    // PTL with P still mapped, see the PTE already none and return while a user CPU still
    // writes through its TLB entry.
    const early = r.results.filter((x) => x.id === 'swap:reclaim/shrink_folio_list/page_vma_mapped_walk<>flush_tlb_range@0');
    expect(early.map((x) => [x.arch, x.outcome, x.detail])).toEqual([
      ['arm64', 'caught', 'no-read-of-lost-data'],
      ['x86-native', 'caught', 'no-read-of-lost-data'],
    ]);
    // The swap entry written after the PTL release: a read fault finds the PTE none.
    for (const x of r.results.filter((y) => y.id.startsWith('swap:reclaim/shrink_folio_list/set_pte_at<>page_vma_mapped_walk_done@'))) {
      expect([x.variant, x.outcome, x.detail]).toEqual([x.variant, 'caught', 'no-read-of-lost-data']);
    }
    // ptep_modify_prot_commit() past pte_unmap_unlock(): caught where page faults run beside
    // change_pte_range() (UFFDIO_WRITEPROTECT), equivalent under mprotect()'s mmap_write_lock().
    const late = r.results.filter((x) => x.id.endsWith('/ptep_modify_prot_commit<>pte_unmap_unlock@4'));
    expect(late.filter((x) => x.variant === 'uffd-wp').map((x) => [x.arch, x.outcome, x.detail])).toEqual([
      ['arm64', 'caught', 'no-read-of-lost-data'],
      ['x86-native', 'caught', 'no-read-of-lost-data'],
    ]);
    for (const x of late.filter((y) => y.variant !== 'uffd-wp')) expect(x.outcome).toBe('justified');
    // mprotect()'s own flush of the PTE it made read-only is needed when it runs first.
    expect(outcome('baseline', 'arm64', 'drop:mprotect/mprotect/tlb_flush_mmu_tlbonly@6')).toBe('caught');
    expect(outcome('baseline', 'x86-native', 'swap:mprotect/mprotect/ptep_modify_prot_start<>ptep_modify_prot_commit@3')).toBe('caught');
  });

  it('catches the merged series losing csd_lock or its wait', () => {
    const r = mutateScenario(preemptWait, 3);
    const caught = r.results.filter((x) => x.variant === 'as-merged' && x.outcome === 'caught').map((x) => x.id);
    expect(caught.some((id) => id.startsWith('drop:CPU0/taskA/flush_tlb_mm_range/csd_lock_wait'))).toBe(true);
    expect(caught.some((id) => id.startsWith('drop:CPU0/taskA/flush_tlb_mm_range/csd_lock@'))).toBe(true);
    // Task B's call has no flush to leave stale: without its csd_lock() (and queueing) it
    // returns with its function never run, which sync-waits-for-targets now reports.
    const b = r.results.filter((x) => x.id === 'drop:CPU0/taskB/smp_call_function_many/csd_lock@7');
    expect(b.length).toBeGreaterThan(0);
    for (const x of b) expect([x.outcome, x.detail]).toEqual(['caught', 'sync-waits-for-targets']);
  });
});
