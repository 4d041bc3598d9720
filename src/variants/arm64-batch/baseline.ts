/**
 * Baseline: no batching; try_to_unmap_one() uses ptep_clear_flush() per page (arm64: TLBI + DSB
 * by the same CPU before the PTL is dropped; x86: flush_tlb_page() IPIs, waited for).
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { Arm64BatchParams } from '../../scenarios/arm64-batch/params.js';

export default defineVariant<Arm64BatchParams>({
  name: 'baseline',
  summary: 'ptep_clear_flush() per page, no deferred flush',
  patch: 'mm/rmap.c: try_to_unmap_one() when should_defer_flush() is false',
  apply: (p) => ({ ...p, batched: false }),
  expect: { otherwise: holds },
  expectSource: 'kernel-notes 3.2 (unhook, invalidate, free) and 3.7',
});
