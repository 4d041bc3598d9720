/**
 * Baseline: Linux 7.1.5 plus one hunk of Lance Yang's v8 2/2, the x86 tlb_flush() passing
 * `freed_tables || unshared_tables` (so a hugetlb unshare flushes lazy-TLB CPUs too); the hook
 * tlb_table_flush_implies_ipi_broadcast() is absent (false), so tlb_remove_table_sync_one()
 * always sends its IPI and waits. The variants of the series are deltas on this; `mainline` is
 * 7.1.5 itself (docs/unshared-table.md says why the hunk matters on its own).
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'baseline',
  summary: '7.1.5 + v8 2/2 x86 tlb_flush() hunk (unshare flushes lazy CPUs); sync IPI always',
  patch: 'mm/mmu_gather.c: tlb_remove_table_sync_one() -> smp_call_function() | patch: Lance Yang v8 2/2, only its arch/x86/include/asm/tlb.h hunk (tlb_flush() passes freed_tables || unshared_tables)',
  apply: (p) => p,
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md: a sync IPI after a flush that reached every CPU caching a pointer to T, lazy ones included, is the protocol the series starts from',
});
