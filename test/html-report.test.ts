/**
 * The HTML report without a browser: deterministic bytes, one lane per CPU, IPI pairing,
 * hazard start, and embedded data that cannot close its <script> element.
 */
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../src/check.js';
import { replayNamed } from '../src/core/replay.js';
import { loadCounterexample } from '../src/cli/replay-cmd.js';
import { renderHtmlReport } from '../src/report/html.js';
import { hazardStart, ipiArrows } from '../src/report/swimlanes.js';
import { findScenario } from '../src/scenarios/index.js';
import type { ArchName } from '../src/arch/arch.js';

function report(file: string, title = 't'): { html: string; steps: number } {
  const cx = loadCounterexample(file);
  const machine = buildMachine(findScenario(cx.scenario)!, cx.variant, cx.arch as ArchName, cx.cpus);
  const r = replayNamed(machine, cx.trace);
  const html = renderHtmlReport({ title, header: ['h'], steps: r.steps, states: r.states.map((s) => machine.decode(s)), cpuRoles: machine.cpuRoles, verdictLine: cx.explanation });
  expect(ipiArrows(r.steps).every((a) => r.steps[a.from]!.ipi === 'send' && r.steps[a.to]!.ipi === 'handle')).toBe(true);
  expect(hazardStart(r.steps)).toBeDefined();
  return { html, steps: r.steps.length };
}

describe('HTML report', () => {
  it('is the same bytes twice and draws one lane per CPU', () => {
    const f = 'counterexamples/mmu-gather+skip-sync-lazy-not-woken+x86-kvm-pv.json';
    const a = report(f);
    expect(report(f).html).toBe(a.html);
    expect(a.html.match(/<g class="lane"/g)).toHaveLength(2);
    expect(a.html.match(/class="ipi-arrow"/g)).toHaveLength(1);
    expect(a.html.match(/class="step[^"]*violating/g)).toHaveLength(1);
    expect(a.html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('carries a script that parses (a quote in it would silently break every click)', () => {
    const { html } = report('counterexamples/mmu-gather+skip-sync+arm64.json');
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(() => new Script(scripts[0]!)).not.toThrow();
  });

  it('escapes text so that embedded data cannot break out of the page', () => {
    const { html } = report('counterexamples/mmu-gather+skip-sync+arm64.json', '</script><b>x</b>');
    expect(html).not.toContain('</script><b>');
    expect(html).toContain('&lt;/script&gt;&lt;b&gt;');
  });
});
