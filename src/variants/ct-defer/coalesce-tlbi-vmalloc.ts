/**
 * COALESCE_TLBI as posted (RFC v7 30/31): on nohz_full CPUs the entry code does
 * SWITCH_TO_KERNEL_CR3, a full flush (INVPCID ALL_INCL_GLOBAL), then kernel_cr3_loaded = 1;
 * SWITCH_TO_USER_CR3 clears it first. flush_tlb_kernel_range_deferrable() skips CPUs with
 * !kernel_cr3_loaded. Between the flush and the flag the CPU is on the kernel page tables, its
 * hardware walker can refill the old translation of V, and a flush in that window skips it.
 * Only vmalloc ranges whose page tables are never freed.
 * Kernel: Dave Hansen on v7 30/31 (2025-11-21): the window "where a remote flush IPI may be
 * omitted" is "a bug"; Valentin Schneider's reply states the posted order.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { CtDeferParams } from '../../scenarios/ct-defer/params.js';

export default defineVariant<CtDeferParams>({
  name: 'coalesce-tlbi-vmalloc',
  summary: 'SWITCH_TO_KERNEL_CR3; full flush; kernel_cr3_loaded = 1 (as posted); sender skips !kernel_cr3_loaded CPUs',
  patch: 'patch: Schneider RFC v7 30/31 "x86/mm, mm/vmalloc: Defer kernel TLB flush IPIs under CONFIG_COALESCE_TLBI=y"',
  apply: (p) => ({ ...p, sender: 'vmalloc-flush', cond: 'kernel-cr3', coalesceTlbi: 'flag-after-flush', entryTouchesVmalloc: true }),
  expect: { otherwise: violated('no-stale-tlb-after-sync') },
  expectSource: 'docs/verdicts.md; Dave Hansen reviewing RFC v7 30/31 (2025-11-21): the window between the flush and the flag is a bug',
});
