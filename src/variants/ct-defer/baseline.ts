/**
 * Baseline: mainline text patching. smp_text_poke_batch_finish() writes the instruction and
 * smp_text_poke_sync_each_cpu() IPIs every other CPU, EQS or not, and waits for do_sync_core().
 * Kernel: arch/x86/kernel/alternative.c smp_text_poke_sync_each_cpu() = on_each_cpu(do_sync_core, NULL, 1).
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { CtDeferParams } from '../../scenarios/ct-defer/params.js';

export default defineVariant<CtDeferParams>({
  name: 'baseline',
  summary: 'IPI every CPU, EQS or not, and wait for do_sync_core() on each',
  patch: 'arch/x86/kernel/alternative.c: smp_text_poke_batch_finish() -> smp_text_poke_sync_each_cpu() -> on_each_cpu(do_sync_core)',
  apply: (p) => p,
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md: every CPU takes the IPI, and returning from it synchronises',
});
