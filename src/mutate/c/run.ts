/**
 * Source-level mutation of a C model. For each variant (the model as committed and each of
 * its patches) and each configuration (arch x memory model) where the unmutated model holds
 * (as the engine derives it), every source mutant (./source-mutants.ts) is applied as a patch
 * through the loader and checked like `check` does (exhaustive BFS, symmetry where the
 * compiler grants it, progress). A mutant is:
 *
 * - `caught`: a counterexample (a property of the model is violated, or a wait can never
 *   complete);
 * - `equivalent`, derived, never typed: the edited statements never run on that configuration
 *   (not compiled there, or never reached: ./coverage.ts), or the mutant's reachable graph is
 *   the unmutated model's (./same-graph.ts);
 * - a `finding`: it survives; the detail says what is known (a primitive the model gives no
 *   effect, or how many states held);
 * - `refused` by the compiler, a `model-error` (a built-in fault of the model — a value out
 *   of its domain, a NULL dereference — or an error while running it), or `inconclusive` (a
 *   bound of the model, such as the store buffer's, or the state limit; or a race window the
 *   mutant never reaches, where `check` says inconclusive, not holds): never counted as caught.
 */
import { ARCHES } from '../../arch/index.js';
import { CError } from '../../c/error.js';
import { MODEL_FAULTS } from '../../cmodel/build/assemble.js';
import type { CModel } from '../../cmodel/index.js';
import { loadCModelSync } from '../../cmodel/index.js';
import type { CScenario } from '../../cmodel/scenario.js';
import { compileModel } from '../../core/compile.js';
import type { ModelSpec } from '../../core/model.js';
import { bfs } from '../../engines/bfs.js';
import { checkProgress } from '../../engines/progress.js';
import type { MemoryModelName } from '../../memory/model-name.js';
import { InputError } from '../../report/input-error.js';
import { configLabel } from '../../scenarios/scenario.js';
import { instrumented, type SourceCoverage } from './coverage.js';
import { sourcesPatch } from './patch.js';
import { FieldGraphs, sameFieldGraph, type FieldGraph } from './same-graph.js';
import { sourceMutants, type SourceMutant, type SourceMutantKind } from './source-mutants.js';
import { notHolding, unreached, vacuousDetail, type NotHolding } from '../unreached.js';

export type CMutantOutcome = 'caught' | 'equivalent' | 'finding' | 'refused' | 'model-error' | 'inconclusive';

export interface CMutantResult {
  readonly variant: string;
  /** `arm64`, `arm64/weak`. */
  readonly config: string;
  /** `drop smp_mb() at prelude/kernel/smp.c:208`. */
  readonly id: string;
  readonly kind: SourceMutantKind;
  readonly outcome: CMutantOutcome;
  /** The violated property, why it is equivalent, or what the run gave. */
  readonly detail: string;
  /** How an equivalence was derived. */
  readonly how?: 'never-runs' | 'same-graph';
}

/** A configuration left unmutated, and what `check` would say of it instead of holds. */
export interface CNotMutated extends NotHolding {
  readonly variant: string;
  readonly config: string;
}

export interface CMutationScore {
  /** The model file as given. */
  readonly scenario: string;
  readonly mutants: number;
  readonly caught: number;
  readonly equivalent: number;
  readonly findings: number;
  readonly refused: number;
  readonly modelErrors: number;
  readonly inconclusive: number;
  readonly results: readonly CMutantResult[];
  /** Configurations left unmutated: their unmutated model does not hold. */
  readonly notMutated: readonly CNotMutated[];
  /** Each mutant as a patch against the committed sources, by variant and id. */
  readonly patches: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface CMutateOptions {
  readonly maxStates?: number;
  /** Variants to mutate (default: every variant of the model). */
  readonly variants?: readonly string[];
}

const NEVER_COMPILED = 'equivalent by construction: the edited code is not compiled on this configuration (a configuration test, or a function nothing here calls)';
const NEVER_RUNS = 'equivalent by construction: no instruction of the edited code runs in any reachable state on this configuration';
const NOTHING_COMPILED = 'equivalent by construction: a moved statement compiles to no instruction on this configuration, so the move changes no step';
const SAME_GRAPH = "equivalent by construction: the same reachable states and transitions as the unmutated model's, over every field but the CPUs' program counters and registers";

interface Prepared {
  readonly mutant: SourceMutant;
  readonly patch: string;
  /** The loaded mutant, or why the compiler refused it. */
  readonly model: CModel | InputError;
}

export function mutateCModel(scenario: CScenario, cpus: number, options: CMutateOptions = {}): CMutationScore {
  const maxStates = options.maxStates ?? 2_000_000;
  const pristine = loadCModelSync(scenario.file);
  const results: CMutantResult[] = [];
  const notMutated: CNotMutated[] = [];
  const patches: Record<string, Record<string, string>> = {};
  const variants = options.variants ?? scenario.variants.map((v) => v.name);
  const configs = scenario.arches.flatMap((a) => scenario.memoryModels.map((mm) => [a, mm] as const));
  for (const variant of variants) {
    let prepared: Prepared[] | undefined;
    for (const [a, mm] of configs) {
      const config = configLabel(a, mm);
      const arch = ARCHES[a];
      const model = scenario.compile(variant, arch, cpus, mm).model;
      // One exhaustive run gives the verdict and what the model ran (the coverage).
      const built = instrumented(model, arch, cpus, mm);
      const unmutated = explore(built.spec, maxStates);
      // Nothing to catch where `check` does not say holds: violated, stuck, or inconclusive (a bound, or a race window never reached).
      const refused = notHolding(built.spec, unmutated);
      if (refused !== null) {
        notMutated.push({ variant, config, ...refused });
        continue;
      }
      prepared ??= prepare(model, pristine, variant, patches);
      const coverage = built.coverage();
      const judged = unmutated.verdict === 'holds' ? unmutated.progress : undefined;
      const progressBase = (judged ?? checkProgress(compileModel(built.spec), maxStates)).verdict === 'progresses';
      let graphs: { cmp: FieldGraphs; base: FieldGraph | undefined } | undefined;
      for (const p of prepared) {
        const base = { variant, config, id: p.mutant.id, kind: p.mutant.kind };
        const derived = neverRuns(p.mutant, coverage);
        if (derived !== null) {
          results.push({ ...base, ...derived });
          continue;
        }
        // The model cannot see the edit: a finding, whatever a run would say.
        const unseen = noEffect(p.mutant, coverage);
        if (unseen !== null) {
          results.push({ ...base, outcome: 'finding', detail: unseen });
          continue;
        }
        const run = runMutant(p, arch, cpus, mm, maxStates, progressBase);
        if (run.outcome !== 'holds') {
          results.push({ ...base, outcome: run.outcome, detail: run.detail });
          continue;
        }
        graphs ??= (() => {
          const cmp = new FieldGraphs(built.spec);
          return { cmp, base: cmp.graph(built.spec, maxStates) };
        })();
        const mine = graphs.base === undefined ? undefined : graphs.cmp.graph(run.spec, maxStates, renamer(p));
        if (graphs.base !== undefined && mine !== undefined && sameFieldGraph(graphs.base, mine)) {
          results.push({ ...base, outcome: 'equivalent', detail: SAME_GRAPH, how: 'same-graph' });
          continue;
        }
        results.push({ ...base, outcome: 'finding', detail: run.detail });
      }
    }
  }
  const count = (o: CMutantOutcome): number => results.filter((r) => r.outcome === o).length;
  return {
    scenario: scenario.name,
    mutants: results.length,
    caught: count('caught'),
    equivalent: count('equivalent'),
    findings: count('finding'),
    refused: count('refused'),
    modelErrors: count('model-error'),
    inconclusive: count('inconclusive'),
    results,
    notMutated,
    patches,
  };
}

function explore(spec: ModelSpec, maxStates: number): ReturnType<typeof bfs> {
  return bfs(compileModel(spec), { symmetry: true, maxStates, timeoutMs: 60_000, progress: { maxEdges: 20 * maxStates } });
}

/** Each mutant of a variant as a patch against the committed sources, loaded once for every configuration. */
function prepare(model: CModel, pristine: CModel, variant: string, patches: Record<string, Record<string, string>>): Prepared[] {
  const mine: Record<string, string> = (patches[variant] = {});
  return sourceMutants(model).map((mutant) => {
    const final = model.sources.map((f) => (f.name === mutant.file ? { ...f, text: mutant.edited.text } : f));
    const patch = sourcesPatch(variant === 'baseline' ? mutant.id : `${mutant.id} (variant ${variant})`, pristine.sources, final);
    mine[mutant.id] = patch;
    let loaded: CModel | InputError;
    try {
      // The variant's own changes, not the mutation, decide which prelude blocks run step by step (../../cmodel/lower/atomic-trust.ts).
      loaded = loadCModelSync(model.file, { patchText: { name: `mutant '${mutant.id}'`, text: patch }, atomicChanges: model.changes });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      loaded = e;
    }
    return { mutant, patch, model: loaded };
  });
}

/** An equivalence the coverage of the unmutated model shows, or null. */
function neverRuns(m: SourceMutant, c: SourceCoverage): Pick<CMutantResult, 'outcome' | 'detail' | 'how'> | null {
  const eq = (detail: string) => ({ outcome: 'equivalent' as const, detail, how: 'never-runs' as const });
  const subjects = m.subjects.map((s) => s.extent);
  if (subjects.every((x) => !c.lowered(x) && c.compiled(x) === 0)) return eq(NEVER_COMPILED);
  if (subjects.every((x) => !c.executed(x)) && subjects.some((x) => c.compiled(x) > 0)) return eq(NEVER_RUNS);
  // A move past a statement that compiles to nothing (an empty hook) changes no instruction;
  // one past a primitive the model gives no effect is a finding (noEffect), not an equivalence.
  if (m.kind === 'move' && m.subjects.some((s) => c.lowered(s.extent) && c.compiled(s.extent) === 0 && s.builtin === null)) return eq(NOTHING_COMPILED);
  return null;
}

/** A survivor whose edited primitive compiles to no instruction: the model gives it no effect. */
function noEffect(m: SourceMutant, c: SourceCoverage): string | null {
  const s = m.subjects.find((x) => x.builtin !== null && c.lowered(x.extent) && c.compiled(x.extent) === 0);
  return s === undefined ? null : `${s.builtin}() compiles to no instruction: the model gives it no effect`;
}

type Run = { readonly outcome: 'holds'; readonly spec: ModelSpec; readonly detail: string } | { readonly outcome: Exclude<CMutantOutcome, 'equivalent' | 'finding'>; readonly detail: string };

function runMutant(p: Prepared, arch: (typeof ARCHES)[keyof typeof ARCHES], cpus: number, mm: MemoryModelName, maxStates: number, progressBase: boolean): Run {
  if (p.model instanceof InputError) return { outcome: 'refused', detail: p.model.message };
  try {
    const spec = p.model.build(arch, cpus, mm).spec;
    const machine = compileModel(spec);
    const r = bfs(machine, { symmetry: true, maxStates, timeoutMs: 60_000, progress: { maxEdges: 20 * maxStates } });
    if (r.verdict === 'violated') {
      const bound = machine.properties.find((x) => x.name === r.property)?.bound;
      if (bound !== undefined) return { outcome: 'inconclusive', detail: `${r.property}: ${bound}` };
      if (MODEL_FAULTS.includes(r.property)) return { outcome: 'model-error', detail: `${r.property} violated (a built-in fault of the model)` };
      return { outcome: 'caught', detail: r.property };
    }
    if (r.verdict === 'inconclusive') return { outcome: 'inconclusive', detail: `inconclusive after ${r.states} states` };
    if (progressBase) {
      const pr = r.progress ?? checkProgress(machine, maxStates, undefined, true);
      if (pr.verdict === 'stuck') return { outcome: 'caught', detail: `every-wait-completes: a wait can never complete (${pr.stuckStates} states)` };
    }
    const vacuous = unreached(spec, r);
    if (vacuous.length > 0) return { outcome: 'inconclusive', detail: vacuousDetail(vacuous) };
    return { outcome: 'holds', spec, detail: 'holds; its reachable graph is not the unmutated model\'s' };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { outcome: e instanceof CError ? 'refused' : 'model-error', detail: e.message };
  }
}

/** Step names of the mutant (`csd_lock:49`) by the line of the unmutated file they stand for. */
function renamer(p: Prepared): (name: string) => string {
  const model = p.model as CModel;
  const file = p.mutant.file;
  const origin = p.mutant.edited.origin;
  return (name) =>
    name.replace(/([A-Za-z_][A-Za-z0-9_]*):(\d+)(#\d+)?$/, (all, fn: string, line: string, rest: string | undefined) =>
      model.sym.functions.get(fn)?.def.loc.file === file ? `${fn}:${origin[Number(line) - 1] ?? line}${rest ?? ''}` : all,
    );
}
