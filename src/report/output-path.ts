/**
 * Destinations of reports and generated files, checked before a run and created without
 * surprises: an empty path, a path through a file, a directory in place of a file, or a place
 * nobody may write is refused in one line (exit 2) before any work is done, and every I/O error
 * on the way becomes an OutputError (exit 2, one line), never a stack trace or exit 1.
 * Directories are created one level at a time (`mkdir -p` on /proc can loop for ever).
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from './input-error.js';

/** A destination that cannot be written: the CLI prints it as one line and exits 2. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message.replace(/\s+/g, ' ').trim());
    this.name = 'OutputError';
  }
}

/** `EACCES`, `ENOTDIR`, ...: the short reason of a file-system error. */
export function ioReason(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  return code !== '' ? code : e instanceof Error ? e.message : String(e);
}

function isDirectory(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
}

/** `path` itself if it exists, else its nearest existing ancestor. */
function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) return p;
    p = up;
  }
  return p;
}

/** Whether a file can be created in the directory `dir` (created and removed at once). */
function canCreateIn(dir: string): string | undefined {
  const probe = resolve(dir, `.shootdown-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    return ioReason(e);
  }
  try {
    unlinkSync(probe);
  } catch {
    // Created but not removable: the directory is writable, which is what was asked.
  }
  return undefined;
}

function nonEmpty(flag: string, path: string): void {
  if (path === '') throw new InputError(`${flag} must name a path, got ''`);
  if (path.includes('\0')) throw new InputError(`${flag}: a path cannot contain a NUL character`);
}

/** Refuses (before any work) a directory that cannot be created or written. */
export function checkOutputDir(flag: string, dir: string): string {
  nonEmpty(flag, dir);
  const at = nearestExisting(dir);
  if (isDirectory(at) !== true) throw new OutputError(`${flag} '${dir}': '${at}' is not a directory`);
  const why = canCreateIn(at);
  if (why !== undefined) throw new OutputError(`${flag} '${dir}': cannot write in '${at}' (${why})`);
  return dir;
}

/** Refuses (before any work) a file path that is a directory or lies where nothing can be written. */
export function checkOutputFile(flag: string, file: string): string {
  nonEmpty(flag, file);
  if (isDirectory(file) === true) throw new OutputError(`${flag} '${file}' is a directory, not a file`);
  checkOutputDir(flag, dirname(file));
  return file;
}

/** `mkdir -p`, one level at a time; any failure is an OutputError naming the directory. */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let p = resolve(dir);
  while (isDirectory(p) !== true) {
    if (existsSync(p)) throw new OutputError(`cannot create directory '${dir}': '${p}' is not a directory`);
    missing.push(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      if (isDirectory(d) !== true) throw new OutputError(`cannot create directory '${dir}' (${ioReason(e)})`);
    }
  }
}

/** Creates `file` (and its directory) with `content`; refuses to overwrite. */
export function writeNewFile(file: string, content: string): void {
  ensureDir(dirname(file));
  try {
    writeFileSync(file, content, { flag: 'wx' });
  } catch (e) {
    throw new OutputError(`cannot write '${file}' (${ioReason(e)})`);
  }
}
