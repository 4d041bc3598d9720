/**
 * Variants whose surviving mutants someone has looked at: each survivor is caught, justified
 * (derived, or a reason written in ./equivalent.ts) or a listed model gap. A new survivor of
 * one of them is a regression (`shootdown mutate` exits 1, the catalogue test fails). A variant
 * missing here (a new file) is mutated just the same, but its unexplained survivors are
 * findings to look at, reported by `shootdown mutate`, not failures: add it here once each has
 * a reason or the model catches it.
 */
export const REVIEWED: Readonly<Record<string, readonly string[]>> = {
  'arm64-batch': ['baseline', 'batched', 'batched-pending-flush-mm', 'batched-pending-remote-dsb', 'uffd-wp', 'uffd-wp-commit-after-unlock'],
  'ct-defer': [
    'coalesce-tlbi-flag-before-flush',
    'coalesce-tlbi-flag-before-flush-mb',
    'coalesce-tlbi-freed-tables',
    'coalesce-tlbi-ordered',
    'coalesce-tlbi-vmalloc',
    'kernel-tlb-defer',
    'text-poke-defer',
    'text-poke-defer-entry-text-patched',
  ],
  'eqs-kick': [
    'baseline',
    'skip-eqs-atomic-inc',
    'skip-eqs-atomic-inc-mb',
    'skip-eqs-isb-after-exit',
    'skip-eqs-isb-before-exit',
    'skip-eqs-no-isb',
    'skip-eqs-no-mb',
    'skip-eqs-patched-entry-text',
  ],
  'kick-async': ['baseline', 'async-kick-as-sync', 'coalesce-if-pending', 'coalesce-llist-add'],
  'mmu-gather': ['baseline', 'mainline', 'no-sync', 'skip-sync', 'skip-sync-any-ipi-flush', 'skip-sync-as-posted', 'skip-sync-lazy-not-woken', 'skip-sync-no-preceding-flush'],
  'preempt-wait': [
    'baseline',
    'as-merged',
    'kvm-preemptible-pv-mask',
    'preempt-before-queued',
    'preempt-wait-free-csd-offline',
    'preempt-wait-percpu-info',
    'preempt-wait-percpu-mask',
    'preempt-wait-skip-offline',
  ],
};

export function isReviewed(scenario: string, variant: string): boolean {
  return REVIEWED[scenario]?.includes(variant) === true;
}
