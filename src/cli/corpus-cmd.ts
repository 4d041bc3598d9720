/**
 * `shootdown corpus [--dir counterexamples]`: regenerates the committed regression corpus, one
 * counterexample (JSON + column diagram) per violated configuration of the matrix, and removes
 * the files of configurations that no longer violate, as one change (../report/commit-files.ts).
 * `npm start` (the matrix) does the same for counterexamples/.
 */
import { commitFiles } from '../report/commit-files.js';
import { checkOutputDir } from '../report/output-path.js';
import { CORPUS_DIR, corpusChanges, runMatrix } from './matrix-cmd.js';

export function corpusCommand(f: { dir?: string }, out: (s: string) => void): number {
  const dir = checkOutputDir('--dir', f.dir ?? CORPUS_DIR);
  const changes = corpusChanges(
    runMatrix(() => {}, false),
    dir,
  );
  commitFiles(changes);
  for (const c of changes) if (c.path.endsWith('.json')) out(`${c.content === null ? 'removed' : 'wrote'} ${c.path}\n`);
  const n = changes.filter((c) => c.content !== null && c.path.endsWith('.json')).length;
  out(`${n} counterexamples written to ${dir}/\n`);
  return 0;
}
