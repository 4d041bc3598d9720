/**
 * The hooks of the eqs-kick scenario: what a variant (Yury Norov's 2018 series) may change.
 * Baseline: mainline kick_all_cpus_sync() = smp_mb(); smp_call_function(do_nothing, NULL, 1).
 */
import type { EqsExitAtomic } from '../../mechanisms/eqs-entry.js';

export interface EqsKickParams {
  /** Which CPUs kick_all_cpus_sync() IPIs: all, or only those not in EQS by their dynticks counter. */
  readonly cond: 'all' | 'dynticks';
  /** Norov v2 3/5: isb() early at EQS exit (arm64 only; see ArchConfig.eqsExitIsbHooks). */
  readonly isbBeforeExit: boolean;
  /** Norov v2 4/5: isb() right after the value-returning atomic at EQS exit (arm64 only). */
  readonly isbAfterExit: boolean;
  /** A patched site lies on the entry path before EQS exit. */
  readonly entryRunsPatchedText: boolean;
  /** kick_all_cpus_sync() starts with smp_mb() before reading the remote dynticks counters. */
  readonly senderMb: boolean;
  /** The EQS-exit increment of the dynticks counter (2018: atomic_add_return()). */
  readonly eqsExitAtomic: EqsExitAtomic;
}

export const eqsKickBase: EqsKickParams = {
  cond: 'all',
  isbBeforeExit: false,
  isbAfterExit: false,
  entryRunsPatchedText: false,
  senderMb: true,
  eqsExitAtomic: 'atomic_add_return',
};
