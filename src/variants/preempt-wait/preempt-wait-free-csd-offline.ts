/**
 * Preemptible wait; the waiting task migrates and its old CPU goes offline, where smpcfd_dead_cpu() still frees the cfd csds it is waiting on.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { PreemptWaitParams } from '../../scenarios/preempt-wait/params.js';

export default defineVariant<PreemptWaitParams>({
  name: 'preempt-wait-free-csd-offline',
  summary: 'preemptible wait, migration, cfd freed at CPU offline',
  patch: 'patch: Chuyi Zhou v1-v3 (before 9f483e5b2f12 "smp: Alloc percpu csd data in smpcfd_prepare_cpu() only once")',
  apply: (p) => ({ ...p, maskPerCpu: false, infoPerCpu: false, freeCfdAtOffline: true, preemptEnableAt: 'before-wait' }),
  expect: { otherwise: violated('ipi-data-not-freed-in-use') },
  expectSource: 'docs/verdicts.md; v2 06/12 names the use-after-free (migration plus smpcfd_dead_cpu())',
});
