/**
 * Catalogue entries that no longer describe a survivor: for some variant they list (and, with
 * `only`, some configuration), no mutant result is attributed to the entry. A stale entry
 * means the model or the mutants changed under it, or that the equivalence is now derived
 * (./run-mutants.ts); it must be removed or rewritten.
 */
import { entryFor, type CatalogueEntry } from './catalogue-entry.js';
import type { MutationScore } from './run-mutants.js';

export function staleEntries(list: readonly CatalogueEntry[], score: MutationScore): string[] {
  const out: string[] = [];
  for (const e of list.filter((x) => x.scenario === score.scenario)) {
    for (const variant of e.variants) {
      const used = score.results.filter(
        (r) => r.variant === variant && (r.how === 'written' || r.outcome === 'gap') && entryFor(list, score.scenario, variant, r.arch, r.id) === e,
      );
      if (used.length === 0) out.push(`${e.scenario}/${variant} ${e.mutant}`);
      for (const config of e.only ?? []) {
        if (!used.some((r) => r.arch === config)) out.push(`${e.scenario}/${variant}/${config} ${e.mutant}`);
      }
    }
  }
  return out;
}
