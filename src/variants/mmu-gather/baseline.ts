/**
 * Baseline: tlb_remove_table_sync_one() always sends its IPI and waits.
 * Kernel: mm/mmu_gather.c before Lance Yang's series (the hook returns false).
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'baseline',
  summary: 'sync IPI always: smp_call_function(tlb_remove_table_smp_sync, NULL, 1) before free/reuse',
  patch: 'mm/mmu_gather.c: tlb_remove_table_sync_one() (mainline; hook default false)',
  apply: (p) => p,
  expect: { otherwise: holds },
  expectSource: 'DESIGN.md section 4: "mmu-gather: baseline (sync IPI) | all | holds"',
});
