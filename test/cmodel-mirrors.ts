/** What the tests of a C model against the TypeScript scenario it re-expresses share. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCheckOptions, runCheck, type CheckResult } from '../src/check.js';
import type { ArchName } from '../src/arch/arch.js';
import type { MemoryModelName } from '../src/memory/model-name.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import { compileModel } from '../src/core/compile.js';
import type { ModelSpec } from '../src/core/model.js';
import { bfs } from '../src/engines/bfs.js';
import { findScenario } from '../src/scenarios/index.js';
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

/** The TypeScript variants a C variant mirrors (the baseline always). */
export function mirrored(ts: Scenario, map: ReadonlyMap<string, string>): Scenario['variants'] {
  return ts.variants.filter((v) => map.has(v.name));
}

/**
 * Checks TypeScript variant `variant` of `ts` and the C patch that mirrors it on `arch` under
 * memory model `memoryModel` at the scenario's CPU count: the same verdict, property and race
 * windows, and the patch's Expect: line agreeing.
 */
export function expectAgreement(model: string, ts: Scenario, variant: string, cVariant: string, arch: ArchName, memoryModel: MemoryModelName = 'sc'): void {
  const opts = { ...defaultCheckOptions, cpus: ts.defaultCpus, memoryModel };
  const want = judged(runCheck(ts, variant, arch, opts));
  const got = runCheck(cModelScenario(model), cVariant, arch, opts);
  expect(judged(got)).toEqual(want);
  expect(got.agrees).toBe(true);
}

/**
 * A patch of the C model's own (one that mirrors nothing) checked on `arch` as `check` does: the
 * verdict, the violated property, the race windows not reached, and the trace as text.
 */
export function checkOwnPatch(model: string, variant: string, arch: ArchName, cpus: number): { verdict: string; property: string | null; vacuous: readonly unknown[]; trace: string } {
  const r = runCheck(cModelScenario(model), variant, arch, { ...defaultCheckOptions, cpus });
  return { verdict: r.verdict, property: r.property ?? null, vacuous: r.vacuous, trace: JSON.stringify(r.trace) };
}

/**
 * Issue 14's size bounds: `models/<scenario>.c` at most 150 lines, and each seed variant (a patch
 * whose `Mirrors:` header names the TypeScript variant it re-expresses) at most 30 lines of diff
 * below its header. A patch of the reviewer's own, mirroring nothing, has no bound.
 */
export function expectModelSize(scenario: string): void {
  expect(readFileSync(`models/${scenario}.c`, 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(150);
  const seeds = readdirSync(`models/${scenario}`).filter((f) => /^Mirrors:/m.test(readFileSync(`models/${scenario}/${f}`, 'utf8')));
  expect(seeds.length).toBeGreaterThan(0);
  for (const f of seeds) {
    const text = readFileSync(`models/${scenario}/${f}`, 'utf8');
    expect(text.slice(text.indexOf('\n--- ') + 1).trimEnd().split('\n').length, f).toBeLessThanOrEqual(30);
  }
}

/**
 * The agreement tests of `models/<scenario>.c` with the TypeScript scenario of that name: the
 * model is at most 150 lines and each patch at most 30 lines of diff (below its header), every
 * C patch mirrors a TypeScript variant, and each mirrored variant x arch x memory model of the
 * TypeScript scenario agrees (expectAgreement). A TypeScript variant nobody wrote in C yet (a
 * reviewer's new variant file) is not a failure: it has nothing to agree with.
 */
export function describeAgreement(scenario: string): void {
  const model = `models/${scenario}.c`;
  const ts = findScenario(scenario)!;
  const map = cMirrors(scenario);

  it('is a model of at most 150 lines, and patches of at most 30 lines of diff each (below their header)', () => {
    expectModelSize(scenario);
  });

  it('every C patch mirrors a variant of the TypeScript scenario', () => {
    expect([...map.keys()].filter((v) => !mirrored(ts, map).some((x) => x.name === v))).toEqual([]);
  });

  for (const v of mirrored(ts, map)) {
    describe(v.name, () => {
      for (const arch of ts.arches) {
        for (const mm of ts.memoryModels) {
          it(mm === 'sc' ? arch : `${arch}/${mm}`, () => {
            expectAgreement(model, ts, v.name, map.get(v.name)!, arch, mm);
          }, 600_000);
        }
      }
    });
  }
}

/** A verdict on safety alone (the witnesses and progress are the agreement tests' part). */
export function safetyVerdict(spec: ModelSpec): string {
  const r = bfs(compileModel(spec), { symmetry: false, maxStates: 1_000_000, timeoutMs: 300_000 });
  return r.verdict === 'violated' ? `violated ${r.property}` : r.verdict;
}
