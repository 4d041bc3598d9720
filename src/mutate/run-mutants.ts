/**
 * The mutation catalogue: every configuration whose unmutated model holds (derived by the
 * engine, whatever the variant's expectation says) is mutated, and every automatic mutant
 * must be caught (a counterexample, or a wait that can never complete) or justified. A
 * justification is derived where it can be: the edited steps never run there, or the mutant's
 * reachable graph is the unmutated model's (./same-graph.ts); else it is written in
 * ./equivalent.ts. A survivor listed in ./model-gaps.ts is a known gap of the models. Any other
 * survivor is a regression when its variant has been reviewed (./reviewed.ts), and a finding
 * to look at when nobody has reviewed the variant yet (a new variant file). A mutant whose run
 * holds but never reaches one of the model's race windows (its sometimes-properties) survives
 * nothing: `check` calls that run inconclusive (vacuous), and so does `mutate`, as for a C model
 * (./c/run.ts). A configuration whose unmutated run is vacuous is not mutated.
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
import { isReviewed } from './reviewed.js';
import { observedBytes } from './observed-fields.js';
import { notHolding, unreached, vacuousDetail, type NotHolding } from './unreached.js';
import { GraphComparison, sameGraph, type ObservedGraph } from './same-graph.js';

/**
 * `justified`: equivalent (derived or written); `gap`: listed in ./model-gaps.ts; `survived`:
 * unexplained on a reviewed variant; `finding`: unexplained on a variant nobody has reviewed;
 * `inconclusive`: the run holds but a race window was never reached (vacuous), so it neither
 * catches nor survives the mutant.
 */
export type MutantOutcome = 'caught' | 'justified' | 'gap' | 'survived' | 'finding' | 'inconclusive';

export interface MutantResult {
  readonly variant: string;
  readonly arch: string;
  readonly id: string;
  readonly kind: MutantKind;
  readonly outcome: MutantOutcome;
  /** Violated property, or why the mutant is equivalent, or what the survivor's run gave. */
  readonly detail: string;
  /** For `justified`: derived (`never-runs`, `same-graph`) or a reason in ./equivalent.ts (`written`). */
  readonly how?: 'never-runs' | 'same-graph' | 'written';
}

/**
 * A configuration left unmutated: `check` does not say its unmutated model holds (violated,
 * stuck, a bound, or a race window never reached), so nothing can be caught.
 */
export interface NotMutated extends NotHolding {
  readonly variant: string;
  readonly arch: string;
}

export interface MutationScore {
  readonly scenario: string;
  readonly mutants: number;
  readonly caught: number;
  readonly justified: number;
  /** Survivors listed in ./model-gaps.ts (not in the score). */
  readonly gaps: number;
  /** Unexplained survivors of variants nobody has reviewed (not in the score). */
  readonly findings: number;
  /** Vacuous runs: neither caught nor survived (not in the score). */
  readonly inconclusive: number;
  readonly score: number;
  readonly results: readonly MutantResult[];
  readonly notMutated: readonly NotMutated[];
}

export const NEVER_RUNS = 'equivalent by construction: an edited step never runs on this configuration';
export const SAME_GRAPH =
  'equivalent by construction: the same reachable states and transitions as the unmutated model, over every field a safety property or a guard depends on (program counters aside)';

export interface MutateOptions {
  readonly maxStates?: number;
  /** Whether a variant's survivors have been reviewed (default: ./reviewed.ts). */
  readonly reviewed?: (scenario: string, variant: string) => boolean;
}

export function mutateScenario(scenario: Scenario, cpus: number, options: MutateOptions = {}): MutationScore {
  const maxStates = options.maxStates ?? 2_000_000;
  const reviewed = options.reviewed ?? isReviewed;
  const results: MutantResult[] = [];
  const notMutated: NotMutated[] = [];
  const explore = (spec: Parameters<typeof compileModel>[0]) =>
    bfs(compileModel(spec), { symmetry: true, maxStates, timeoutMs: 60_000, progress: { maxEdges: 20 * maxStates } });
  for (const v of scenario.variants) {
    for (const [a, mm] of scenario.arches.flatMap((x) => scenario.memoryModels.map((m) => [x, m] as const))) {
      // Mutants are named per configuration: `arm64` under sc, `arm64/weak` under a store-buffer model.
      const arch = configLabel(a, mm);
      const spec = scenario.build(v.name, ARCHES[a], cpus, mm);
      const unmutated = explore(spec);
      const refused = notHolding(spec, unmutated);
      if (refused !== null) {
        notMutated.push({ variant: v.name, arch, ...refused });
        continue;
      }
      const { executed: ran, maxByte } = executedSteps(compileModel(spec), spec.cpuRoles, maxStates);
      // Progress can only catch a mutant if the unmutated model itself always can finish.
      const judged = unmutated.verdict === 'holds' ? unmutated.progress : undefined;
      const progressBase = (judged ?? checkProgress(compileModel(spec), maxStates)).verdict === 'progresses';
      let graphs: GraphComparison | undefined;
      let original: ObservedGraph | undefined | null = null;
      for (const m of mutantsOf(spec)) {
        const base = { variant: v.name, arch, id: m.id, kind: m.kind };
        // A dropped step that never runs, or a swap with a step that never runs (its onlyIf is
        // false on this configuration), leaves the behaviour unchanged.
        if (m.kind === 'drop' ? m.at.every((x) => !ran.has(x)) : m.at.some((x) => !ran.has(x))) {
          results.push({ ...base, outcome: 'justified', detail: NEVER_RUNS, how: 'never-runs' });
          continue;
        }
        // Safety and progress from one exploration (progress judged on the BFS graph).
        const r = explore(m.spec);
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
        // A holds that never reached a race window is no verdict: `check` says inconclusive.
        const vacuous = unreached(m.spec, r);
        if (vacuous.length > 0) {
          results.push({ ...base, outcome: 'inconclusive', detail: vacuousDetail(vacuous) });
          continue;
        }
        if (r.verdict === 'holds') {
          graphs ??= new GraphComparison(observedBytes(spec, (b) => maxByte[b] ?? 0));
          if (original === null) original = graphs.graph(spec, maxStates);
          const mine = original === undefined ? undefined : graphs.graph(m.spec, maxStates);
          if (original !== undefined && mine !== undefined && sameGraph(original, mine)) {
            results.push({ ...base, outcome: 'justified', detail: SAME_GRAPH, how: 'same-graph' });
            continue;
          }
        }
        const eq = entryFor(EQUIVALENT, scenario.name, v.name, arch, m.id);
        const gap = eq === undefined ? entryFor(MODEL_GAPS, scenario.name, v.name, arch, m.id) : undefined;
        const unexplained: MutantOutcome = reviewed(scenario.name, v.name) ? 'survived' : 'finding';
        const outcome: MutantOutcome = eq !== undefined ? 'justified' : gap !== undefined ? 'gap' : unexplained;
        results.push({ ...base, outcome, detail: eq?.reason ?? gap?.reason ?? `${r.verdict} after ${r.states} states`, ...(eq !== undefined ? { how: 'written' as const } : {}) });
      }
    }
  }
  const count = (o: MutantOutcome): number => results.filter((r) => r.outcome === o).length;
  const caught = count('caught');
  const justified = count('justified');
  return {
    scenario: scenario.name,
    mutants: results.length,
    caught,
    justified,
    gaps: count('gap'),
    findings: count('finding'),
    inconclusive: count('inconclusive'),
    score: results.length === 0 ? 1 : (caught + justified) / results.length,
    results,
    notMutated,
  };
}
