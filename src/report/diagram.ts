/**
 * The per-CPU column diagram kernel people draw races with: one column per CPU that acts in
 * the trace, time flowing down, one step per row, each step in the column of the CPU that
 * runs it (./columns.ts), kernel function names, the violating step marked and the property
 * it breaks named under the diagram. Plain text for a mail reply: no line passes 80 columns
 * and no word is cut. A row holds one step, so a word longer than its column may run on into
 * the empty columns to its right; columns start early enough for their longest word to fit.
 */
import type { TraceStep } from '../core/trace.js';
import { placeSteps } from './columns.js';
import { paragraph } from './paragraph.js';

export interface DiagramInput {
  readonly title: string;
  readonly header: readonly string[];
  readonly trace: readonly TraceStep[];
  /** The property the last step violates, if any. */
  readonly property?: string;
  /** Sentence printed under the diagram about the violation, if any. */
  readonly verdictLine?: string;
  /** A wait that never completes: the steps from this index on repeat for ever (a cycle). */
  readonly cycleFrom?: number;
  readonly width?: number;
}

const GAP = 2;
const MIN_COLUMN = 10;

/** Wraps `text` at `width`, words whole; a word longer than `width` (but not than `room`) stands on its own line. */
export function wrapCell(text: string, width: number, room: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const lead = lines.length === 0 ? '' : '  ';
    const w = word.length > room - lead.length ? cutIdentifier(word, room - lead.length) : [word];
    for (const part of w) {
      if (line === '') line = (lines.length === 0 ? '' : '  ') + part;
      else if (line.length + 1 + part.length <= width) line += ` ${part}`;
      else {
        lines.push(line);
        line = `  ${part}`;
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/**
 * Only for a word longer than a whole line can hold (never an identifier of ours): cut after
 * the last identifier boundary (`_ - . / ( ) : , >`) that fits.
 */
function cutIdentifier(word: string, room: number): string[] {
  const out: string[] = [];
  let w = word;
  while (w.length > room && room > 0) {
    let cut = -1;
    for (let i = room - 1; i >= Math.floor(room / 3); i--) {
      if ('_-./():,>'.includes(w[i]!)) {
        cut = i + 1;
        break;
      }
    }
    const at = cut > 0 ? cut : room;
    out.push(w.slice(0, at));
    w = w.slice(at);
  }
  return [...out, w];
}

/** The widest word of the texts, counted with the indent a wrapped line starts with (wrapCell). */
const longestWord = (texts: readonly string[]): number => Math.max(0, ...texts.flatMap((t) => t.split(' ').map((w, i) => w.length + (i === 0 ? 0 : 2))));

/**
 * Where each column starts: from the right, each column as far right as spreading the columns
 * up to it evenly puts it, but early enough for its longest word to end before the margin
 * (leaving every column to its left at least MIN_COLUMN wide).
 */
export function columnStarts(longest: readonly number[], width: number): number[] {
  const x = longest.map(() => 0);
  let right = width;
  for (let c = longest.length - 1; c >= 1; c--) {
    const even = c * (Math.floor((right - GAP * c) / (c + 1)) + GAP);
    x[c] = Math.max(c * (MIN_COLUMN + GAP), Math.min(even, width - (longest[c] ?? 0)));
    right = x[c]! - GAP;
  }
  return x;
}

/** `label command`, or, if that passes `width`, the command continued with ` \` at word boundaries. */
export function commandLines(label: string, command: string, width = 80): string[] {
  const one = `${label} ${command}`;
  if (one.length <= width) return [one];
  const lines: string[] = [];
  let line = label;
  for (const word of command.split(' ')) {
    if (line.length + 1 + word.length + 2 <= width || line === '') line = line === '' ? word : `${line} ${word}`;
    else {
      lines.push(`${line} \\`);
      line = word.length + 2 <= width ? `  ${word}` : word;
    }
  }
  return [...lines, line];
}

export function renderDiagram(input: DiagramInput): string {
  const width = input.width ?? 80;
  const { columns, placed } = placeSteps(input.trace);
  const last = placed.length - 1;
  // A wait that never completes has no violating step: the cycle is marked instead.
  const marker = input.verdictLine !== undefined && input.cycleFrom === undefined ? '  <-' : '';
  const longest = columns.map((col, c) => longestWord([col.title, ...placed.filter((p) => p.column === c).map((p) => p.text)]));
  const x = columnStarts(longest, width);
  const widthOf = (c: number): number => (c + 1 < columns.length ? x[c + 1]! - GAP : width) - x[c]!;
  const row = (c: number, text: string): string => ' '.repeat(x[c]!) + text;
  const fit = (h: string): string[] => (h.length <= width ? [h] : paragraph(h, width));
  const lines: string[] = [...fit(input.title), ...input.header.flatMap(fit), ''];
  // Titles side by side, each wrapped in its column, then a rule under each.
  const titles = columns.map((col, c) => wrapCell(col.title, widthOf(c), widthOf(c)));
  const height = Math.max(...titles.map((t) => t.length));
  for (let k = 0; k < height; k++) {
    lines.push(titles.map((t, c) => (t[k] ?? '').padEnd(c + 1 < columns.length ? x[c + 1]! - x[c]! : 0)).join('').trimEnd());
  }
  lines.push(titles.map((t, c) => '-'.repeat(Math.max(...t.map((l) => l.length))).padEnd(c + 1 < columns.length ? x[c + 1]! - x[c]! : 0)).join('').trimEnd());
  const rule = (label: string): string => `${`---- ${label} `.padEnd(width, '-')}`;
  placed.forEach((p, i) => {
    if (i === input.cycleFrom) lines.push(rule('from here on, the steps below repeat for ever'));
    const chunks = wrapCell(p.text, widthOf(p.column), width - x[p.column]!);
    if (i === last && marker !== '') {
      // The violating step is marked after its text, on its last line if the mark fits there.
      const end = chunks.length - 1;
      if (x[p.column]! + chunks[end]!.length + marker.length <= width) chunks[end] += marker;
      else chunks.push(`  ${marker.trim()}`);
    }
    for (const chunk of chunks) lines.push(row(p.column, chunk));
  });
  if (input.cycleFrom !== undefined && input.cycleFrom <= last) lines.push(rule(`and again from step ${input.cycleFrom + 1}`));
  if (input.verdictLine !== undefined && last >= 0) {
    const at = input.cycleFrom !== undefined ? '' : ` at step ${last + 1}`;
    const what = input.property !== undefined && input.property !== input.verdictLine ? `${input.property} violated${at}: ` : `step ${last + 1}: `;
    lines.push('', ...paragraph(`^ ${what}${input.verdictLine}`, width));
  }
  return lines.join('\n') + '\n';
}
