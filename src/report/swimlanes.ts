/**
 * The SVG swimlane drawing of a counterexample: one lane (column) per CPU, one row per step on
 * a shared time axis flowing down, an arrow from each IPI send to the handler that received
 * it, and the hazard window shaded from the step that created it (the retire step: free,
 * reuse, deposit) to the step that hit it (the last). Plain markup, no script: the page around
 * it (./html.ts) adds the interaction.
 */
import type { StepInfo } from '../core/machine.js';
import { toTraceSteps } from '../core/trace.js';
import { placeSteps } from './columns.js';

export interface IpiArrow {
  readonly from: number;
  readonly to: number;
}

/** Each IPI handler step is paired with the latest earlier IPI send on another CPU. */
export function ipiArrows(steps: readonly StepInfo[]): IpiArrow[] {
  const arrows: IpiArrow[] = [];
  steps.forEach((t, j) => {
    if (t.ipi !== 'handle') return;
    for (let i = j - 1; i >= 0; i--) {
      const s = steps[i]!;
      if (s.ipi === 'send' && s.cpu !== t.cpu) {
        arrows.push({ from: i, to: j });
        return;
      }
    }
  });
  return arrows;
}

/**
 * Where the hazard starts: the last step before the violating one that retires memory (tag
 * `retire`), else the last that publishes a change (`publish`); undefined if neither.
 */
export function hazardStart(steps: readonly StepInfo[]): number | undefined {
  const before = steps.slice(0, -1);
  for (const tag of ['retire', 'publish'] as const) {
    for (let i = before.length - 1; i >= 0; i--) if (before[i]!.tags.includes(tag)) return i;
  }
  return undefined;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Greedy word wrap at `width` characters; a word longer than a line is cut. */
export function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    let w = word;
    while (w.length > width) {
      if (line.length > 0) out.push(line);
      out.push(w.slice(0, width));
      w = w.slice(width);
      line = '';
    }
    if (line.length === 0) line = w;
    else if (line.length + 1 + w.length <= width) line += ' ' + w;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line.length > 0) out.push(line);
  return out.length > 0 ? out : [''];
}

export interface SwimlaneInput {
  readonly steps: readonly StepInfo[];
}

/** Lane width: narrower with more lanes, so that four still fit beside the state panel. */
const laneWidth = (lanes: number): number => (lanes <= 2 ? 320 : lanes === 3 ? 280 : 240);
const GUTTER = 60;
const TOP = 48;
const LINE_H = 16;
const PAD = 8;
const CHAR_W = 7.3;

export function renderSwimlanes(input: SwimlaneInput): string {
  const { steps } = input;
  const { columns, placed } = placeSteps(toTraceSteps(steps));
  const LANE_W = laneWidth(columns.length);
  const chars = Math.floor((LANE_W - 44) / CHAR_W);
  const last = steps.length - 1;
  const hz = hazardStart(steps);
  const laneX = (lane: number) => GUTTER + lane * LANE_W;
  const laneOf = (i: number): number => placed[i]?.column ?? 0;
  const rows: { y: number; h: number; lines: string[] }[] = [];
  let y = TOP;
  for (const p of placed) {
    const lines = wrapWords(p.text, chars);
    const h = lines.length * LINE_H + 2 * PAD;
    rows.push({ y, h, lines });
    y += h + 10;
  }
  const height = y + 20;
  const width = GUTTER + columns.length * LANE_W + 20;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" id="swimlanes" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="12">`);
  out.push('<defs><marker id="arrowhead" markerWidth="10" markerHeight="8" refX="9" refY="4" orient="auto"><path d="M0,0 L10,4 L0,8 z" fill="#1f5fbf"/></marker></defs>');
  columns.forEach((col, lane) => {
    const x = laneX(lane);
    out.push(
      `<g class="lane" data-cpu="${col.cpu}" pointer-events="none"><rect x="${x + 4}" y="4" width="${LANE_W - 8}" height="${height - 8}" rx="6" fill="${lane % 2 === 0 ? '#f6f8fa' : '#eef2f6'}" stroke="#d0d7de"/>` +
        `<text class="lane-title" x="${x + LANE_W / 2}" y="28" text-anchor="middle" font-weight="bold">${escapeXml(col.title)}</text></g>`,
    );
  });
  if (hz !== undefined && last >= 0) {
    const top = rows[hz]!.y - 4;
    const bottom = rows[last]!.y + rows[last]!.h + 4;
    out.push(
      `<g class="hazard" data-from="${hz}" data-to="${last}" pointer-events="none"><rect x="${GUTTER - 50}" y="${top}" width="${width - GUTTER + 40}" height="${bottom - top}" fill="#d1242f" fill-opacity="0.07" stroke="#d1242f" stroke-dasharray="6 4"/>` +
        `<text x="${GUTTER - 46}" y="${top + 14}" fill="#d1242f" font-size="10">hazard</text></g>`,
    );
  }
  steps.forEach((t, i) => {
    const r = rows[i]!;
    const x = laneX(laneOf(i)) + 14;
    const cls = ['step', `kind-${t.kind}`, i === last ? 'violating' : '', i === hz ? 'hazard-start' : '', t.ipi !== undefined ? `ipi-${t.ipi}` : '']
      .filter((c) => c.length > 0)
      .join(' ');
    const fill = i === last ? '#ffebe9' : i === hz ? '#fff8c5' : t.kind === 'event' ? '#ddf4ff' : '#ffffff';
    const stroke = i === last ? '#d1242f' : i === hz ? '#9a6700' : '#8c959f';
    out.push(`<text class="step-number" x="${GUTTER - 8}" y="${r.y + PAD + 12}" text-anchor="end" fill="#57606a" font-size="10">${i + 1}</text>`);
    out.push(`<g class="${cls}" data-step="${i}" data-cpu="${columns[laneOf(i)]?.cpu ?? t.cpu}" tabindex="0"><title>${escapeXml(`${t.name} - ${t.source}`)}</title>`);
    out.push(`<rect x="${x}" y="${r.y}" width="${LANE_W - 28}" height="${r.h}" rx="4" fill="${fill}" stroke="${stroke}" stroke-width="${i === last ? 2.5 : 1}"/>`);
    r.lines.forEach((line, k) => {
      out.push(`<text x="${x + 8}" y="${r.y + PAD + 12 + k * LINE_H}">${escapeXml(line)}</text>`);
    });
    out.push('</g>');
  });
  for (const a of ipiArrows(steps)) {
    const from = laneOf(a.from);
    const to = laneOf(a.to);
    const fromRight = to > from;
    const x1 = laneX(from) + (fromRight ? LANE_W - 14 : 14);
    const x2 = laneX(to) + (fromRight ? 14 : LANE_W - 14);
    const y1 = rows[a.from]!.y + rows[a.from]!.h / 2;
    const y2 = rows[a.to]!.y + rows[a.to]!.h / 2;
    const mx = (x1 + x2) / 2;
    out.push(
      `<path class="ipi-arrow" data-from="${a.from}" data-to="${a.to}" d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}" fill="none" stroke="#1f5fbf" stroke-width="2" pointer-events="none" marker-end="url(#arrowhead)"><title>IPI: step ${a.from + 1} -&gt; step ${a.to + 1}</title></path>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
