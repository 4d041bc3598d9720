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
  patch: 'Yury Norov v2 4/5 + 5/5, patch site on the EQS-exit path (e.g. a tracepoint / static key in the idle exit path)',
  apply: (p) => ({ ...p, cond: 'dynticks', isbAfterExit: true, entryRunsPatchedText: true }),
  expect: { otherwise: violated('no-stale-text-after-sync') },
  expectSource: 'DESIGN.md section 4 ("patched text runs on the entry path before EQS exit | arm64 | violated"); Mark Rutland on v2',
});
