/**
 * Spare the IPI only when the atomic llist_add() reports the queue was not empty: the adder
 * that found it empty owes the IPI, and the target's llist_del_all() after that IPI takes
 * every node added before it.
 * Kernel: kernel/smp.c __smp_call_single_queue(): if (llist_add(node, queue)) send IPI.
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { KickAsyncParams } from '../../scenarios/kick-async/params.js';

export default defineVariant<KickAsyncParams>({
  name: 'coalesce-llist-add',
  summary: 'send the IPI only if llist_add() returns true (queue was empty)',
  patch: 'kernel/smp.c: __smp_call_single_queue() -> llist_add(), send_call_function_single_ipi() (the IPI only if the queue was empty) | kernel/irq_work.c: irq_work_queue_on() -> __smp_call_single_queue()',
  apply: (p) => ({ ...p, policy: 'llist-add-was-empty' }),
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md; 7.1.5 __smp_call_single_queue(): if (llist_add(...)) send_call_function_single_ipi(cpu)',
});
