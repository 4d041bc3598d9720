/**
 * What the kernel writes that a C grammar cannot parse, rewritten before the parse so that
 * every position the parser reports is still the reviewer's own line and column:
 *
 * - annotations without meaning for the model (`__always_inline`, `noinstr`, `__percpu`, ...)
 *   are blanked to spaces of the same length;
 * - `DEFINE_PER_CPU(type, name)` becomes `type name` (the macro's characters blanked) and the
 *   declaration is marked per-CPU in `perCpuAt` (keyed by the position of its type);
 * - a litmus process written without a return type (`P0(int *x) {`, at the start of a line)
 *   gets `void ` inserted; the shift is recorded so that locations are mapped back.
 *
 * Comments and string literals are skipped, never rewritten.
 */

/** Identifiers the kernel puts in declarations that change nothing in a model. */
const BLANKED = new Set([
  '__always_inline',
  'noinline',
  'noinstr',
  'notrace',
  '__init',
  '__exit',
  '__cpuidle',
  '__must_check',
  '__read_mostly',
  '__ro_after_init',
  '__percpu',
  '__rcu',
  '__user',
  '__iomem',
  '__force',
  '__visible',
  'asmlinkage',
  '__cacheline_aligned',
  '__cacheline_aligned_in_smp',
  '__maybe_unused',
  '__used',
  'fastcall',
]);

/**
 * Macros whose first argument is a type, declaring a variable of a storage class: per-CPU
 * variables, per-task variables (`DEFINE_PER_TASK`: one instance per task, what the kernel
 * keeps on a task's stack or in its task_struct), and ghost variables (`DEFINE_GHOST(bool,
 * sync_returned)`: specification state a model keeps to state a property, which no CPU's code
 * observes).
 */
const DEFINERS: ReadonlyMap<string, string> = new Map<string, string>([
  ['DEFINE_PER_CPU', 'percpu'],
  ['DEFINE_PER_CPU_SHARED_ALIGNED', 'percpu'],
  ['DEFINE_PER_CPU_ALIGNED', 'percpu'],
  ['DEFINE_PER_CPU_READ_MOSTLY', 'percpu'],
  ['DECLARE_PER_CPU', 'percpu'],
  ['DEFINE_GHOST', 'ghost'],
  ['DEFINE_PER_CPU_GHOST', 'percpu-ghost'],
  ['DEFINE_PER_TASK', 'pertask'],
]);

export interface Preprocessed {
  readonly text: string;
  /** Storage classes (`percpu`, `ghost`) of declarations, keyed by `line:col` of their type. */
  readonly storageAt: ReadonlyMap<string, readonly string[]>;
  /** `__range(lo, hi)` written before a declaration: its argument texts, keyed by `line:col` of the type. */
  readonly rangeAt: ReadonlyMap<string, readonly [string, string]>;
  /** Lines where a litmus process without a return type starts (`void ` was inserted). */
  readonly processLines: ReadonlySet<number>;
  /** Maps a (line, col) of the rewritten text back to the original column. */
  readonly originalCol: (line: number, col: number) => number;
}

interface Shift {
  readonly line: number;
  /** Columns at or after `from` (rewritten text) move left by `delta`. */
  readonly from: number;
  readonly delta: number;
}

export function preprocess(source: string): Preprocessed {
  const lines = source.split('\n');
  const storageAt = new Map<string, readonly string[]>();
  const rangeAt = new Map<string, readonly [string, string]>();
  const shifts: Shift[] = [];
  let inComment = false;
  const out = lines.map((line, i) => {
    const r = rewriteLine(line, i + 1, inComment, storageAt, rangeAt);
    inComment = r.inComment;
    const proc = /^P\d+\s*\(/.exec(r.text);
    if (proc !== null && !r.startsInComment) {
      shifts.push({ line: i + 1, from: 1, delta: 5 });
      return `void ${r.text}`;
    }
    return r.text;
  });
  return {
    text: out.join('\n'),
    storageAt,
    rangeAt,
    processLines: new Set(shifts.map((x) => x.line)),
    originalCol: (line, col) => {
      const s = shifts.find((x) => x.line === line);
      return s === undefined || col < s.from + s.delta ? col : col - s.delta;
    },
  };
}

interface LineResult {
  readonly text: string;
  readonly inComment: boolean;
  readonly startsInComment: boolean;
}

function rewriteLine(line: string, lineNo: number, inCommentAtStart: boolean, storageAt: Map<string, readonly string[]>, rangeAt: Map<string, readonly [string, string]>): LineResult {
  const chars = line.split('');
  let inComment = inCommentAtStart;
  let i = 0;
  while (i < chars.length) {
    if (inComment) {
      const end = line.indexOf('*/', i);
      if (end < 0) return { text: chars.join(''), inComment: true, startsInComment: inCommentAtStart };
      inComment = false;
      i = end + 2;
      continue;
    }
    const c = line[i]!;
    if (c === '/' && line[i + 1] === '*') {
      inComment = true;
      i += 2;
      continue;
    }
    if (c === '/' && line[i + 1] === '/') break;
    if (c === '"' || c === "'") {
      i = skipQuoted(line, i);
      continue;
    }
    if (/[A-Za-z_]/.test(c) && (i === 0 || !/[A-Za-z0-9_]/.test(line[i - 1]!))) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i))!;
      const word = m[0];
      if (BLANKED.has(word)) blank(chars, i, word.length);
      else if (DEFINERS.has(word)) rewriteDefiner(line, chars, i, word, lineNo, storageAt);
      else if (word === '__range') rewriteRange(line, chars, i, lineNo, rangeAt);
      i += word.length;
      continue;
    }
    i++;
  }
  return { text: chars.join(''), inComment, startsInComment: inCommentAtStart };
}

function skipQuoted(line: string, start: number): number {
  const q = line[start];
  let i = start + 1;
  while (i < line.length && line[i] !== q) i += line[i] === '\\' ? 2 : 1;
  return i + 1;
}

function blank(chars: string[], from: number, length: number): void {
  for (let k = from; k < from + length; k++) chars[k] = ' ';
}

/** `DEFINE_PER_CPU(type, name)` -> `               type  name ` on the same columns. */
function rewriteDefiner(line: string, chars: string[], at: number, word: string, lineNo: number, storageAt: Map<string, readonly string[]>): void {
  const open = line.indexOf('(', at + word.length);
  if (open < 0 || line.slice(at + word.length, open).trim() !== '') return;
  let depth = 0;
  let comma = -1;
  let close = -1;
  for (let k = open; k < line.length; k++) {
    const ch = line[k];
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) {
        close = k;
        break;
      }
    } else if (ch === ',' && depth === 1 && comma < 0) comma = k;
  }
  if (comma < 0 || close < 0) return; // left as written: the parser reports it
  blank(chars, at, open + 1 - at);
  chars[comma] = ' ';
  chars[close] = ' ';
  let typeStart = line.slice(open + 1).search(/\S/) + open + 1;
  // `DEFINE_PER_CPU(__range(0, 3) int, x)`: the type the parser sees starts after the range.
  const range = /^__range\s*\([^()]*\)\s*/.exec(line.slice(typeStart));
  if (range !== null) typeStart += range[0].length;
  storageAt.set(`${lineNo}:${typeStart + 1}`, DEFINERS.get(word)!.split('-'));
}

/**
 * `__range(lo, hi) type name;` -> the macro blanked and its bounds recorded for the declaration
 * whose type follows on the same line (it works inside structs too, where a C grammar accepts
 * no macro before a member).
 */
function rewriteRange(line: string, chars: string[], at: number, lineNo: number, rangeAt: Map<string, readonly [string, string]>): void {
  const m = /^__range\s*\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)\s*/.exec(line.slice(at));
  if (m === null) return;
  const next = at + m[0].length;
  if (next >= line.length) return; // the declaration is not on this line: left to the parser
  blank(chars, at, m[0].length);
  rangeAt.set(`${lineNo}:${next + 1}`, [m[1]!, m[2]!]);
}
