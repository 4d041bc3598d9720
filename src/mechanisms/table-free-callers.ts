/**
 * The kernel paths that unlink a page table and then rely on synchronising with lockless
 * walkers before the table is freed or reused. Each is a program of blocks so that a variant
 * can drop or replace one block by name (`sync`, `flush`) and say so in one line.
 *
 * Kernel (kernel-notes 3.2): khugepaged collapse_huge_page() (mm/khugepaged.c), hugetlb
 * huge_pmd_unshare() + tlb_flush_unshared_tables() (mm/hugetlb.c, include/asm-generic/tlb.h),
 * the batch-allocation-failure fallback tlb_remove_table_one() (mm/mmu_gather.c), and for
 * contrast the batched RCU free tlb_remove_table_rcu(), here as CONFIG_PT_RECLAIM uses it for
 * an empty PTE table (mm/pt_reclaim.c), the one free a page fault can race with (see
 * ./rcu-walker.ts: the other callers hold a write lock, or free detached VMAs' tables).
 */
import { match } from 'ts-pattern';
import type { ArchConfig } from '../arch/arch.js';
import type { Program, State, Step } from '../core/model.js';
import { flushIssue, flushWait } from './tlb-flush.js';
import { rcuGracePeriod, tableSyncOne } from './table-sync.js';
import { Slot, Table, type UserMmLayout } from './user-mm.js';

export type CallerName = 'khugepaged' | 'hugetlb-unshare' | 'table-free-fallback' | 'table-free-rcu';
export const CALLERS: readonly CallerName[] = ['khugepaged', 'hugetlb-unshare', 'table-free-fallback', 'table-free-rcu'];

/** The freeing CPU: CPU0 runs one of the callers (program `CALLERS.indexOf(caller) + 1`). */
export const FREER = 0;

/** CPU0 has chosen this caller. */
export function freerRuns(L: UserMmLayout, s: State, caller: CallerName): boolean {
  return s[L.base(FREER) + L.c.prog] === CALLERS.indexOf(caller) + 1;
}

export type BlockId = 'unlink' | 'flush' | 'sync' | 'retire' | 'install';
export interface Block {
  readonly id: BlockId;
  readonly steps: readonly Step[];
}

export interface CallerHooks {
  /** tlb_table_flush_implies_ipi_broadcast() on this configuration. */
  readonly flushImpliesIpiBroadcast: boolean;
  /** tlb_flush() passes freed_tables || unshared_tables (Lance Yang v8) rather than freed_tables. */
  readonly wakeLazyForUnshared: boolean;
  /** A variant's edit of a caller's blocks (identity for the baseline). */
  readonly edit: (caller: CallerName, blocks: readonly Block[], L: UserMmLayout) => readonly Block[];
}

const unlink = (L: UserMmLayout, name: string, source: string, text: string, extra?: Step['run']): Block => ({
  id: 'unlink',
  steps: [
    {
      name,
      source,
      text,
      tags: ['publish'],
      run: (s, cpu) => {
        s[L.g.slot] = Slot.none;
        s[L.g.table] = Table.unlinked;
        extra?.(s, cpu);
      },
    },
  ],
});

const flush = (L: UserMmLayout, arch: ArchConfig, name: string, source: string, wakeLazy: boolean): Block => ({
  id: 'flush',
  steps: [flushIssue(L, arch, name, source, wakeLazy), flushWait(L, arch)],
});

const retire = (L: UserMmLayout, name: string, source: string, text: string, to: number): Block => ({
  id: 'retire',
  steps: [
    {
      name,
      source,
      text,
      tags: ['retire'],
      run: (s) => {
        s[L.g.table] = to;
      },
    },
  ],
});

export function callerProgram(L: UserMmLayout, arch: ArchConfig, caller: CallerName, hooks: CallerHooks): Program {
  const sync = (who: string): Block => ({ id: 'sync', steps: tableSyncOne(L, hooks.flushImpliesIpiBroadcast, who) });
  const blocks: Block[] = match(caller)
    .with('khugepaged', (): Block[] => [
          unlink(
            L,
            'pmdp_collapse_flush',
            'mm/khugepaged.c: collapse_huge_page() (mmap_write_lock(), vma_start_write(), anon_vma_lock_write()) -> pmdp_collapse_flush() -> pmdp_huge_get_and_clear()',
            'pmdp_collapse_flush(): pmd cleared',
          ),
          flush(L, arch, 'flush_tlb_range', 'mm/pgtable-generic.c: pmdp_collapse_flush() -> flush_tlb_range() (freed_tables = false)', false),
          sync('collapse_huge_page'),
          retire(
            L,
            '__collapse_huge_page_isolate',
            'mm/khugepaged.c: __collapse_huge_page_isolate(), __collapse_huge_page_copy() (copies, then frees the small pages), pgtable_trans_huge_deposit()',
            'isolate + copy pages, deposit T',
            Table.deposited,
          ),
          {
            id: 'install',
            steps: [
              {
                name: 'set_pmd_at',
                source: 'mm/khugepaged.c: collapse_huge_page() -> set_pmd_at()',
                text: 'set_pmd_at(): pmd -> huge page',
                run: (s) => {
                  s[L.g.slot] = Slot.huge;
                },
              },
            ],
          },
    ])
    .with('hugetlb-unshare', (): Block[] => [
          unlink(
            L,
            'huge_pmd_unshare',
            'mm/hugetlb.c: huge_pmd_unshare() (hugetlb VMA lock and i_mmap_rwsem held for write) -> pud_clear(); tlb->unshared_tables = 1',
            'huge_pmd_unshare(): pud cleared, T exclusive to the other sharer',
            (s) => {
              s[L.g.sharers] = (s[L.g.sharers] ?? 1) - 1;
            },
          ),
          flush(L, arch, 'tlb_flush_mmu_tlbonly', 'include/asm-generic/tlb.h: tlb_flush_mmu_tlbonly() -> tlb_flush() (arch/x86/include/asm/tlb.h)', hooks.wakeLazyForUnshared),
          sync('tlb_flush_unshared_tables'),
          retire(L, 'last sharer reuses T', 'mm/hugetlb.c: T now exclusive to the last sharer ("could get reused+modified by the new owner")', 'other mm modifies T', Table.reused),
    ])
    .with('table-free-fallback', (): Block[] => [
          unlink(L, 'pmd_clear', 'mm/memory.c: free_pgtables() (VMA detached) -> free_pte_range() -> pmd_clear(); tlb->freed_tables = 1', 'free_pte_range(): pmd cleared'),
          flush(L, arch, 'tlb_table_invalidate', 'mm/mmu_gather.c: tlb_remove_table() batch alloc fails -> tlb_table_invalidate() -> tlb_flush_mmu_tlbonly()', true),
          sync('tlb_remove_table_one'),
          retire(L, '__tlb_remove_table', 'mm/mmu_gather.c: tlb_remove_table_one() -> __tlb_remove_table()', 'free(T)', Table.freed),
    ])
    .with('table-free-rcu', (): Block[] => [
          // free_pgtables() frees through the same call_rcu() path, on VMAs already detached
          // (only GUP-fast can still walk there); PT_RECLAIM frees with only read locks held,
          // so a page fault can hold T too (./rcu-walker.ts). The model takes that case.
          unlink(
            L,
            'try_to_free_pte',
            'mm/pt_reclaim.c: zap_pte_range() (madvise(MADV_DONTNEED), mmap_read_lock()) -> try_to_free_pte(): pmd_clear() under pmd_lock() and the PTL; free_pte() -> pte_free_tlb() -> tlb_remove_table()',
            'try_to_free_pte(): empty PTE table, pmd cleared',
          ),
          flush(L, arch, 'tlb_table_invalidate', 'mm/mmu_gather.c: tlb_finish_mmu() -> tlb_table_flush() -> tlb_table_invalidate() -> tlb_flush_mmu_tlbonly()', true),
          { id: 'sync', steps: rcuGracePeriod(L) },
          retire(L, '__tlb_remove_table', 'mm/mmu_gather.c: tlb_remove_table_rcu() -> __tlb_remove_table_free()', 'free(T)', Table.freed),
    ])
    .exhaustive();
  const names: Record<CallerName, string> = {
    khugepaged: 'khugepaged: collapse_huge_page',
    'hugetlb-unshare': 'hugetlb: huge_pmd_unshare',
    'table-free-fallback': 'mmu_gather: tlb_remove_table_one',
    'table-free-rcu': 'mmu_gather: tlb_remove_table_rcu',
  };
  return {
    name: names[caller],
    source: blocks[0]!.steps[0]!.source,
    loop: false,
    steps: hooks.edit(caller, blocks, L).flatMap((b) => b.steps),
  };
}
