/**
 * The per-CPU column diagram kernel people draw races with: one column per CPU that acts in
 * the trace, time flowing down, one step per row, kernel function names, and the violating
 * step marked. Plain text, 80 columns where possible, so it can be pasted into a mail reply.
 */
import type { TraceStep } from '../core/trace.js';

export interface DiagramInput {
  readonly title: string;
  readonly header: readonly string[];
  readonly trace: readonly TraceStep[];
  /** Sentence printed under the last step (the violation), if any. */
  readonly verdictLine?: string;
  readonly width?: number;
}

/** Column title of a CPU: the program it chose (`khugepaged`) or its role (`GUP-fast`); actor roles named `CPUn/task` title themselves. */
export function columnTitles(trace: readonly TraceStep[]): Map<number, string> {
  const titles = new Map<number, string>();
  for (const t of trace) {
    if (titles.has(t.cpu) && t.kind !== 'choose') continue;
    const who = t.kind === 'choose' ? (t.step.split(':')[0] ?? t.step) : t.role;
    // A role named `CPU0/taskA` is an actor that names its own CPU (tasks, in scenarios where
    // tasks and CPUs differ): its name is the column title.
    titles.set(t.cpu, t.role.includes('/') ? t.role : `CPU${t.cpu} (${who})`);
  }
  return titles;
}

/**
 * Cuts a word longer than `room` after the last identifier boundary (`_ - . / ( ) : , >`) that
 * fits, so `tlb_remove_table_sync_one()` splits as `tlb_remove_table_` + `sync_one()`; a hard
 * cut only when no boundary fits.
 */
export function splitWord(word: string, room: number): [string, string] {
  if (word.length <= room) return [word, ''];
  let cut = -1;
  for (let i = Math.min(room, word.length) - 1; i >= Math.floor(room / 3); i--) {
    if ('_-./():,>'.includes(word[i]!)) {
      cut = i + 1;
      break;
    }
  }
  const at = cut > 0 ? cut : room;
  return [word.slice(0, at), word.slice(at)];
}

/** Greedy wrap at spaces; continuation lines are indented by two; long words cut at boundaries. */
export function wrap(text: string, width: number): string[] {
  if (width < 8) return [text.slice(0, Math.max(1, width))];
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let w = word;
    if (line.length > 0 && line.length + 1 + w.length <= width) {
      line += ' ' + w;
      continue;
    }
    if (line.length > 0) {
      out.push(line);
      line = '  ';
    }
    // Start the word on this (new or continuation) line, cutting it while it does not fit.
    while (line.length + w.length > width) {
      const [head, rest] = splitWord(w, width - line.length);
      out.push(line + head);
      line = '  ';
      w = rest;
    }
    line += w;
  }
  if (line.trim().length > 0) out.push(line);
  return out;
}

export function renderDiagram(input: DiagramInput): string {
  const width = input.width ?? 80;
  const cpus = [...new Set(input.trace.map((t) => t.cpu))].sort((a, b) => a - b);
  const titles = columnTitles(input.trace);
  const gap = 2;
  const colWidth = Math.max(18, Math.floor((width - gap * (cpus.length - 1)) / Math.max(1, cpus.length)));
  const pad = (s: string) => s + ' '.repeat(Math.max(0, colWidth - s.length));
  const row = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c))).join(' '.repeat(gap)).trimEnd();
  const lines: string[] = [input.title, ...input.header, ''];
  lines.push(row(cpus.map((c) => (titles.get(c) ?? `CPU${c}`).slice(0, colWidth))));
  lines.push(row(cpus.map((c) => '-'.repeat(Math.min(colWidth, (titles.get(c) ?? `CPU${c}`).length)))));
  input.trace.forEach((t, i) => {
    const last = i === input.trace.length - 1;
    const text = t.kind === 'choose' ? `[${t.step.split(': ').pop() ?? t.step}]` : t.text;
    const chunks = wrap(last && input.verdictLine !== undefined ? `${text}  <-` : text, colWidth);
    for (const chunk of chunks) lines.push(row(cpus.map((c) => (c === t.cpu ? chunk : ''))));
    if (last && input.verdictLine !== undefined) {
      for (const chunk of wrap(`^ ${input.verdictLine}`, colWidth)) lines.push(row(cpus.map((c) => (c === t.cpu ? chunk : ''))));
    }
  });
  return lines.join('\n') + '\n';
}
