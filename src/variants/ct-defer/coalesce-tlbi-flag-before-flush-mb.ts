/**
 * As coalesce-tlbi-flag-before-flush, with smp_mb() on the flushing side only (between
 * vunmap_range_noflush() and the kernel_cr3_loaded reads). Under x86-TSO the entering CPU's
 * flag store can still wait in its store buffer while its page walk loads the old PTE: one
 * barrier of a store-buffering pair is not enough.
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { CtDeferParams } from '../../scenarios/ct-defer/params.js';

export default defineVariant<CtDeferParams>({
  name: 'coalesce-tlbi-flag-before-flush-mb',
  summary: 'flag before the flush (after SWITCH_TO_KERNEL_CR3), smp_mb() on the flushing side only',
  patch: 'patch: RFC v7 30/31 with the flag moved above the flush, plus smp_mb() in flush_tlb_kernel_range_deferrable()',
  apply: (p) => ({ ...p, sender: 'vmalloc-flush', cond: 'kernel-cr3', coalesceTlbi: 'flag-before-flush', entryTouchesVmalloc: true, senderMb: true }),
  expect: { 'x86-native/tso': violated('no-stale-tlb-after-sync'), otherwise: holds },
  expectSource: 'docs/verdicts.md; Dave Hansen on RFC v7 30/31 ("you need to ensure that it has seen the page table update"); store buffering needs a barrier on both sides',
});
