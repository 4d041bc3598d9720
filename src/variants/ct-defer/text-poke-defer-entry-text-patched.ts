/**
 * As text-poke-defer, but a patched site runs on the entry path before ct_work_flush(): the
 * series' invariant ("any kernel instruction leading to the execution of the deferred
 * instruction sync must not be mutable") broken, e.g. a static key in early entry code that
 * is not __ro_after_init.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { CtDeferParams } from '../../scenarios/ct-defer/params.js';

export default defineVariant<CtDeferParams>({
  name: 'text-poke-defer-entry-text-patched',
  summary: 'sync_core() deferred, but a patched site runs before ct_work_flush()',
  patch: 'patch: Schneider v5 25/25 without its noinstr / __ro_after_init restriction on entry text',
  apply: (p) => ({ ...p, sender: 'text-poke', cond: 'ct-work', ctWorkFlush: true, entryRunsPatchedText: true }),
  expect: { otherwise: violated('no-stale-text-after-sync') },
  expectSource: 'docs/verdicts.md; Schneider v5 25/25 (the series falls back to IPI-everyone for .noinstr addresses)',
});
