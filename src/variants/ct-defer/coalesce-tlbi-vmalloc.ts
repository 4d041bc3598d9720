/**
 * COALESCE_TLBI: on nohz_full CPUs SWITCH_TO_KERNEL_CR3 sets kernel_cr3_loaded = 1 and does a
 * full flush (INVPCID ALL_INCL_GLOBAL); SWITCH_TO_USER_CR3 clears it. flush_tlb_kernel_range_
 * deferrable() skips CPUs with !kernel_cr3_loaded. Only vmalloc ranges whose page tables are
 * never freed.
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { CtDeferParams } from '../../scenarios/ct-defer/params.js';

export default defineVariant<CtDeferParams>({
  name: 'coalesce-tlbi-vmalloc',
  summary: 'full flush after SWITCH_TO_KERNEL_CR3; sender skips !kernel_cr3_loaded CPUs; vmalloc only',
  patch: 'Schneider v6/v7 RFC "x86/entry: coalesce TLB flushes" (COALESCE_TLBI), flush_tlb_kernel_range_deferrable()',
  apply: (p) => ({ ...p, sender: 'vmalloc-flush', cond: 'kernel-cr3', coalesceTlbi: true, entryTouchesVmalloc: true }),
  expect: () => holds,
  expectSource: 'DESIGN.md section 4 ("full flush right after kernel CR3 switch, vmalloc only | x86 | holds")',
});
