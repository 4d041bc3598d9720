/**
 * The self-contained HTML report of a counterexample: a header (scenario, variant,
 * configuration, property, how it was found, the replay command), the SVG swimlanes
 * (./swimlanes.ts), and a state panel showing the decoded model state after the step the
 * reader clicks or hovers (changed fields highlighted). The states are embedded as JSON; the
 * page loads nothing and holds no timestamp, so the same counterexample gives the same bytes.
 */
import type { StepInfo } from '../core/machine.js';
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
.layout { display: flex; gap: 16px; align-items: flex-start; }
.diagram { overflow-x: auto; flex: 0 0 auto; }
#state-panel { position: sticky; top: 8px; min-width: 320px; max-width: 460px; font-size: 12px; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; }
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
      return '<tr><th>' + esc(k) + '</th><td class="' + (changed ? 'changed' : '') + '" data-field="' + esc(k) + '">' + esc(now[k]) +
        (changed ? ' <small>(was ' + esc(before[k]) + ')</small>' : '') + '</td></tr>';
    });
    return '<h3>' + esc(title) + '</h3><table>' + rows.join('') + '</table>';
  }
  function show(i) {
    var st = data.steps[i];
    var now = data.states[i + 1], before = data.states[i];
    var html = '<h2>Step ' + (i + 1) + ': CPU' + st.cpu + ' ' + esc(st.name) + '</h2>' +
      '<p>' + esc(st.text) + '</p><p><code>' + esc(st.source) + '</code></p>' +
      '<p>State after this step (changed fields highlighted):</p>' + table('global', now.global, before.global);
    now.cpus.forEach(function (c, k) { html += table('CPU' + k + ' (' + esc(data.cpuRoles[k]) + ')', c, before.cpus[k]); });
    panel.innerHTML = html;
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
  const data = {
    cpuRoles: input.cpuRoles,
    steps: input.steps.map((s) => ({ cpu: s.cpu, kind: s.kind, name: s.name, text: s.text, source: s.source })),
    states: input.states,
  };
  const hazardText =
    hz !== undefined
      ? `Hazard window (shaded): from step ${hz + 1} (CPU${input.steps[hz]!.cpu} ${input.steps[hz]!.name}) to the violating step ${input.steps.length}.`
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
    renderSwimlanes({ steps: input.steps, cpuRoles: input.cpuRoles }),
    '</div><aside id="state-panel" aria-live="polite"></aside></div>',
    `<script type="application/json" id="report-data">${scriptJson(data)}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
