/**
 * Shared vitest suite: every variant x configuration of a scenario, exhaustively, must give the
 * variant's declared expectation; every violated one must also be found by the random engine
 * (a progress violation excepted: no random run can show a wait never completes); and the
 * state count of one holds configuration is the one a naive explorer derives
 * (test/toys/naive-explorer.ts: orbits of its reachable states), not a number copied from a run.
 */
import { describe, it, expect } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { PROGRESS_PROPERTY } from '../src/engines/progress.js';
import { findScenario } from '../src/scenarios/index.js';
import { configLabel } from '../src/scenarios/scenario.js';
import { naiveExplore } from '../test/toys/naive-explorer.js';

export function verdictSuite(scenarioName: string, counted: { variant: string; arch: Parameters<typeof runCheck>[2] }): void {
  const sc = findScenario(scenarioName);
  describe(`${scenarioName}: verdicts`, () => {
    it('is registered', () => expect(sc).toBeDefined());
    if (sc === undefined) return;
    for (const v of sc.variants) {
      for (const [arch, mm] of sc.arches.flatMap((a) => sc.memoryModels.map((m) => [a, m] as const))) {
        it(`${v.name} on ${configLabel(arch, mm)} (exhaustive)`, () => {
          const r = runCheck(sc, v.name, arch, { ...defaultCheckOptions, engine: 'exhaustive', memoryModel: mm });
          const want = r.expected;
          expect(r.verdict).toBe(want.verdict);
          if (want.verdict === 'violated') expect(r.property).toBe(want.property);
          expect(r.agrees).toBe(true);
          if (want.verdict === 'violated') {
            const rr = runCheck(sc, v.name, arch, { ...defaultCheckOptions, engine: 'random', memoryModel: mm });
            if (want.property === PROGRESS_PROPERTY) {
              // A wait that can never complete is a property of the whole graph: random runs
              // cannot show it, and say so instead of answering holds.
              expect(rr.verdict).toBe('inconclusive');
              return;
            }
            expect(rr.verdict).toBe('violated');
            expect(rr.property).toBe(want.property);
          }
        });
      }
    }
    it(`counts the states of ${counted.variant} on ${counted.arch} as a naive explorer does`, () => {
      const r = runCheck(sc, counted.variant, counted.arch, { ...defaultCheckOptions, engine: 'exhaustive' });
      expect(r.verdict).toBe('holds');
      expect(r.states).toBe(naiveExplore(sc.build(counted.variant, ARCHES[counted.arch], r.cpus, 'sc')).orbits);
    });
  });
}
