/**
 * Spare the IPI when the target's queue is already non-empty, checked before (and apart from)
 * adding the request: the target may take the queue and return to EQS between the check and
 * the add, and nobody kicks it for the new request.
 * Kernel: the NOTE in kick_cpu_async(): "This can't be done properly without cmpxchg()".
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { KickAsyncParams } from '../../scenarios/kick-async/params.js';

export default defineVariant<KickAsyncParams>({
  name: 'coalesce-if-pending',
  summary: 'if (!llist_empty(queue)) spare the IPI; then llist_add() (check-then-act, no atomic)',
  patch: 'patch: Weisbecker 2014 kick_cpu_async() NOTE (spare the IPI if call_single_queue is not empty), done without cmpxchg()',
  apply: (p) => ({ ...p, policy: 'if-queue-empty-checked-first' }),
  expect: { otherwise: violated('every-kick-observed') },
  expectSource: 'docs/verdicts.md; the NOTE itself: it "can\'t be done properly without cmpxchg()"',
});
