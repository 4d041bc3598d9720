/**
 * Surviving StrykerJS mutants of src/engines and src/core that are equivalent: no test can
 * kill them because the program means the same with and without the change. Each names one
 * mutant (its file, the mutator, the replacement, and a piece of the original line that
 * identifies it) and says in one line why it is equivalent. bench/mutation-score.ts counts
 * them apart and fails on an entry that matches no surviving mutant (a stale entry).
 */
export interface EquivalentMutant {
  readonly file: string;
  readonly mutator: string;
  /** The mutant's replacement text, as Stryker reports it. */
  readonly replacement: string;
  /** Text of the original line the mutant is on (a substring, unique enough). */
  readonly line: string;
  readonly reason: string;
}

export const EQUIVALENT: readonly EquivalentMutant[] = [];
