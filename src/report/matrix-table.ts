/**
 * The matrix summary printed on stdout: one aligned row per configuration (scenario, variant,
 * arch, verdict, property, states or trace length, expected verdict, agreement). No timings,
 * so it is as deterministic as VERDICTS.md.
 */
import type { CheckResult } from '../check.js';
import { configLabel } from '../scenarios/scenario.js';

const HEAD = ['scenario', 'variant', 'arch', 'verdict', 'property', 'states/trace', 'expected', 'agreement'] as const;

function row(r: CheckResult): string[] {
  const size = r.verdict === 'violated' ? `${r.trace?.length ?? 0} steps` : `${r.states} states`;
  const expected = r.expected.verdict === 'violated' ? `violated` : 'holds';
  const agreement = r.agrees === true ? 'agrees' : r.agrees === false ? 'DISAGREES' : 'not proven';
  return [r.scenario, r.variant, `${configLabel(r.arch, r.memoryModel)} (${r.cpus})`, r.verdict, r.property ?? '-', size, expected, agreement];
}

export function renderMatrixTable(results: readonly CheckResult[]): string {
  const rows = [[...HEAD], ...results.map(row)];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n') + '\n';
}
