/**
 * Does an answer agree with the test's header? The rules of the kernel's
 * `tools/memory-model/scripts/judgelitmus.sh`: a `DATARACE` in the `Result:` line must come
 * with the `data-race` flag and only with it, and the outcome word must match, except that
 * when a data race is both predicted and found a different outcome is `forgiven` (the
 * header then often states what a compiler may do to racy code, which LKMM does not model);
 * `DEADLOCK` means no execution at all, and no execution at all (herd7's `Never 0 0`) is a
 * disagreement with any other word. Other words (`Maybe`, ...) predict nothing.
 */
import type { LitmusResult } from './run.js';

export type Agreement = 'agree' | 'forgiven' | 'disagree' | 'no prediction';

export function agreement(r: LitmusResult): Agreement {
  const e = r.expected;
  if (e === null || r.status !== 'answer') return 'no prediction';
  const race = r.flags.includes('data-race');
  if (e.outcome === 'DEADLOCK') return r.positive + r.negative === 0 ? 'agree' : 'disagree';
  if (e.outcome !== 'Never' && e.outcome !== 'Sometimes' && e.outcome !== 'Always') return 'no prediction';
  if (r.positive + r.negative === 0) return 'disagree';
  if (e.datarace !== race) return 'disagree';
  if (e.outcome === r.outcome) return 'agree';
  return race ? 'forgiven' : 'disagree';
}
