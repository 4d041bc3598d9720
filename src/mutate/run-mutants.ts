/**
 * The mutation catalogue: for every variant x configuration whose declared verdict is
 * `holds`, every automatic mutant must be caught (a counterexample), be equivalent by
 * construction (the steps it edits never run there), or be listed in ./equivalent.ts. A
 * survivor listed in ./model-gaps.ts is a known gap of the models: reported as such, and
 * counted against the score like any other survivor.
 */
import { ARCHES } from '../arch/index.js';
import { compileModel } from '../core/compile.js';
import { bfs } from '../engines/bfs.js';
import { checkProgress } from '../engines/progress.js';
import { configLabel, type Scenario } from '../scenarios/scenario.js';
import { executedSteps } from './coverage.js';
import { entryFor } from './catalogue-entry.js';
import { EQUIVALENT } from './equivalent.js';
import { MODEL_GAPS } from './model-gaps.js';
import { mutantsOf, type MutantKind } from './mutants.js';

/** `gap`: survived, and listed in ./model-gaps.ts as something the models leave out. */
export type MutantOutcome = 'caught' | 'justified' | 'gap' | 'survived';

export interface MutantResult {
  readonly variant: string;
  readonly arch: string;
  readonly id: string;
  readonly kind: MutantKind;
  readonly outcome: MutantOutcome;
  /** Violated property, or why the mutant is equivalent. */
  readonly detail: string;
}

export interface MutationScore {
  readonly scenario: string;
  readonly mutants: number;
  readonly caught: number;
  readonly justified: number;
  /** Survivors listed in ./model-gaps.ts (not in the score). */
  readonly gaps: number;
  readonly score: number;
  readonly results: readonly MutantResult[];
}

export function mutateScenario(scenario: Scenario, cpus: number, maxStates = 2_000_000): MutationScore {
  const results: MutantResult[] = [];
  for (const v of scenario.variants) {
    for (const [a, mm] of scenario.arches.flatMap((x) => scenario.memoryModels.map((m) => [x, m] as const))) {
      if (v.expect(ARCHES[a], mm).verdict !== 'holds') continue;
      // Mutants are named per configuration: `arm64` under sc, `arm64/weak` under a store-buffer model.
      const arch = configLabel(a, mm);
      const spec = scenario.build(v.name, ARCHES[a], cpus, mm);
      const ran = executedSteps(compileModel(spec), spec.cpuRoles, maxStates);
      // Progress can only catch a mutant if the unmutated model itself always can finish.
      const progressBase = checkProgress(compileModel(spec), maxStates).verdict === 'progresses';
      for (const m of mutantsOf(spec)) {
        const base = { variant: v.name, arch, id: m.id, kind: m.kind };
        // A dropped step that never runs, or a swap with a step that never runs (its onlyIf is
        // false on this configuration), leaves the behaviour unchanged.
        if (m.kind === 'drop' ? m.at.every((a) => !ran.has(a)) : m.at.some((a) => !ran.has(a))) {
          results.push({ ...base, outcome: 'justified', detail: 'equivalent by construction: an edited step never runs on this configuration' });
          continue;
        }
        // Safety and progress from one exploration (progress judged on the BFS graph).
        const r = bfs(compileModel(m.spec), { symmetry: true, maxStates, timeoutMs: 60_000, progress: { maxEdges: 20 * maxStates } });
        if (r.verdict === 'violated') {
          results.push({ ...base, outcome: 'caught', detail: r.property });
          continue;
        }
        if (progressBase && r.verdict === 'holds') {
          const pr = r.progress ?? checkProgress(compileModel(m.spec), maxStates, undefined, true);
          if (pr.verdict === 'stuck') {
            results.push({ ...base, outcome: 'caught', detail: `stuck: a wait can never complete (${pr.stuckStates} states)` });
            continue;
          }
        }
        const eq = entryFor(EQUIVALENT, scenario.name, v.name, arch, m.id);
        const gap = eq === undefined ? entryFor(MODEL_GAPS, scenario.name, v.name, arch, m.id) : undefined;
        const outcome: MutantOutcome = eq !== undefined ? 'justified' : gap !== undefined ? 'gap' : 'survived';
        results.push({ ...base, outcome, detail: eq?.reason ?? gap?.reason ?? `${r.verdict} after ${r.states} states` });
      }
    }
  }
  const caught = results.filter((r) => r.outcome === 'caught').length;
  const justified = results.filter((r) => r.outcome === 'justified').length;
  return {
    scenario: scenario.name,
    mutants: results.length,
    caught,
    justified,
    gaps: results.filter((r) => r.outcome === 'gap').length,
    score: results.length === 0 ? 1 : (caught + justified) / results.length,
    results,
  };
}
