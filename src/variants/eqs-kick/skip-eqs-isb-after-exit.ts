/**
 * Norov v2 4/5: skip EQS CPUs; arm64's rcu_dynticks_eqs_exit_sync() = isb() right after
 * atomic_add_return(RCU_DYNTICK_CTRL_CTR, &rdtp->dynticks). Either the sender's read comes
 * after the increment (IPI) or the ISB comes after the patch. The weak default of the hook is
 * empty, so on powerpc (which v2 also converted) nothing synchronises.
 * Kernel: <20180405171800.5648-1-ynorov@caviumnetworks.com> 4/5 + 5/5.
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { EqsKickParams } from '../../scenarios/eqs-kick/params.js';

export default defineVariant<EqsKickParams>({
  name: 'skip-eqs-isb-after-exit',
  summary: 'skip EQS CPUs; isb() right after the value-returning atomic at EQS exit',
  patch: 'patch: Yury Norov v2 4/5 "rcu: arm64: add rcu_dynticks_eqs_exit_sync()" + 5/5',
  apply: (p) => ({ ...p, cond: 'dynticks', isbAfterExit: true }),
  expect: {
    powerpc: violated('no-stale-text-after-sync'),
    'powerpc/tso': violated('no-stale-text-after-sync'),
    'powerpc/weak': violated('no-stale-text-after-sync'),
    otherwise: holds,
  },
  expectSource: 'docs/verdicts.md (arm64 holds; powerpc is a model finding: the hook exists for arm64 only, and a CPU leaving idle from a polling loop takes no exception)',
});
