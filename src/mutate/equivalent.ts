/**
 * Surviving mutants studied by hand and found equivalent, each with its reason. A mutant that
 * survives and is not listed here (and whose edited steps do run) counts against the score.
 */
export interface Equivalence {
  readonly scenario: string;
  /** Matched against `${variant}/${arch}/${mutant id}`. */
  readonly pattern: RegExp;
  readonly reason: string;
}

export const EQUIVALENT: readonly Equivalence[] = [];
