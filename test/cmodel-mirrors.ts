/** What the tests of a C model against the TypeScript scenario it re-expresses share. */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { defaultCheckOptions, runCheck, type CheckResult } from '../src/check.js';
import type { ArchName } from '../src/arch/arch.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import type { Scenario } from '../src/scenarios/scenario.js';

/** What must agree: the verdict, the violated property, and whether every race window was reached. */
const judged = (r: CheckResult) => ({ verdict: r.verdict, property: r.property ?? null, raceWindowsReached: r.vacuous.length === 0 });

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

/**
 * Checks TypeScript variant `variant` of `ts` and the C patch that mirrors it on `arch` at the
 * scenario's CPU count: the same verdict, property and race windows, and the patch's Expect:
 * line agreeing.
 */
export function expectAgreement(model: string, ts: Scenario, variant: string, cVariant: string, arch: ArchName): void {
  const opts = { ...defaultCheckOptions, cpus: ts.defaultCpus };
  const want = judged(runCheck(ts, variant, arch, opts));
  const got = runCheck(cModelScenario(model), cVariant, arch, opts);
  expect(judged(got)).toEqual(want);
  expect(got.agrees).toBe(true);
}
