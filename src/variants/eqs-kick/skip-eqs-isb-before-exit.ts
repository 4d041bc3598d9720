/**
 * Norov v2 3/5: skip EQS CPUs; the CPU leaving EQS executes isb() early (isb_if_eqs in
 * el0_svc_naked; arch_cpu_idle_exit(): if (!rcu_is_watching()) isb()), before the dynticks
 * counter is incremented. The sender may read the counter as EQS after that ISB, patch
 * having come before its read, and skip the CPU, which then runs stale text.
 * Kernel: <20180405171800.5648-1-ynorov@caviumnetworks.com> 3/5 + 5/5.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { EqsKickParams } from '../../scenarios/eqs-kick/params.js';

export default defineVariant<EqsKickParams>({
  name: 'skip-eqs-isb-before-exit',
  summary: 'skip EQS CPUs; isb() early at EQS exit, before atomic_add_return() on dynticks',
  patch: 'patch: Yury Norov v2 3/5 "arm64: ISB early at exit from extended quiescent state" + 5/5',
  apply: (p) => ({ ...p, cond: 'dynticks', isbBeforeExit: true }),
  expect: { otherwise: violated('no-stale-text-after-sync') },
  expectSource: 'docs/verdicts.md; Mark Rutland on v2: the ISB must come after leaving EQS',
});
