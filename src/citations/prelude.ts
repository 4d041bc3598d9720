/**
 * The C prelude's citations: every function in prelude/ carries, in the comment on the line
 * right above it, the kernel code it stands for, in the citation grammar (docs/citations.md):
 *
 *   /* kernel/smp.c: csd_lock_wait() *\/
 *   static void csd_lock_wait(struct __call_single_data *csd)
 *
 * (only the comment's first line is the citation; more lines may explain). A function without
 * one is reported as a failed citation, so that a prelude function cannot go unchecked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface PreludeCitation {
  readonly text: string;
  /** `prelude/kernel/smp.c csd_lock_wait()` */
  readonly usedBy: string;
}

/** Marks a function with no citation comment: a text the grammar refuses, naming the problem. */
export const NO_CITATION = '(no citation comment above the function)';

export function collectPreludeCitations(dir: string): PreludeCitation[] {
  const out: PreludeCitation[] = [];
  for (const file of cFiles(dir)) {
    const rel = `prelude/${relative(dir, file).split('\\').join('/')}`;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      // A function definition starts at column 0 with its name before "(" (kernel style).
      const m = /^(?:static\s+|inline\s+|__always_inline\s+)*[A-Za-z_][\w\s*]*?\b([A-Za-z_]\w*)\s*\(/.exec(line);
      if (m === null || /;\s*$/.test(line) || !opensBody(lines, i)) return;
      out.push({ text: commentAbove(lines, i) ?? NO_CITATION, usedBy: `${rel} ${m[1]!}()` });
    });
  }
  return out;
}

/** The definition's body opens on this line or a following one before any ';'. */
function opensBody(lines: readonly string[], i: number): boolean {
  for (let k = i; k < Math.min(lines.length, i + 6); k++) {
    if (lines[k]!.includes('{')) return true;
    if (lines[k]!.includes(';')) return false;
  }
  return false;
}

/** The first line of the comment ending on the line right above line i, if there is one. */
function commentAbove(lines: readonly string[], i: number): string | null {
  const above = lines[i - 1];
  if (above === undefined || !above.trimEnd().endsWith('*/')) return null;
  let k = i - 1;
  while (k >= 0 && !lines[k]!.includes('/*')) k--;
  if (k < 0) return null;
  const first = lines[k]!.slice(lines[k]!.indexOf('/*') + 2).replace(/\*\/\s*$/, '').trim();
  return first === '' ? (lines[k + 1] ?? '').replace(/^\s*\*\s?/, '').replace(/\*\/\s*$/, '').trim() : first;
}

function cFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.c') || e.endsWith('.h')) out.push(p);
    }
  };
  walk(dir);
  return out;
}
