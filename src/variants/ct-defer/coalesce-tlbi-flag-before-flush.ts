/**
 * COALESCE_TLBI with kernel_cr3_loaded = 1 set before the flush (with SWITCH_TO_KERNEL_CR3), as
 * Valentin Schneider proposed in reply to Dave Hansen on RFC v7 30/31: under SC every window in
 * which the CPU can hold an old translation is either before its own flush or covered by IPIs.
 * Under x86-TSO it is a store-buffering shape: the flag store can wait in the CPU's store
 * buffer past its flush and page walks (INVPCID is not serialising), and vfree()'s PTE clear in
 * the sender's past its kernel_cr3_loaded reads, so each misses the other.
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { CtDeferParams } from '../../scenarios/ct-defer/params.js';

export default defineVariant<CtDeferParams>({
  name: 'coalesce-tlbi-flag-before-flush',
  summary: 'SWITCH_TO_KERNEL_CR3; kernel_cr3_loaded = 1; full flush; sender skips !kernel_cr3_loaded CPUs',
  patch: 'patch: RFC v7 30/31 with "punt the kernel_cr3_loaded write above the unconditional flush" (Schneider, 2025-11-21)',
  apply: (p) => ({ ...p, sender: 'vmalloc-flush', cond: 'kernel-cr3', coalesceTlbi: 'flag-before-flush', entryTouchesVmalloc: true }),
  expect: { 'x86-native/tso': violated('no-stale-tlb-after-sync'), otherwise: holds },
  expectSource:
    'docs/verdicts.md; Dave Hansen on RFC v7 30/31: "that would eliminate the window, as long as the memory ordering is right. You not only need to have the KERNEL_CR3_LOADED:=1 CPU set that variable, you need to ensure that it has seen the page table update"',
});
