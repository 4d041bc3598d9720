/**
 * As preempt-before-queued, with a naive cure for its hang: csd_lock_wait() skips a target that
 * went offline. The csd queued there after smpcfd_dying_cpu() never runs, so the call returns
 * without its function having run on that target.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';

export default defineVariant<PreemptWaitParams>({
  name: 'preempt-wait-skip-offline',
  summary: 'as preempt-before-queued, but the wait skips targets that went offline',
  patch: 'patch: preempt-before-queued with csd_lock_wait() skipped for CPUs no longer online (a naive fix of the hang; not proposed on the list)',
  apply: (p) => ({ ...p, maskPerCpu: false, infoPerCpu: false, freeCfdAtOffline: false, preemptEnableAt: 'before-queue', waitSkipsOffline: true }),
  expect: { otherwise: violated('sync-waits-for-targets') },
  expectSource: 'docs/verdicts.md: a synchronous call must not return before every target ran its function (kernel/smp.c: smp_call_function_many_cond() with SCF_WAIT)',
});
