/**
 * The kernel paths that unlink a page table and then rely on synchronising with lockless
 * walkers before the table is freed or reused, as Linux 7.1.5 has them. Each is a program of
 * blocks so that a variant can drop or replace one block by name (`sync`, `flush`, `rcu`) and
 * say so in one line.
 *
 * - khugepaged: collapse_huge_page() clears the pmd and flushes with flush_tlb_range(), which
 *   on x86 passes freed_tables = true (since 3ef938c35035), so lazy-TLB CPUs are flushed too;
 *   then tlb_remove_table_sync_one(), then the copy and the deposit of T.
 * - hugetlb unshare (only where hugetlb PMD tables are shared: x86-64, arm64): the unsharer's
 *   pud is cleared; tlb_flush_unshared_tables() flushes through tlb_flush() (x86 passes only
 *   tlb->freed_tables: lazy CPUs are skipped unless the `wakeLazyForUnshared` hook says
 *   otherwise) and syncs; once the locks are dropped T is a live table of the other sharer
 *   alone, which may later free it. ./user-mm.ts `Table.otherMm` and docs/unshared-table.md
 *   say what a stale pointer to T can do in each of these states.
 * - the batch-allocation fallback of tlb_remove_table(): tlb_table_invalidate() flushes, then
 *   with CONFIG_PT_RECLAIM call_rcu(), without it tlb_remove_table_sync_rcu() (synchronize_rcu())
 *   before the free. Reached from free_pgtables() on detached VMAs.
 * - the batched RCU free (tlb_remove_table_rcu()): where CONFIG_PT_RECLAIM is on, as
 *   zap_pte_range() frees an empty PTE table under read locks (the one free a page fault can
 *   race with, ./rcu-walker.ts); elsewhere as free_pgtables() frees a detached VMA's table.
 */
import { match } from 'ts-pattern';
import type { ArchConfig } from '../arch/arch.js';
import type { Program, State, Step } from '../core/model.js';
import { flushIssue, flushWait } from './tlb-flush.js';
import { rcuGracePeriod, tableSyncOne } from './table-sync.js';
import { Slot, Table, type UserMmLayout } from './user-mm.js';

export type CallerName = 'khugepaged' | 'hugetlb-unshare' | 'table-free-fallback' | 'table-free-rcu';
export const CALLERS: readonly CallerName[] = ['khugepaged', 'hugetlb-unshare', 'table-free-fallback', 'table-free-rcu'];

/** The callers a configuration has: no hugetlb PMD sharing on powerpc. */
export function callersOf(arch: ArchConfig): readonly CallerName[] {
  return CALLERS.filter((c) => c !== 'hugetlb-unshare' || arch.hugetlbPmdSharing);
}

/** The freeing CPU: CPU0 runs one of the callers (program `callersOf(arch).indexOf(caller) + 1`). */
export const FREER = 0;

/** CPU0 has chosen this caller. */
export function freerRuns(L: UserMmLayout, arch: ArchConfig, s: State, caller: CallerName): boolean {
  const i = callersOf(arch).indexOf(caller);
  return i >= 0 && s[L.base(FREER) + L.c.prog] === i + 1;
}

export type BlockId = 'unlink' | 'flush' | 'sync' | 'rcu' | 'retire' | 'install';
export interface Block {
  readonly id: BlockId;
  readonly steps: readonly Step[];
}

export interface CallerHooks {
  /** tlb_table_flush_implies_ipi_broadcast() on this configuration (false: the hook is absent). */
  readonly flushImpliesIpiBroadcast: boolean;
  /**
   * tlb_flush() wakes lazy-TLB CPUs for unshared tables too: x86 passes `freed_tables ||
   * unshared_tables` (Lance Yang v8 2/2) rather than `freed_tables` (7.1.5).
   */
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

const retireStep = (L: UserMmLayout, name: string, source: string, text: string, to: number, from?: number): Step => ({
  name,
  source,
  text,
  tags: ['retire'],
  ...(from === undefined ? {} : { enabled: (s: State) => s[L.g.table] === from }),
  run: (s) => {
    s[L.g.table] = to;
  },
});

function khugepaged(L: UserMmLayout, arch: ArchConfig, sync: Block): Block[] {
  return [
    unlink(
      L,
      'pmdp_collapse_flush',
      'mm/khugepaged.c: collapse_huge_page() (mmap_write_lock(), vma_start_write(), anon_vma_lock_write()) -> pmdp_collapse_flush() | mm/pgtable-generic.c: pmdp_collapse_flush() -> pmdp_huge_get_and_clear()',
      'pmdp_collapse_flush(): pmd cleared',
    ),
    flush(L, arch, 'flush_tlb_range', 'mm/pgtable-generic.c: pmdp_collapse_flush() -> flush_tlb_range() | arch/x86/include/asm/tlbflush.h: flush_tlb_range() -> flush_tlb_mm_range() (freed_tables = true)', true),
    sync,
    {
      id: 'retire',
      steps: [
        retireStep(
          L,
          '__collapse_huge_page_isolate',
          'mm/khugepaged.c: collapse_huge_page() -> __collapse_huge_page_isolate(), __collapse_huge_page_copy() (copies, then frees the small pages), pgtable_trans_huge_deposit()',
          'isolate + copy pages, deposit T',
          Table.deposited,
        ),
      ],
    },
    {
      id: 'install',
      steps: [
        {
          name: 'set_pmd_at',
          source: 'mm/khugepaged.c: collapse_huge_page() -> map_anon_folio_pmd_nopf() | mm/huge_memory.c: map_anon_folio_pmd_nopf() -> set_pmd_at()',
          text: 'set_pmd_at(): pmd -> huge page',
          run: (s) => {
            s[L.g.slot] = Slot.huge;
          },
        },
      ],
    },
  ];
}

function hugetlbUnshare(L: UserMmLayout, arch: ArchConfig, hooks: CallerHooks, sync: Block): Block[] {
  return [
    unlink(
      L,
      'huge_pmd_unshare',
      'mm/hugetlb.c: huge_pmd_unshare() -> __huge_pmd_unshare() -> pud_clear(), tlb_unshare_pmd_ptdesc() (hugetlb VMA lock and i_mmap_rwsem held for write; sets tlb->unshared_tables)',
      'huge_pmd_unshare(): pud cleared, T exclusive to the other sharer',
      (s) => {
        s[L.g.sharers] = (s[L.g.sharers] ?? 1) - 1;
      },
    ),
    flush(
      L,
      arch,
      'tlb_flush_mmu_tlbonly',
      'mm/hugetlb.c: huge_pmd_unshare_flush() -> tlb_flush_unshared_tables() | include/asm-generic/tlb.h: tlb_flush_unshared_tables() -> tlb_flush_mmu_tlbonly() -> tlb_flush() | arch/x86/include/asm/tlb.h: tlb_flush() -> flush_tlb_mm_range() (tlb->freed_tables)',
      hooks.wakeLazyForUnshared,
    ),
    sync,
    {
      id: 'retire',
      steps: [
        retireStep(
          L,
          'i_mmap_unlock_write',
          'mm/hugetlb.c: __hugetlb_zap_end() -> i_mmap_unlock_write() (T is now only the other sharer\'s: "could get reused+modified by the new owner", include/asm-generic/tlb.h)',
          'locks dropped: T is a live table of the other mm',
          Table.otherMm,
        ),
        retireStep(
          L,
          'free_pgtables (other mm)',
          'mm/memory.c: free_pgtables() -> ... -> free_pmd_range() -> pud_clear(), pmd_free_tlb() (the other sharer\'s munmap(); its flush reaches only its own mm_cpumask)',
          'other mm: munmap() frees T; its flush targets only its own CPUs',
          Table.freed,
          Table.otherMm,
        ),
      ],
    },
  ];
}

function tableFreeFallback(L: UserMmLayout, arch: ArchConfig, hooks: CallerHooks): Block[] {
  const wait: Block = arch.ptReclaim
    ? { id: 'rcu', steps: rcuGracePeriod(L, 'call_rcu', 'mm/mmu_gather.c: tlb_remove_table_one() -> __tlb_remove_table_one() -> call_rcu() (CONFIG_PT_RECLAIM: ptdesc->pt_rcu_head)') }
    : {
        id: 'rcu',
        steps: rcuGracePeriod(L, 'synchronize_rcu', 'mm/mmu_gather.c: __tlb_remove_table_one() -> tlb_remove_table_sync_rcu() -> synchronize_rcu() (no CONFIG_PT_RECLAIM)', hooks.flushImpliesIpiBroadcast),
      };
  return [
    unlink(L, 'pmd_clear', 'mm/memory.c: free_pgtables() -> ... -> free_pte_range() -> pmd_clear(), pte_free_tlb() (VMA detached; tlb->freed_tables = 1)', 'free_pte_range(): pmd cleared'),
    flush(L, arch, 'tlb_table_invalidate', 'mm/mmu_gather.c: tlb_remove_table() (batch allocation fails) -> tlb_table_invalidate() -> tlb_flush_mmu_tlbonly()', true),
    wait,
    { id: 'retire', steps: [retireStep(L, '__tlb_remove_table', 'mm/mmu_gather.c: __tlb_remove_table_one() -> __tlb_remove_table()', 'free(T)', Table.freed)] },
  ];
}

function tableFreeRcu(L: UserMmLayout, arch: ArchConfig): Block[] {
  // With CONFIG_PT_RECLAIM the model takes the free that happens with only read locks held, so
  // a page fault can hold T too (./rcu-walker.ts); free_pgtables() frees through the same
  // call_rcu() path, on VMAs already detached (only GUP-fast can still walk there).
  const first = arch.ptReclaim
    ? unlink(
        L,
        'zap_empty_pte_table',
        'mm/memory.c: zap_pte_range() -> zap_empty_pte_table(), zap_pte_table_if_empty(), pte_free_tlb() (madvise(MADV_DONTNEED) under mmap_read_lock(): pmd_clear() under pmd_lock() and the PTL)',
        'zap_pte_range(): empty PTE table, pmd cleared',
      )
    : unlink(L, 'pmd_clear', 'mm/memory.c: free_pgtables() -> ... -> free_pte_range() -> pmd_clear(), pte_free_tlb() (VMA detached)', 'free_pte_range(): pmd cleared');
  return [
    first,
    flush(L, arch, 'tlb_table_invalidate', 'mm/mmu_gather.c: tlb_finish_mmu() -> ... -> tlb_table_flush() -> tlb_table_invalidate() -> tlb_flush_mmu_tlbonly()', true),
    { id: 'rcu', steps: rcuGracePeriod(L, 'call_rcu', 'mm/mmu_gather.c: tlb_table_flush() -> tlb_remove_table_free() -> call_rcu() (tlb_remove_table_rcu)') },
    { id: 'retire', steps: [retireStep(L, '__tlb_remove_table', 'mm/mmu_gather.c: tlb_remove_table_rcu() -> __tlb_remove_table_free() -> __tlb_remove_table()', 'free(T)', Table.freed)] },
  ];
}

const PROGRAM_NAMES: Record<CallerName, string> = {
  khugepaged: 'khugepaged: collapse_huge_page',
  'hugetlb-unshare': 'hugetlb: huge_pmd_unshare',
  'table-free-fallback': 'mmu_gather: tlb_remove_table_one',
  'table-free-rcu': 'mmu_gather: tlb_remove_table_rcu',
};

export function callerProgram(L: UserMmLayout, arch: ArchConfig, caller: CallerName, hooks: CallerHooks): Program {
  const sync = (who: string): Block => ({ id: 'sync', steps: tableSyncOne(L, hooks.flushImpliesIpiBroadcast, who) });
  const blocks: Block[] = match(caller)
    .with('khugepaged', () => khugepaged(L, arch, sync('collapse_huge_page')))
    .with('hugetlb-unshare', () => hugetlbUnshare(L, arch, hooks, sync('tlb_flush_unshared_tables')))
    .with('table-free-fallback', () => tableFreeFallback(L, arch, hooks))
    .with('table-free-rcu', () => tableFreeRcu(L, arch))
    .exhaustive();
  return {
    name: PROGRAM_NAMES[caller],
    source: blocks[0]!.steps[0]!.source,
    loop: false,
    steps: hooks.edit(caller, blocks, L).flatMap((b) => b.steps),
  };
}
