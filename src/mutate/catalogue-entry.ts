/**
 * One entry of the mutation catalogue (./equivalent.ts, ./model-gaps.ts): a surviving mutant
 * named exactly by scenario, variant and its arch-independent id (`kind:role/program/steps@index`,
 * see ./mutants.ts), with the written reason it survives. `only` narrows an entry whose reason
 * depends on the configuration (`x86-native`, or `arch/memory model` such as `arm64/tso`);
 * without it the reason holds on every `holds` configuration of the listed variants.
 */
export interface CatalogueEntry {
  readonly scenario: string;
  readonly variants: readonly string[];
  readonly mutant: string;
  readonly only?: readonly string[];
  readonly reason: string;
}

/** The entry of `list` naming this mutant on this configuration, if any. */
export function entryFor(list: readonly CatalogueEntry[], scenario: string, variant: string, config: string, mutant: string): CatalogueEntry | undefined {
  return list.find(
    (e) => e.scenario === scenario && e.mutant === mutant && e.variants.includes(variant) && (e.only === undefined || e.only.includes(config)),
  );
}
