/**
 * COALESCE_TLBI ordered on both sides: the entering CPU sets kernel_cr3_loaded = 1 before
 * SWITCH_TO_KERNEL_CR3 (the MOV to CR3 is serialising, so the flag is visible before any walk
 * of the kernel page tables), then flushes; the flushing CPU orders vfree()'s PTE clear before
 * its kernel_cr3_loaded reads with smp_mb(). Holds under SC and x86-TSO.
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { CtDeferParams } from '../../scenarios/ct-defer/params.js';

export default defineVariant<CtDeferParams>({
  name: 'coalesce-tlbi-ordered',
  summary: 'kernel_cr3_loaded = 1 before SWITCH_TO_KERNEL_CR3, full flush; smp_mb() before the flag reads',
  patch: 'patch: RFC v7 30/31 reordered as Dave Hansen asked (the flag visible before any kernel page walk, the PTE clear visible before the flag reads)',
  apply: (p) => ({ ...p, sender: 'vmalloc-flush', cond: 'kernel-cr3', coalesceTlbi: 'flag-before-cr3-switch', entryTouchesVmalloc: true, senderMb: true }),
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md; Dave Hansen on RFC v7 30/31; Intel SDM vol. 3A: MOV to CR3 is serialising, INVPCID is not',
});
