/**
 * text_poke_bp_batch() defers sync_core() for CPUs not watching: on_each_cpu_cond(
 * do_sync_core_defer_cond) sets CT_WORK_SYNC via ct_set_cpu_work() and IPIs only the CPUs
 * where that fails; ct_kernel_enter_state() runs ct_work_flush(). No instruction on the entry
 * path before ct_work_flush() is patchable (noinstr, __ro_after_init keys, objtool).
 * Kernel: Schneider v5 25/25 (idx:22651145929), v7 24/31 (idx:27081588206).
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { CtDeferParams } from '../../scenarios/ct-defer/params.js';

export default defineVariant<CtDeferParams>({
  name: 'text-poke-defer',
  summary: 'sync_core() deferred through CT_WORK_SYNC; entry text before ct_work_flush() immutable',
  patch: 'patch: Valentin Schneider v5 25/25 "x86/alternatives: defer sync_core() for nohz_full CPUs" with v7\'s context-tracking work',
  apply: (p) => ({ ...p, sender: 'text-poke', cond: 'ct-work', ctWorkFlush: true }),
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md; the series\' invariant: no mutable instruction runs on the entry path before ct_work_flush()',
});
