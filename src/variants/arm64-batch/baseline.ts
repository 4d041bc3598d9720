/**
 * Baseline: no batching; try_to_unmap_one() clears and flushes each PTE at once
 * (get_and_clear_ptes(), flush_tlb_range(): arm64 TLBI + DSB by the same CPU before the PTL is
 * dropped; x86 IPIs, waited for): 7.1.5 when should_defer_flush() is false.
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { Arm64BatchParams } from '../../scenarios/arm64-batch/params.js';

export default defineVariant<Arm64BatchParams>({
  name: 'baseline',
  summary: 'clear and flush each PTE at once, no deferred flush',
  patch: 'mm/rmap.c: try_to_unmap_one() -> get_and_clear_ptes(), flush_tlb_range() (should_defer_flush() is false)',
  apply: (p) => ({ ...p, batched: false }),
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md: unhook, invalidate, free (0d6e24d430ef)',
});
