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

export const EQUIVALENT: readonly Equivalence[] = [
  {
    scenario: 'kick-async',
    pattern: /^(baseline|coalesce-llist-add)\/[^/]+\/later:nohz_full target\/nohz_full user\/flush_smp_call_function_queue<>irq_exit@1$/,
    reason:
      "model gap, named: irq_exit() is a no-op here (tick_nohz_irq_exit()'s re-evaluation, which must see the work the requests queued, is not modelled: the property is that every request is taken), so taking the queue after irq_exit() cannot be told apart",
  },
  {
    scenario: 'kick-async',
    pattern: /^async-kick-as-sync\/x86-native\/(drop|later|swap):freer\//,
    reason:
      "on x86-native the preceding flush IPI is waited for and cannot be handled while GUP-fast has IRQs off, so no walker holds T once the flush returned (README, model findings: async-kick-as-sync holds on x86-native); the kick, its place, the RCU grace period and the order of the later steps add no ordering there (data pages and the new PMD's contents are not modelled)",
  },
];
