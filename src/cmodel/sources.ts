/**
 * The source files of a C model: the kernel prelude (`prelude/**.c` in this package), the
 * model file, override files (whose functions replace the prelude's of the same name), and a
 * unified diff (`--patch`) applied to any of them before parsing. Diff paths name a prelude
 * file by its path under `prelude/` (with or without `a/`, `b/` and `prelude/` prefixes) or
 * the model by its file name. A patch that does not apply is refused with the hunk's line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatch, parsePatch, type StructuredPatch } from 'diff';
import { CError } from '../c/error.js';
import { InputError } from '../report/input-error.js';

export interface SourceFile {
  /** As shown in traces: `prelude/mm/mmu_gather.c`, or the model path as given. */
  readonly name: string;
  readonly text: string;
  readonly prelude: boolean;
}

/** The package's root (where package.json is), from this module's location. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prelude'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('shootdown: cannot find the package root (prelude/)');
}

export function preludeDir(): string {
  return join(packageRoot(), 'prelude');
}

/**
 * Every prelude file, in the order the kernel's headers are included before its code (a type
 * or object is declared before a later file uses it): `include/linux/`, the rest of
 * `include/`, `arch/<arch>/include/`, then every other file; by path within each group.
 */
export function preludeFiles(dir = preludeDir()): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.c') || e.endsWith('.h')) out.push({ name: `prelude/${relative(dir, p).split('\\').join('/')}`, text: readFileSync(p, 'utf8'), prelude: true });
    }
  };
  walk(dir);
  const rank = (name: string): number => {
    const rel = name.slice('prelude/'.length);
    if (rel.startsWith('include/linux/')) return 0;
    if (rel.startsWith('include/')) return 1;
    if (/^arch\/[^/]+\/include\//.test(rel)) return 2;
    return 3;
  };
  return out.map((f, i) => ({ f, i, r: rank(f.name) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
}

export function readSource(path: string, what: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError(`${path}: no such ${what}`);
  }
  if (!st.isFile()) throw new InputError(`${path}: not a file`);
  if (st.size > 1 << 20) throw new InputError(`${path}: ${st.size} bytes, too large for a ${what}`);
  return readFileSync(path, 'utf8');
}

/** The header lines of a patch before its first file (`Subject:`, `Expect:`...), by key. */
export function patchHeaders(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('--- ') || line.startsWith('diff ') || line.startsWith('Index: ')) break;
    const m = /^([A-Za-z][A-Za-z-]*):\s*(.*)$/.exec(line);
    if (m !== null) out.set(m[1]!.toLowerCase(), (out.has(m[1]!.toLowerCase()) ? `${out.get(m[1]!.toLowerCase())} ` : '') + m[2]!.trim());
  }
  return out;
}

/** Applies a unified diff to the files it names; returns the files with their new text. */
export function applyUnifiedDiff(files: readonly SourceFile[], diffText: string, diffName: string): SourceFile[] {
  let patches: StructuredPatch[];
  try {
    patches = parsePatch(diffText);
  } catch (e) {
    throw new CError({ file: diffName, line: 1, col: 1 }, `not a unified diff: ${(e as Error).message}`);
  }
  const real = patches.filter((p) => p.hunks.length > 0);
  if (real.length === 0) throw new CError({ file: diffName, line: 1, col: 1 }, 'the patch changes no file (no hunk found)');
  const out = [...files];
  for (const p of real) {
    const target = p.newFileName ?? p.oldFileName ?? '';
    const idx = fileIndex(out, target);
    const line = lineOf(diffText, p.hunks[0]!.oldStart, target);
    if (idx < 0) throw new CError({ file: diffName, line, col: 1 }, `the patch changes '${clean(target)}', which is neither the model nor a prelude file`);
    const f = out[idx]!;
    for (const [k, h] of p.hunks.entries()) {
      const single: StructuredPatch = { ...p, hunks: [h] };
      const r = applyPatch(f.text, single);
      if (r === false) throw new CError({ file: diffName, line: hunkLine(diffText, target, k), col: 1 }, `hunk ${k + 1} (@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@) does not apply to ${f.name}`);
    }
    const all = applyPatch(f.text, p);
    if (all === false) throw new CError({ file: diffName, line, col: 1 }, `the patch does not apply to ${f.name}`);
    out[idx] = { ...f, text: all };
  }
  return out;
}

function clean(p: string): string {
  return p.replace(/^[ab]\//, '').replace(/^prelude\//, '');
}

/** The file a diff path names: a prelude path exactly, or the model or an override by its path or name. */
function fileIndex(files: readonly SourceFile[], target: string): number {
  const t = clean(target);
  const exact = files.findIndex((f) => clean(f.name) === t || f.name === target);
  if (exact >= 0) return exact;
  return files.findIndex((f) => !f.prelude && basename(f.name) === t);
}

function lineOf(text: string, _oldStart: number, target: string): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith('--- ') && l.includes(clean(target)));
  return i < 0 ? 1 : i + 1;
}

function hunkLine(text: string, target: string, k: number): number {
  const lines = text.split('\n');
  let i = lines.findIndex((l) => l.startsWith('--- ') && l.includes(clean(target)));
  let seen = -1;
  for (i = Math.max(0, i); i < lines.length; i++) {
    if (lines[i]!.startsWith('@@')) {
      seen++;
      if (seen === k) return i + 1;
    }
  }
  return 1;
}

export function absolute(p: string): string {
  return resolve(p);
}
