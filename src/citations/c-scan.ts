/**
 * Where a kernel source file defines its functions and macros, and what their bodies are, found
 * without a compiler: comments and string literals are blanked out, `#if`/`#else` branches are
 * balanced the way the first branch leaves them, and a definition is a name followed by a
 * parameter list and `{` at brace depth 0 (a function), a `#define` (a macro, its body the rest
 * of the directive), or in assembly a `SYM_*_START(name)`, `SYM_INNER_LABEL(name)`, `ENTRY(name)`, `.macro name` or a
 * `name:` label. `DEFINE_*(name, ...)` and `SYSCALL_DEFINEn(name, ...)` define `name` as well.
 *
 * The same scanner reads a real kernel tree and the skeleton fixture under test/fixtures, whose
 * files are `name() { callee(); ... }` lines.
 */

export interface Definition {
  readonly name: string;
  /** Offsets into the blanked code: the body (function braces, macro text, assembly up to its end marker). */
  readonly bodyStart: number;
  readonly bodyEnd: number;
}

export interface ScannedFile {
  /** The source with comments and string/char literals replaced by spaces (same length). */
  readonly code: string;
  readonly definitions: ReadonlyMap<string, readonly Definition[]>;
}

/** Blank comments and literals, keeping offsets and newlines. */
export function blankComments(text: string): string {
  const out = text.split('');
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  while (i < text.length) {
    const c = text[i];
    const d = text[i + 1];
    if (c === '/' && d === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && d === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < text.length && text[k] !== c && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1;
      blank(i + 1, k);
      i = k + 1;
    } else {
      i++;
    }
  }
  return out.join('');
}

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'typeof', '__typeof__', 'do', 'else', 'case', 'defined', 'asm', '__asm__', 'volatile', '__attribute__', 'alignof', '_Static_assert', 'static_assert']);

function add(defs: Map<string, Definition[]>, name: string, bodyStart: number, bodyEnd: number): void {
  const list = defs.get(name) ?? [];
  list.push({ name, bodyStart, bodyEnd });
  defs.set(name, list);
}

/** The offset just after the bracket matching the one at `open`, or -1. */
function matching(code: string, open: number, o: string, c: string): number {
  let depth = 0;
  for (let k = open; k < code.length; k++) {
    if (code[k] === o) depth++;
    else if (code[k] === c && --depth === 0) return k + 1;
  }
  return -1;
}

/** Line starts, and the preprocessor directive lines (with their continuations) as ranges. */
function directives(code: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  let i = 0;
  while (i < code.length) {
    let lineEnd = code.indexOf('\n', i);
    if (lineEnd < 0) lineEnd = code.length;
    const trimmed = code.slice(i, lineEnd).trimStart();
    if (trimmed.startsWith('#')) {
      let end = lineEnd;
      while (end < code.length && code[end - 1] === '\\') {
        const next = code.indexOf('\n', end + 1);
        end = next < 0 ? code.length : next;
      }
      out.push({ start: i, end, text: code.slice(i, end) });
      i = end + 1;
    } else {
      i = lineEnd + 1;
    }
  }
  return out;
}

/**
 * Brace depth at every offset, with preprocessor lines ignored and each `#if` group balanced as
 * its first branch leaves it (the other branches start again from the depth at `#if`).
 */
function depths(code: string, dirs: ReadonlyArray<{ start: number; end: number; text: string }>): Int32Array {
  const depth = new Int32Array(code.length + 1);
  const stack: Array<{ atIf: number; afterFirst: number | undefined }> = [];
  let d = 0;
  let di = 0;
  for (let i = 0; i < code.length; i++) {
    const dir = dirs[di];
    if (dir !== undefined && i === dir.start) {
      const word = /^\s*#\s*(\w+)/.exec(dir.text)?.[1] ?? '';
      if (word.startsWith('if')) stack.push({ atIf: d, afterFirst: undefined });
      else if (word === 'else' || word === 'elif' || word.startsWith('elif')) {
        const top = stack[stack.length - 1];
        if (top !== undefined) {
          top.afterFirst ??= d;
          d = top.atIf;
        }
      } else if (word === 'endif') {
        const top = stack.pop();
        if (top?.afterFirst !== undefined) d = top.afterFirst;
      }
      for (let k = dir.start; k <= dir.end && k < code.length; k++) depth[k] = d;
      i = dir.end;
      di++;
      continue;
    }
    depth[i] = d;
    if (code[i] === '{') d++;
    else if (code[i] === '}') d = Math.max(0, d - 1);
  }
  depth[code.length] = d;
  return depth;
}

function scanMacros(code: string, dirs: ReadonlyArray<{ start: number; end: number; text: string }>, defs: Map<string, Definition[]>): void {
  for (const dir of dirs) {
    const m = /^\s*#\s*define\s+(\w+)/.exec(dir.text);
    if (m) add(defs, m[1]!, dir.start + m[0].length, dir.end);
  }
  // Assembler macros, also in headers that only .S files include (arch/x86/entry/calling.h).
  for (const m of code.matchAll(/^[ \t]*\.macro[ \t]+(\w+)/gm)) {
    const end = /^[ \t]*\.endm\b/m.exec(code.slice(m.index + m[0].length));
    add(defs, m[1]!, m.index + m[0].length, end ? m.index + m[0].length + end.index : code.length);
  }
}

/** The offset of the first non-blank after `from`, skipping attribute-like `name(...)` tokens. */
function afterAttributes(code: string, from: number): number {
  let k = from;
  for (;;) {
    while (k < code.length && /\s/.test(code[k]!)) k++;
    const m = /^(__\w+|noinstr|notrace)\b/.exec(code.slice(k, k + 40));
    if (!m) return k;
    k += m[0].length;
    while (k < code.length && /\s/.test(code[k]!)) k++;
    if (code[k] === '(') {
      const end = matching(code, k, '(', ')');
      if (end < 0) return k;
      k = end;
    }
  }
}

function scanFunctions(code: string, depth: Int32Array, defs: Map<string, Definition[]>): void {
  const ident = /[A-Za-z_]\w*/g;
  for (let m = ident.exec(code); m !== null; m = ident.exec(code)) {
    const at = m.index;
    if (depth[at] !== 0) continue;
    let k = at + m[0].length;
    while (k < code.length && (code[k] === ' ' || code[k] === '\t' || code[k] === '\n')) k++;
    if (code[k] !== '(' || KEYWORDS.has(m[0])) continue;
    const close = matching(code, k, '(', ')');
    if (close < 0) continue;
    const brace = afterAttributes(code, close);
    if (code[brace] !== '{') continue;
    const end = matching(code, brace, '{', '}');
    if (end < 0) continue;
    add(defs, m[0], brace, end);
    if (/^[A-Z0-9_]*DEFINE\w*$/.test(m[0])) {
      const arg = /^\(\s*([A-Za-z_]\w*)/.exec(code.slice(k, close));
      if (arg) add(defs, arg[1]!, brace, end);
    }
    ident.lastIndex = end;
  }
}

function scanAssembly(code: string, defs: Map<string, Definition[]>): void {
  const starts: Array<{ name: string; at: number; endMarker: RegExp | undefined }> = [];
  const re = /(?:SYM_\w*START\w*|SYM_INNER_LABEL\w*|ENTRY)\(\s*(\w+)|^[ \t]*\.macro[ \t]+(\w+)|^[ \t]*(\w+):/gm;
  for (let m = re.exec(code); m !== null; m = re.exec(code)) {
    const name = m[1] ?? m[2] ?? m[3]!;
    const endMarker = m[1] !== undefined ? new RegExp(`(?:SYM_\\w*END\\w*|END|ENDPROC)\\(\\s*${name}\\b`) : m[2] !== undefined ? /^\s*\.endm\b/m : undefined;
    starts.push({ name, at: m.index + m[0].length, endMarker });
  }
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const rest = code.slice(s.at);
    const endAt = s.endMarker ? s.endMarker.exec(rest)?.index : undefined;
    const nextLabel = starts[i + 1]?.at;
    const end = endAt !== undefined ? s.at + endAt : s.endMarker === undefined && nextLabel !== undefined ? nextLabel : code.length;
    add(defs, s.name, s.at, end);
  }
}

/**
 * Scan one source file; `.S` files are read as assembly with C preprocessor macros. Any other
 * file (Kconfig, Makefile) "defines" every word on its lines, the line being the body: a
 * citation `arch/x86/Kconfig: MMU_GATHER_RCU_TABLE_FREE` says the word is there.
 */
export function scanSource(text: string, path: string): ScannedFile {
  const defs = new Map<string, Definition[]>();
  if (!/\.(c|h|S)$/.test(path)) {
    for (const m of text.matchAll(/[A-Za-z_]\w*/g)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      const lineEnd = text.indexOf('\n', m.index);
      add(defs, m[0], lineStart, lineEnd < 0 ? text.length : lineEnd);
    }
    return { code: text, definitions: defs };
  }
  const code = blankComments(text);
  const dirs = directives(code);
  scanMacros(code, dirs, defs);
  if (path.endsWith('.S')) scanAssembly(code, defs);
  else scanFunctions(code, depths(code, dirs), defs);
  return { code, definitions: defs };
}

/** Does the body of `def` in `file` mention `name` as a whole word? */
export function bodyMentions(file: ScannedFile, def: Definition, name: string): boolean {
  const body = file.code.slice(def.bodyStart, def.bodyEnd);
  return new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$')}(?![\\w$])`).test(body);
}
