/**
 * The layout of a herd7 C litmus file, found the way herd7's splitter finds it:
 *
 *     C <name> ["doc"]            first line: the architecture (only C) and the test's name
 *     (* comments, Key=value *)   anything before the initial state is skipped
 *     { initial state }
 *     P0(...) { ... } ...         the processes, in C
 *     locations [...] filter ... exists|~exists|forall ...   the final clause
 *
 * The processes are handed to the C front end (src/c) as the whole file with every other
 * character blanked to a space, so that its errors point at the reviewer's own line and
 * column. The header's `Result:` line is read as the kernel's `judgelitmus.sh` reads it:
 * the first line of the file matching `^[( ]\* Result: `, whose first word is the expected
 * outcome and which may end in `DATARACE`.
 */
import type { SourceText } from './text.js';

export interface Expected {
  /** `Never`, `Sometimes`, `Always`, or another word the corpus uses (`DEADLOCK`, `Maybe`). */
  readonly outcome: string;
  readonly datarace: boolean;
  /** The whole `Result:` line, trimmed. */
  readonly line: string;
}

export interface Span {
  readonly from: number;
  readonly to: number;
}

export interface Layout {
  readonly name: string;
  readonly expected: Expected | null;
  /** Inside the braces of the initial state. */
  readonly init: Span;
  /** The processes. */
  readonly prog: Span;
  /** From the first clause keyword to the end of the file. */
  readonly clause: Span;
  /** The file with everything outside `prog` blanked (newlines kept). */
  readonly cText: string;
}

const CLAUSE_WORDS = new Set(['final', 'forall', 'exists', 'cases', 'observed', 'Observed', 'locations', 'filter']);

export function layout(src: SourceText): Layout {
  const t = src.text;
  const head = /^\s*([A-Za-z0-9_]+)[ \t]+(\S+)/.exec(t);
  if (head === null) throw src.error(0, "expected 'C <name>' on the first line");
  const arch = head[1]!;
  const nameAt = head.index + head[0].length - head[2]!.length;
  if (arch !== 'C') throw src.error(t.indexOf(arch), `only C litmus tests are supported, not '${arch}'`);
  let i = skipDoc(t, head.index + head[0].length);
  const open = findInitOpen(src, i);
  const close = matchBrace(src, open);
  i = close + 1;
  const clauseAt = findClause(src, i);
  const name = head[2]!;
  if (name.length === 0) throw src.error(nameAt, 'the test has no name');
  return {
    name,
    expected: expectedOf(t),
    init: { from: open + 1, to: close },
    prog: { from: i, to: clauseAt },
    clause: { from: clauseAt, to: t.length },
    cText: blankOutside(t, i, clauseAt),
  };
}

function expectedOf(t: string): Expected | null {
  for (const line of t.split('\n')) {
    const m = /^[( ]\* Result: (\S+)/.exec(line);
    if (m === null) continue;
    return { outcome: m[1]!, datarace: /^[( ]\* Result: .* DATARACE/.test(line), line: line.trim() };
  }
  return null;
}

/** An optional `(texname)` and `"doc"` after the name, as herd7's first-line rule allows. */
function skipDoc(t: string, from: number): number {
  const m = /^[ \t]*(\([^)\n]*\)[ \t]*)?(\r?\n?[ \t]*"[^"]*"[ \t]*)?;?/.exec(t.slice(from));
  return from + (m?.[0].length ?? 0);
}

function findInitOpen(src: SourceText, from: number): number {
  const t = src.text;
  let i = from;
  while (i < t.length) {
    if (t.startsWith('(*', i)) i = src.skipHerdComment(i);
    else if (t[i] === '{') return i;
    else i++;
  }
  throw src.error(Math.min(from, t.length), "expected the initial state '{ ... }'");
}

function matchBrace(src: SourceText, open: number): number {
  const t = src.text;
  let depth = 0;
  for (let i = open; i < t.length; i++) {
    if (t.startsWith('(*', i)) {
      i = src.skipHerdComment(i) - 1;
      continue;
    }
    if (t[i] === '{') depth++;
    else if (t[i] === '}' && --depth === 0) return i;
  }
  throw src.error(open, "the initial state has no closing '}'");
}

/** Start of the final clause: the first clause keyword outside C comments, strings and braces (or the end: no clause). */
function findClause(src: SourceText, from: number): number {
  const t = src.text;
  let depth = 0;
  let i = from;
  while (i < t.length) {
    const c = t[i]!;
    if (t.startsWith('/*', i)) {
      const end = t.indexOf('*/', i + 2);
      if (end < 0) throw src.error(i, 'unterminated comment');
      i = end + 2;
    } else if (t.startsWith('//', i)) {
      while (i < t.length && t[i] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      i = skipQuoted(t, i);
    } else if (c === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      i++;
    } else if (depth === 0 && c === '~' && /^~\s*exists\b/.test(t.slice(i, i + 40))) {
      return i;
    } else if (/[A-Za-z_]/.test(c) && (i === 0 || !/[A-Za-z0-9_]/.test(t[i - 1]!))) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(t.slice(i, i + 64))![0];
      if (depth === 0 && CLAUSE_WORDS.has(word)) return i;
      i += word.length;
    } else {
      i++;
    }
  }
  return t.length;
}

function skipQuoted(t: string, start: number): number {
  const q = t[start];
  let i = start + 1;
  while (i < t.length && t[i] !== q && t[i] !== '\n') i += t[i] === '\\' ? 2 : 1;
  return i + 1;
}

function blankOutside(t: string, from: number, to: number): string {
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  return blank(t.slice(0, from)) + t.slice(from, to) + blank(t.slice(to));
}
