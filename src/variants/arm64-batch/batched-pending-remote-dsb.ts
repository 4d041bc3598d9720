/**
 * Batched unmap with a racing mprotect()/munmap() whose flush_tlb_batched_pending() is
 * arch_flush_tlb_batched_pending() = dsb(ish) on the calling CPU: it cannot complete TLBIs
 * issued by the reclaiming CPU (x86 keeps flush_tlb_mm()).
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { Arm64BatchParams } from '../../scenarios/arm64-batch/params.js';

export default defineVariant<Arm64BatchParams>({
  name: 'batched-pending-remote-dsb',
  summary: 'as batched, plus mprotect racing; flush_tlb_batched_pending() = dsb(ish) on the caller',
  patch: 'history: arm64 arch_flush_tlb_batched_pending() was dsb(ish) (db6c1f6f236d) until "arm64/mm: Close theoretical race where stale TLB entry remains valid" (Ryan Roberts, 2025)',
  apply: (p) => ({ ...p, batched: true, racingMprotect: true, pendingFlush: 'dsb-local' }),
  expect: { arm64: violated('no-stale-tlb-after-sync'), otherwise: holds },
  expectSource: 'docs/verdicts.md; the Arm ARM: a DSB completes only the TLB maintenance of the CPU that executes it',
});
