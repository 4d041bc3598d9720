/**
 * Surviving mutants that are real gaps in the models: in the kernel the edit is a bug, but
 * the state the edit breaks is not modelled, so nothing can catch it. Each is named exactly,
 * like ./equivalent.ts, with what is missing. They count against the score (they are neither
 * caught nor equivalent); listing them only keeps them from being reported as unexplained.
 */
import type { CatalogueEntry } from './catalogue-entry.js';

const G = {
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
];
