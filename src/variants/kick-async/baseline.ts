/**
 * Baseline: every requester queues its request and sends the empty IPI.
 * Kernel: Weisbecker 2014 kick_cpu_async() = arch_send_call_function_single_ipi(cpu).
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { KickAsyncParams } from '../../scenarios/kick-async/params.js';

export default defineVariant<KickAsyncParams>({
  name: 'baseline',
  summary: 'queue the request, always send the empty IPI',
  patch: '[PATCH 01/10] smp: Introduce void kick_cpu_async() (Frederic Weisbecker, 2014-07-28)',
  apply: (p) => p,
  expect: { otherwise: holds },
  expectSource: 'DESIGN.md section 4 ("kick-async: async empty IPI as a liveness kick | all | holds")',
});
