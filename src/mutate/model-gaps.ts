/**
 * Surviving mutants that are real gaps in the models: in the kernel the edit is a bug, but
 * the state the edit breaks is not modelled, so nothing can catch it. Each is named exactly,
 * like ./equivalent.ts, with what is missing. They count against the score (they are neither
 * caught nor equivalent); listing them only keeps them from being reported as unexplained.
 */
import type { CatalogueEntry } from './catalogue-entry.js';

const G = {
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
];
