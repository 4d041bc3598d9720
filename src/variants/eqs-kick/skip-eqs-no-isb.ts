/**
 * Norov v1: kick only CPUs not in EQS; nothing synchronises the instruction stream of a CPU
 * that leaves EQS afterwards (the idle wake-up takes no exception).
 * Kernel: "smp: don't kick CPUs running idle or nohz_full tasks", lkml.org/lkml/2018/3/25/109
 * (kick_active_cpus_sync()).
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { EqsKickParams } from '../../scenarios/eqs-kick/params.js';

export default defineVariant<EqsKickParams>({
  name: 'skip-eqs-no-isb',
  summary: 'skip CPUs whose dynticks counter says EQS; no ISB at EQS exit',
  patch: 'patch: Yury Norov v1 (2018-03-25), kick_active_cpus_sync()',
  apply: (p) => ({ ...p, cond: 'dynticks' }),
  expect: { otherwise: violated('no-stale-text-after-sync') },
  expectSource: 'docs/verdicts.md; Will Deacon on v1: stale instructions on CPUs coming out of idle need an ISB',
});
