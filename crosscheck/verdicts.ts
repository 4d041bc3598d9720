/**
 * The two verdicts the cross-check compares, as closed unions: ours (the TypeScript model, run
 * through the built CLI) and SPIN's (pan on the independent Promela model). Everything that is
 * not a verdict (a capped run, a variant the Promela file has no switch for, a failed run) is a
 * case of its own, so the comparator can never mistake it for agreement.
 */

/** Our CLI's answer for one scenario/variant/arch at N CPUs (memory model: the default, sc). */
export type OursVerdict =
  | { readonly kind: 'holds'; readonly cpus: number; readonly states: number }
  | { readonly kind: 'violated'; readonly property: string; readonly cpus: number; readonly states: number }
  | { readonly kind: 'inconclusive'; readonly cpus: number; readonly states: number }
  | { readonly kind: 'error'; readonly message: string };

/** SPIN's answer for the same configuration at N CPUs. */
export type SpinVerdict =
  | { readonly kind: 'holds'; readonly states: number; readonly seconds: number }
  | {
      readonly kind: 'violated';
      /** The failing assertion's expression as pan prints it, or pan's error ("invalid end state"). */
      readonly assertion: string;
      /** The property that assertion stands for, or null if the assertion is not one we know. */
      readonly property: string | null;
      readonly states: number;
      readonly seconds: number;
    }
  /** `states`: stored when pan stopped (a lower bound; 0 if it printed no count). */
  | { readonly kind: 'capped'; readonly reason: string; readonly states: number; readonly seconds: number }
  | { readonly kind: 'not-modelled'; readonly missing: string }
  | { readonly kind: 'error'; readonly message: string };

/** One configuration of one scenario, as run by both checkers. */
export interface Job {
  readonly scenario: string;
  readonly variant: string;
  readonly arch: string;
  readonly cpus: number;
  /** The CLI lists memory models for this scenario: ask for `--model sc` explicitly. */
  readonly selectSc: boolean;
}

export interface Row extends Job {
  readonly ours: OursVerdict;
  /** SPIN at N = job.cpus. */
  readonly spin: SpinVerdict;
  /**
   * SPIN again at the CPU count ours reports its violation at, when that is fewer than N (ours
   * shows a violation on the fewest CPUs that violate); null otherwise.
   */
  readonly spinAtOursCpus: SpinVerdict | null;
}
