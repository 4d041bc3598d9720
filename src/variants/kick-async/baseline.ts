/**
 * Baseline: every requester queues its request and sends the empty IPI.
 * Kernel: Weisbecker 2014 kick_cpu_async() = arch_send_call_function_single_ipi(cpu).
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { KickAsyncParams } from '../../scenarios/kick-async/params.js';

export default defineVariant<KickAsyncParams>({
  name: 'baseline',
  summary: 'queue the request, always send the empty IPI',
  patch: 'patch: Frederic Weisbecker 2014 "[PATCH 01/10] smp: Introduce void kick_cpu_async()" (always kick after queueing)',
  apply: (p) => p,
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md: every request is followed by an IPI, so the target passes through irq_exit() after it',
});
