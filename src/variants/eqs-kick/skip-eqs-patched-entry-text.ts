/**
 * As v2 4/5, but a patched site lies on the entry path before EQS exit (before the ISB after
 * the atomic): a skipped CPU runs it with a stale instruction stream.
 * Kernel: Mark Rutland on v2: patching entry text requires the full kick.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { EqsKickParams } from '../../scenarios/eqs-kick/params.js';

export default defineVariant<EqsKickParams>({
  name: 'skip-eqs-patched-entry-text',
  summary: 'skip EQS CPUs; isb() after the EQS-exit atomic, but patched text runs before it',
  patch: 'patch: Yury Norov v2 4/5 + 5/5 with a patch site on the EQS-exit path (a tracepoint or static key before the EQS exit)',
  apply: (p) => ({ ...p, cond: 'dynticks', isbAfterExit: true, entryRunsPatchedText: true }),
  expect: { otherwise: violated('no-stale-text-after-sync') },
  expectSource: 'docs/verdicts.md; Mark Rutland on v2: patching entry text needs the full kick',
});
