/** What the tests of a C model against the TypeScript scenario it re-expresses share. */
import { readdirSync, readFileSync } from 'node:fs';
import type { CheckResult } from '../src/check.js';

/** What must agree: the verdict, the violated property, and whether every race window was reached. */
export const judged = (r: CheckResult) => ({ verdict: r.verdict, property: r.property ?? null, raceWindowsReached: r.vacuous.length === 0 });

/**
 * The C variant that mirrors each TypeScript variant of a scenario: a patch in
 * `models/<scenario>/` says which with its `Mirrors: <scenario>/<variant>` header; the C
 * baseline mirrors the TypeScript baseline.
 */

export function cMirrors(scenario: string): Map<string, string> {
  const out = new Map<string, string>([['baseline', 'baseline']]);
  const header = new RegExp(`^Mirrors:\\s*${scenario}/(\\S+)\\s*$`, 'm');
  for (const f of readdirSync(`models/${scenario}`).filter((x) => x.endsWith('.diff'))) {
    const m = header.exec(readFileSync(`models/${scenario}/${f}`, 'utf8'));
    if (m !== null) out.set(m[1]!, f.replace(/\.diff$/, ''));
  }
  return out;
}
