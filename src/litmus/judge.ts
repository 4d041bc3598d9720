/**
 * Does an answer agree with the test's header? The rules of the kernel's
 * `tools/memory-model/scripts/judgelitmus.sh`, strictly: the outcome word must match, and a
 * `DATARACE` in the `Result:` line must come with the `data-race` flag and only with it;
 * `DEADLOCK` means no execution at all. Other words (`Maybe`, ...) predict nothing.
 */
import type { LitmusResult } from './run.js';

export type Agreement = 'agree' | 'disagree' | 'no prediction';

export function agreement(r: LitmusResult): Agreement {
  const e = r.expected;
  if (e === null || r.status !== 'answer') return 'no prediction';
  const race = r.flags.includes('data-race');
  if (e.outcome === 'DEADLOCK') return r.positive + r.negative === 0 ? 'agree' : 'disagree';
  if (e.outcome !== 'Never' && e.outcome !== 'Sometimes' && e.outcome !== 'Always') return 'no prediction';
  return e.outcome === r.outcome && e.datarace === race ? 'agree' : 'disagree';
}
