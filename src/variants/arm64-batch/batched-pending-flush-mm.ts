/**
 * Batched unmap with a racing mprotect()/munmap() whose flush_tlb_batched_pending() does
 * flush_tlb_mm(): a fresh TLBI by the caller, completed by the caller's own DSB.
 * Kernel: Ryan Roberts 2025 fix; follow-up makes it generic (reverting db6c1f6f236d).
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { Arm64BatchParams } from '../../scenarios/arm64-batch/params.js';

export default defineVariant<Arm64BatchParams>({
  name: 'batched-pending-flush-mm',
  summary: 'as batched, plus mprotect racing; flush_tlb_batched_pending() = flush_tlb_mm()',
  patch: 'mm/rmap.c: flush_tlb_batched_pending() -> flush_tlb_mm() (Ryan Roberts, 2025, "arm64/mm: Close theoretical race where stale TLB entry remains valid")',
  apply: (p) => ({ ...p, batched: true, racingMprotect: true, pendingFlush: 'flush-mm' }),
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md: flush_tlb_mm() completes every CPU\'s TLBIs',
});
