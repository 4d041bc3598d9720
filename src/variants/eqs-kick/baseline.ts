/**
 * Baseline: kick_all_cpus_sync() IPIs every other online CPU and waits.
 * Kernel: kernel/smp.c kick_all_cpus_sync() = smp_mb(); smp_call_function(do_nothing, NULL, 1).
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { EqsKickParams } from '../../scenarios/eqs-kick/params.js';

export default defineVariant<EqsKickParams>({
  name: 'baseline',
  summary: 'IPI every CPU, EQS or not, and wait for do_nothing on each',
  patch: 'kernel/smp.c: kick_all_cpus_sync() -> smp_mb(), smp_call_function()',
  apply: (p) => p,
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md',
});
