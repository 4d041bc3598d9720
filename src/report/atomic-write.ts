/**
 * Writes a file by writing a temporary sibling and renaming it, so a reader (or an interrupted
 * run) never sees half a report. A failed write leaves no temporary file behind and is an
 * OutputError (one line, exit 2).
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureDir, ioReason, OutputError } from './output-path.js';

/** The temporary sibling a write goes through. */
export const tempPath = (path: string): string => `${path}.tmp-${process.pid}`;

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never created.
  }
}

/** Writes `content` to the temporary sibling of `path` and returns that sibling. */
export function writeTemp(path: string, content: string): string {
  ensureDir(dirname(path));
  const tmp = tempPath(path);
  try {
    writeFileSync(tmp, content);
  } catch (e) {
    removeQuietly(tmp);
    throw new OutputError(`cannot write '${path}' (${ioReason(e)})`);
  }
  return tmp;
}

/** Renames a written temporary sibling onto `path`; on failure the sibling is removed. */
export function renameTemp(tmp: string, path: string): void {
  try {
    renameSync(tmp, path);
  } catch (e) {
    removeQuietly(tmp);
    throw new OutputError(`cannot write '${path}' (${ioReason(e)})`);
  }
}

export function writeFileAtomic(path: string, content: string): void {
  renameTemp(writeTemp(path, content), path);
}
