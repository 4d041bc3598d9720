/**
 * `shootdown corpus [--dir counterexamples]`: regenerates the committed regression corpus, one
 * counterexample (JSON + column diagram) per violated configuration of the matrix.
 */
import { runMatrix } from './matrix-cmd.js';
import { writeViolation } from './write-violation.js';

export function corpusCommand(f: { dir?: string }, out: (s: string) => void): number {
  const dir = f.dir ?? 'counterexamples';
  let n = 0;
  runMatrix((r) => {
    if (r.verdict !== 'violated') return;
    out(`${writeViolation(r, dir, false)}\n`);
    n++;
  }, false);
  out(`${n} counterexamples written to ${dir}/\n`);
  return 0;
}
