/**
 * Kernel TLB flush deferred through ct work (CT_WORK_TLBI, series through v4, Nicolas Saenz
 * Julienne): flush_tlb_kernel_range() sets the work bit on CPUs not watching and IPIs the
 * rest; the entry code touches vmalloc memory (vmalloc'd stack...) before ct_work_flush().
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { CtDeferParams } from '../../scenarios/ct-defer/params.js';

export default defineVariant<CtDeferParams>({
  name: 'kernel-tlb-defer',
  summary: 'vmalloc flush deferred through CT_WORK_TLBI; entry code touches vmalloc before the flush',
  patch: 'patch: Schneider RFC v3/v4 "x86/mm, mm/vmalloc: Defer flush_tlb_kernel_range() targeting NOHZ_FULL CPUs" (dropped in v5: "Danger Zone")',
  apply: (p) => ({ ...p, sender: 'vmalloc-flush', cond: 'ct-work', ctWorkFlush: true, entryTouchesVmalloc: true }),
  expect: { otherwise: violated('no-stale-tlb-after-sync') },
  expectSource: 'docs/verdicts.md; the v5 cover letter ("Danger Zone": entry code touches vmalloc\'d memory before the work flush)',
});
