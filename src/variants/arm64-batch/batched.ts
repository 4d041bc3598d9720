/**
 * Batched unmap: TLBI at arch_tlbbatch_add_pending(), one dsb(ish) in arch_tlbbatch_flush() by
 * the same task, which may migrate in between (its __switch_to DSB completes the TLBIs issued
 * on the CPU it leaves). No mprotect races here: the question is reclaim alone.
 * Kernel: 43b3dfdd0455 "arm64: support batched/deferred tlb shootdown during page reclamation/migration".
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { Arm64BatchParams } from '../../scenarios/arm64-batch/params.js';

export default defineVariant<Arm64BatchParams>({
  name: 'batched',
  summary: 'TLBI at add_pending, one DSB at tlbbatch flush, same task (may migrate)',
  patch: 'mm/rmap.c: set_tlb_ubc_flush_pending() -> arch_tlbbatch_add_pending() | mm/rmap.c: try_to_unmap_flush() -> arch_tlbbatch_flush() (arm64 since 43b3dfdd0455, Barry Song and Yicong Yang)',
  apply: (p) => ({ ...p, batched: true, racingMprotect: false }),
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md; Ryan Roberts: arch_tlbbatch_flush() only needs the TLBIs of the same shrink_folio_list(), on the same CPU or covered by the __switch_to() DSB',
});
