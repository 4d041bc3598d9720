/**
 * Surviving mutants that are real gaps in the models: in the kernel the edit is a bug, but
 * the state the edit breaks is not modelled, so nothing can catch it. Each is named exactly,
 * like ./equivalent.ts, with what is missing. They count against the score (they are neither
 * caught nor equivalent); listing them only keeps them from being reported as unexplained.
 */
import type { CatalogueEntry } from './catalogue-entry.js';

const G = {
  khugepagedDataPages:
    "model gap: khugepaged's flush_tlb_range() after pmdp_collapse_flush() (with its wait, and after the pmd is cleared) is for the TLB entries of the small data pages that __collapse_huge_page_copy() then copies and frees, and set_pmd_at() must follow that copy; data pages and their TLB entries are not modelled, and for T itself a walk through a stale paging-structure pointer into the deposited table is deemed harmless (it is only reinstalled in the same mm). In the kernel a write through a stale TLB entry to a page already copied is lost.",
  rcuWalkers:
    'model gap: on x86-native the waited-for flush IPI already keeps GUP-fast (IRQs off) out, so for the only walker modelled the grace period is redundant; it is also what rcu_read_lock() page-table walkers rely on (__pte_offset_map() since 6.5, PT_RECLAIM), which are not modelled. In the kernel freeing T before the grace period ends is a use-after-free for them.',
  mprotectCommitUnlocked:
    "model gap: ptep_modify_prot_start() and ptep_modify_prot_commit() must both run under the PTL; moved past pte_unmap_unlock(), the commit writes P's PTE back unlocked. The rmap walkers that can run meanwhile (reclaim, migration) find the PTE none in page_vma_mapped_walk() and leave the folio mapped; the harm is to the PTL holders the model leaves out, such as khugepaged's retract_page_tables() (mm/khugepaged.c), which frees a PTE table it finds empty under the PTL, so the late set_pte_at() writes into a freed table. (The model's reclaim does not re-check the PTE under the PTL, and no property looks at a PTE left mapping a freed page.)",
} as const;

export const MODEL_GAPS: readonly CatalogueEntry[] = [
  {
    scenario: 'arm64-batch',
    variants: ['baseline', 'batched-pending-flush-mm', 'batched-pending-remote-dsb'],
    mutant: 'swap:mprotect/mprotect/ptep_modify_prot_commit<>pte_unmap_unlock@4',
    reason: G.mprotectCommitUnlocked,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'drop:freer/mmu_gather: tlb_remove_table_rcu/rcu_gp_end@4',
    only: ['x86-native'],
    reason: G.rcuWalkers,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'later:freer/mmu_gather: tlb_remove_table_rcu/rcu_gp_end<>__tlb_remove_table@4',
    only: ['x86-native'],
    reason: G.rcuWalkers,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'swap:freer/khugepaged: collapse_huge_page/__collapse_huge_page_isolate<>set_pmd_at@4',
    only: ['x86-native'],
    reason: G.khugepagedDataPages,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'skip-sync-as-posted'],
    mutant: 'drop:freer/khugepaged: collapse_huge_page/csd_lock_wait@2',
    reason: G.khugepagedDataPages,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'skip-sync-any-ipi-flush', 'skip-sync-as-posted', 'skip-sync-lazy-not-woken'],
    mutant: 'drop:freer/khugepaged: collapse_huge_page/flush_tlb_range@1',
    reason: G.khugepagedDataPages,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'skip-sync-as-posted'],
    mutant: 'later:freer/khugepaged: collapse_huge_page/flush_tlb_range<>csd_lock_wait@1',
    reason: G.khugepagedDataPages,
  },
  {
    scenario: 'mmu-gather',
    variants: ['no-sync'],
    mutant: 'swap:freer/khugepaged: collapse_huge_page/__collapse_huge_page_isolate<>set_pmd_at@3',
    reason: G.khugepagedDataPages,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'skip-sync', 'skip-sync-any-ipi-flush', 'skip-sync-as-posted', 'skip-sync-lazy-not-woken'],
    mutant: 'swap:freer/khugepaged: collapse_huge_page/__collapse_huge_page_isolate<>set_pmd_at@6',
    reason: G.khugepagedDataPages,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'skip-sync-any-ipi-flush', 'skip-sync-as-posted', 'skip-sync-lazy-not-woken'],
    mutant: 'swap:freer/khugepaged: collapse_huge_page/pmdp_collapse_flush<>flush_tlb_range@0',
    reason: G.khugepagedDataPages,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'no-sync', 'skip-sync', 'skip-sync-any-ipi-flush', 'skip-sync-as-posted'],
    mutant: 'drop:freer/mmu_gather: tlb_remove_table_rcu/rcu_gp_end@4',
    only: ['x86-native'],
    reason: G.rcuWalkers,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'no-sync', 'skip-sync', 'skip-sync-any-ipi-flush', 'skip-sync-as-posted'],
    mutant: 'later:freer/mmu_gather: tlb_remove_table_rcu/rcu_gp_end<>__tlb_remove_table@4',
    only: ['x86-native'],
    reason: G.rcuWalkers,
  },

];
