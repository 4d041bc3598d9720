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
  mprotectPteRmw:
    "model gap: clearing the PTE before page_vma_mapped_walk() took the PTL races with mprotect()'s ptep_modify_prot_start()/ptep_modify_prot_commit() under the PTL, which can write back the PTE of a folio reclaim then frees; the model's mprotect() only looks for a pending batched flush under the PTL, it does not rewrite the PTE.",
} as const;

export const MODEL_GAPS: readonly CatalogueEntry[] = [
  {
    scenario: 'arm64-batch',
    variants: ['baseline'],
    mutant: 'swap:reclaim/shrink_folio_list/page_vma_mapped_walk<>ptep_clear_flush@0',
    only: ['x86-native'],
    reason: G.mprotectPteRmw,
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

];
