/**
 * Writing several files as one change: after an interruption at any instant, either every file
 * is old or every file is new. Each new content is first written in full to a temporary sibling;
 * then a journal naming every rename (and removal) is itself renamed into place: from that
 * instant the change is decided. The renames and removals follow, then the journal goes. A run
 * killed after the journal landed (SIGKILL, power loss) leaves it behind, and the next run of
 * `shootdown` finishes the change from it before doing anything else (`recoverCommit`); one
 * killed before leaves only temporary files, which nothing reads, and the old files. Ctrl-C
 * cannot stop the writes half-way: they are synchronous, and the caller keeps its SIGINT
 * handler installed until they are done.
 */
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { renameTemp, writeFileAtomic, writeTemp } from './atomic-write.js';
import { ioReason, OutputError } from './output-path.js';

/** The journal of a change in progress, in the directory it is run from. */
export const JOURNAL = '.shootdown-commit.json';

/** A file's new content, or `null` to remove it. */
export interface FileChange {
  readonly path: string;
  readonly content: string | null;
}

interface JournalEntry {
  readonly tmp: string | null;
  readonly path: string;
}

function apply(entries: readonly JournalEntry[], after?: (i: number) => void): void {
  entries.forEach((e, i) => {
    if (e.tmp === null) {
      try {
        unlinkSync(e.path);
      } catch (err) {
        if (existsSync(e.path)) throw new OutputError(`cannot remove '${e.path}' (${ioReason(err)})`);
      }
    } else if (existsSync(e.tmp)) renameTemp(e.tmp, e.path);
    after?.(i);
  });
}

/**
 * Writes `changes` as one change, with the journal at `journal`. `afterStep` is called after
 * each rename or removal (tests use it to stop the process there).
 */
export function commitFiles(changes: readonly FileChange[], journal = JOURNAL, afterStep?: (i: number) => void): void {
  const entries: JournalEntry[] = [];
  try {
    for (const c of changes) entries.push({ path: resolve(c.path), tmp: c.content === null ? null : resolve(writeTemp(c.path, c.content)) });
  } catch (e) {
    for (const x of entries) if (x.tmp !== null) removeQuietly(x.tmp);
    throw e;
  }
  writeFileAtomic(journal, JSON.stringify({ commit: entries }, null, 2) + '\n');
  apply(entries, afterStep);
  removeQuietly(journal);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** Finishes a change a killed run left decided but not done; true if there was one. */
export function recoverCommit(journal = JOURNAL): boolean {
  if (!existsSync(journal)) return false;
  let entries: JournalEntry[];
  try {
    const j = JSON.parse(readFileSync(journal, 'utf8')) as { commit?: unknown };
    if (!Array.isArray(j.commit)) throw new Error('no commit list');
    entries = j.commit.filter((e): e is JournalEntry => typeof e === 'object' && e !== null && typeof (e as JournalEntry).path === 'string');
  } catch (e) {
    throw new OutputError(`${journal}: an interrupted write left a journal that cannot be read (${e instanceof Error ? e.message : String(e)}); remove it and run shootdown matrix again`);
  }
  // Only renames of our own temporary files next to their targets.
  apply(entries.filter((e) => e.tmp === null || e.tmp.startsWith(`${e.path}.tmp-`)));
  removeQuietly(journal);
  return true;
}

