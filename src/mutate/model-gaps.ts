/**
 * Surviving mutants that are real gaps in the models: in the kernel the edit is a bug, but
 * the state the edit breaks is not modelled, so nothing can catch it. Each is named exactly,
 * like ./equivalent.ts, with what is missing. They count against the score (they are neither
 * caught nor equivalent); listing them only keeps them from being reported as unexplained.
 *
 * None is left. The last one, arm64-batch's ptep_modify_prot_commit() moved past
 * pte_unmap_unlock(), is caught where a page fault can run beside change_pte_range()
 * (UFFDIO_WRITEPROTECT, mmap_read_lock()) and equivalent under mprotect()'s mmap_write_lock()
 * (./equivalent.ts).
 */
import type { CatalogueEntry } from './catalogue-entry.js';

export const MODEL_GAPS: readonly CatalogueEntry[] = [];
