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
  patch: 'arch/arm64/include/asm/tlbflush.h arch_flush_tlb_batched_pending() before "arm64/mm: Close theoretical race where stale TLB entry remains valid" (Ryan Roberts, 2025)',
  apply: (p) => ({ ...p, batched: true, racingMprotect: true, pendingFlush: 'dsb-local' }),
  expect: { arm64: violated('no-stale-tlb-after-sync'), otherwise: holds },
  expectSource: 'DESIGN.md section 4; Arm ARM on DSB completing only the observer\'s own TLB maintenance (kernel-notes 2.4)',
});
