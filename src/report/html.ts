/**
 * The self-contained HTML report of a counterexample: a header (scenario, variant,
 * configuration, property, how it was found, the replay command), the SVG swimlanes
 * (./swimlanes.ts: each step in the lane of the CPU that runs it), and a state panel showing
 * the decoded model state after the step the reader clicks or hovers (changed fields
 * highlighted; the model's own bookkeeping, `prog` and `pc`, only when asked). The panel stays
 * in view beside the lanes (they scroll on their own at four lanes). The states are embedded
 * as JSON; the page loads nothing and holds no timestamp, so the same counterexample gives the
 * same bytes.
 */
import type { StepInfo } from '../core/machine.js';
import { toTraceSteps } from '../core/trace.js';
import { actorName } from './actor-name.js';
import { placeSteps } from './columns.js';
import { escapeXml, hazardStart, renderSwimlanes } from './swimlanes.js';

export interface DecodedState {
  readonly global: Readonly<Record<string, string>>;
  readonly cpus: readonly Readonly<Record<string, string>>[];
}

export interface HtmlReportInput {
  readonly title: string;
  /** Lines under the title: configuration, how found, replay command. */
  readonly header: readonly string[];
  readonly steps: readonly StepInfo[];
  /** states[0] is the initial state; states[i + 1] follows steps[i]. */
  readonly states: readonly DecodedState[];
  readonly cpuRoles: readonly string[];
  readonly verdictLine: string;
}

/** Fields of the model's own bookkeeping, not the kernel's: shown only when asked. */
const INTERNAL_FIELDS = ['prog', 'pc'];

/** JSON safe inside a `<script>` element. */
function scriptJson(x: unknown): string {
  return JSON.stringify(x).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 16px; color: #1f2328; }
h1 { font-size: 18px; margin: 0 0 6px; }
.header p { margin: 2px 0; font-size: 13px; }
.header code { background: #f6f8fa; padding: 1px 4px; }
.verdict { color: #d1242f; font-weight: bold; margin: 8px 0; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(300px, 380px); gap: 16px; align-items: start; }
.diagram { overflow-x: auto; min-width: 0; }
#state-panel { position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow-y: auto; font-size: 12px; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; }
#state-panel label { display: block; margin-bottom: 6px; color: #57606a; }
.internal { display: none; }
.show-internal .internal { display: table-row; }
#state-panel h2 { font-size: 14px; margin: 0 0 4px; }
#state-panel table { border-collapse: collapse; margin: 4px 0 8px; width: 100%; }
#state-panel td, #state-panel th { border: 1px solid #d0d7de; padding: 1px 6px; text-align: left; font-family: monospace; }
#state-panel td.changed { background: #fff8c5; font-weight: bold; }
.step { cursor: pointer; }
.step:hover rect, .step.selected rect { stroke: #0969da; stroke-width: 3; }
.legend { font-size: 12px; color: #57606a; margin: 6px 0 10px; }
`;

const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var panel = document.getElementById('state-panel');
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  function table(title, now, before) {
    var rows = Object.keys(now).map(function (k) {
      var changed = before !== undefined && before[k] !== now[k];
      var internal = data.internal.indexOf(k) >= 0;
      return '<tr' + (internal ? ' class="internal"' : '') + '><th>' + esc(k) + '</th><td class="' + (changed ? 'changed' : '') + '" data-field="' + esc(k) + '">' + esc(now[k]) +
        (changed ? ' <small>(was ' + esc(before[k]) + ')</small>' : '') + '</td></tr>';
    });
    return '<h3>' + esc(title) + '</h3><table>' + rows.join('') + '</table>';
  }
  function show(i) {
    var st = data.steps[i];
    var now = data.states[i + 1], before = data.states[i];
    var html = '<label><input type="checkbox" id="show-internal"' + (panel.classList.contains('show-internal') ? ' checked' : '') + '> show the fields only the model has (' + esc(data.internal.join(', ')) + ')</label>' +
      '<h2>Step ' + (i + 1) + ' (' + esc(st.lane) + '): ' + esc(st.name) + '</h2>' +
      '<p>' + esc(st.text) + '</p><p><code>' + esc(st.source) + '</code></p>' +
      '<p>State after this step (changed fields highlighted):</p>' + table('global', now.global, before.global);
    now.cpus.forEach(function (c, k) {
      var who = data.actors[k] === data.cpuRoles[k] ? data.actors[k] : data.actors[k] + ' (' + data.cpuRoles[k] + ')';
      html += table(who, c, before.cpus[k]);
    });
    panel.innerHTML = html;
    document.getElementById('show-internal').addEventListener('change', function (e) {
      panel.classList.toggle('show-internal', e.target.checked);
    });
    panel.setAttribute('data-step', String(i));
    document.querySelectorAll('.step.selected').forEach(function (e) { e.classList.remove('selected'); });
    var g = document.querySelector('.step[data-step="' + i + '"]');
    if (g) g.classList.add('selected');
  }
  document.querySelectorAll('.step').forEach(function (g) {
    var i = Number(g.getAttribute('data-step'));
    g.addEventListener('click', function () { show(i); });
    g.addEventListener('mouseenter', function () { show(i); });
    g.addEventListener('keydown', function (e) { if (e.key === 'Enter') show(i); });
  });
  show(data.steps.length - 1);
})();
`;

export function renderHtmlReport(input: HtmlReportInput): string {
  const hz = hazardStart(input.steps);
  const { columns, placed } = placeSteps(toTraceSteps(input.steps));
  const laneOf = (i: number): string => columns[placed[i]?.column ?? 0]?.title ?? '';
  const data = {
    cpuRoles: input.cpuRoles,
    actors: input.cpuRoles.map(actorName),
    internal: INTERNAL_FIELDS,
    steps: input.steps.map((s, i) => ({ cpu: s.cpu, lane: laneOf(i), kind: s.kind, name: s.name, text: placed[i]?.text ?? s.text, source: s.source })),
    states: input.states,
  };
  const hazardText =
    hz !== undefined
      ? `Hazard window (shaded): from step ${hz + 1} (${laneOf(hz)}: ${input.steps[hz]!.name}) to the violating step ${input.steps.length}.`
      : `Violating step: ${input.steps.length}.`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(input.title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    '<div class="header">',
    `<h1>${escapeXml(input.title)}</h1>`,
    ...input.header.map((h) => `<p>${escapeXml(h)}</p>`),
    '</div>',
    `<p class="verdict">${escapeXml(input.verdictLine)}</p>`,
    `<p class="legend">One lane per CPU, time flows down. Blue arrows: IPIs from sender to handler. ${escapeXml(hazardText)} Click or hover a step to see the state after it.</p>`,
    '<div class="layout"><div class="diagram">',
    renderSwimlanes({ steps: input.steps }),
    '</div><aside id="state-panel" aria-live="polite"></aside></div>',
    `<script type="application/json" id="report-data">${scriptJson(data)}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
