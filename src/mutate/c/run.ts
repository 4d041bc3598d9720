/**
 * Source-level mutation of a C model. For each variant (the model as committed and each of
 * its patches) and each configuration (arch x memory model) where the unmutated model holds
 * (as the engine derives it), every source mutant (./source-mutants.ts) is applied as a patch
 * through the loader and checked like `check` does (exhaustive BFS, symmetry where the
 * compiler grants it, progress). An edit inside an `__atomic_block` runs step by step, as a
 * patch's does, and the mutant is then judged against the unmutated model run step by step at
 * the same lines (`Reference`). A mutant is:
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
 *   mutant never reaches, where `check` says inconclusive, not holds; or the unmutated model,
 *   run step by step where the mutant is, does not hold either): never counted as caught.
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
import { blockKeys, instrumented, type SourceCoverage } from './coverage.js';
import { sourcesPatch } from './patch.js';
import { FieldGraphs, sameFieldGraph, type FieldGraph } from './same-graph.js';
import { sourceMutants, type SourceMutant, type SourceMutantKind } from './source-mutants.js';
import { notHolding, unreached, vacuousDetail, type NotHolding } from '../unreached.js';
import { lineChanges, withLineChanges, type LineChanges, type SourceChanges } from '../../cmodel/changes.js';

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
  /** The mutants to run, by id (default: every one). */
  readonly only?: (id: string) => boolean;
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
  /**
   * The variant's changes and the lines the mutation edits, in the variant's own numbering:
   * what runs step by step inside `__atomic_block`s in the unmutated model a mutant that
   * reaches into a block is judged against.
   */
  readonly cut: SourceChanges;
}

/**
 * What a mutant is judged against on one configuration: the unmutated model, as committed or
 * run step by step where the mutant is (a mutation inside an `__atomic_block` takes it out of
 * the block, as a reviewer's patch does: ../../cmodel/lower/atomic-trust.ts).
 */
interface Reference {
  readonly spec: ModelSpec;
  readonly coverage: SourceCoverage;
  /** Where its patch reached into blocks, as `file:line:col`. */
  readonly cutBlocks: ReadonlySet<string>;
  /** Every wait of the unmutated model can complete. */
  readonly progresses: boolean;
  graphs?: { readonly cmp: FieldGraphs; readonly base: FieldGraph | undefined };
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
      prepared ??= prepare(model, pristine, variant, patches, options.only ?? (() => true));
      const plain = reference(built, unmutated, maxStates);
      const cutRefs = new Map<string, Reference | NotHolding>();
      for (const p of prepared) {
        const base = { variant, config, id: p.mutant.id, kind: p.mutant.kind };
        const mutant = buildMutant(p, arch, cpus, mm);
        if (!('spec' in mutant)) {
          results.push({ ...base, ...mutant });
          continue;
        }
        const ref = againstWhat(p, mutant.cutBlocks, plain, cutRefs, () => cutReference(model, p, arch, cpus, mm, maxStates));
        if (!('spec' in ref)) {
          results.push({ ...base, outcome: 'inconclusive', detail: ref.detail });
          continue;
        }
        const derived = neverRuns(p.mutant, ref.coverage);
        if (derived !== null) {
          results.push({ ...base, ...derived });
          continue;
        }
        // The model cannot see the edit: a finding, whatever a run would say.
        const unseen = noEffect(p.mutant, ref.coverage);
        if (unseen !== null) {
          results.push({ ...base, outcome: 'finding', detail: unseen });
          continue;
        }
        const run = runMutant(mutant.spec, maxStates, ref.progresses);
        if (run.outcome !== 'holds') {
          results.push({ ...base, outcome: run.outcome, detail: run.detail });
          continue;
        }
        ref.graphs ??= (() => {
          const cmp = new FieldGraphs(ref.spec);
          return { cmp, base: cmp.graph(ref.spec, maxStates) };
        })();
        const mine = ref.graphs.base === undefined ? undefined : ref.graphs.cmp.graph(mutant.spec, maxStates, renamer(p));
        if (ref.graphs.base !== undefined && mine !== undefined && sameFieldGraph(ref.graphs.base, mine)) {
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
function prepare(model: CModel, pristine: CModel, variant: string, patches: Record<string, Record<string, string>>, only: (id: string) => boolean): Prepared[] {
  const mine: Record<string, string> = (patches[variant] = {});
  return sourceMutants(model).filter((m) => only(m.id)).map((mutant) => {
    const final = model.sources.map((f) => (f.name === mutant.file ? { ...f, text: mutant.edited.text } : f));
    const patch = sourcesPatch(variant === 'baseline' ? mutant.id : `${mutant.id} (variant ${variant})`, pristine.sources, final);
    mine[mutant.id] = patch;
    let loaded: CModel | InputError;
    try {
      // As a reviewer's patch: an edit inside an `__atomic_block` runs step by step (../../cmodel/lower/atomic-trust.ts).
      loaded = loadCModelSync(model.file, { patchText: { name: `mutant '${mutant.id}'`, text: patch } });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      loaded = e;
    }
    const cut = withLineChanges(model.changes, mutant.file, unmutatedLines(mutant, model.sources.find((f) => f.name === mutant.file)!.text));
    return { mutant, patch, model: loaded, cut };
  });
}

/**
 * The lines of the unmutated file that the mutant changed, in the unmutated file's numbering:
 * those it wrote or runs next to a deletion (../../cmodel/changes.ts), each by the line it came
 * from, and those it took out. The unmutated model cut at these runs step by step the same
 * code as the mutant, but for the edit.
 */
function unmutatedLines(mutant: SourceMutant, unmutated: string): LineChanges {
  const mine = lineChanges(unmutated, mutant.edited.text);
  const back = (lines: ReadonlySet<number>): number[] => [...lines].map((l) => mutant.edited.origin[l - 1] ?? l);
  const gone = lineChanges(mutant.edited.text, unmutated).added;
  return { added: new Set([...back(mine.added), ...gone]), touched: new Set([...back(mine.touched), ...gone]) };
}

/** The unmutated model as built and explored, as a reference. */
function reference(built: ReturnType<typeof instrumented>, r: ReturnType<typeof bfs>, maxStates: number): Reference {
  const judged = r.verdict === 'holds' ? r.progress : undefined;
  const progresses = (judged ?? checkProgress(compileModel(built.spec), maxStates)).verdict === 'progresses';
  return { spec: built.spec, coverage: built.coverage(), cutBlocks: built.cutBlocks, progresses };
}

/**
 * The reference for a mutant: the unmutated model as committed, unless the mutation reaches
 * into an `__atomic_block` the variant keeps whole; then the unmutated model run step by step
 * at the same lines (one per set of lines), or why that cannot be judged: it does not hold
 * without the mutation either, so nothing the mutant does is the mutation's.
 */
function againstWhat(p: Prepared, mutantBlocks: ReadonlySet<string>, plain: Reference, cache: Map<string, Reference | NotHolding>, cut: () => Reference | NotHolding): Reference | NotHolding {
  if ([...mutantBlocks].every((b) => plain.cutBlocks.has(b))) return plain;
  const lines = p.cut.get(p.mutant.file)!;
  const sorted = (x: ReadonlySet<number>): string => [...x].sort((a, b) => a - b).join(',');
  const key = `${p.mutant.file}\u0000${sorted(lines.added)}\u0000${sorted(lines.touched)}`;
  let ref = cache.get(key);
  if (ref === undefined) cache.set(key, (ref = cut()));
  if ('spec' in ref && ![...mutantBlocks].every((b) => ref.cutBlocks.has(b))) {
    return { verdict: 'inconclusive', detail: `the unmutated model could not be run step by step where the mutant is (${[...mutantBlocks].map((k) => k.replace(/:\d+$/, '')).join(', ')})` };
  }
  return ref;
}

/** The unmutated model run step by step where the mutant is, explored; or why it does not hold. */
function cutReference(model: CModel, p: Prepared, arch: (typeof ARCHES)[keyof typeof ARCHES], cpus: number, mm: MemoryModelName, maxStates: number): Reference | NotHolding {
  const built = instrumented(model.withChanges(p.cut), arch, cpus, mm);
  const r = explore(built.spec, maxStates);
  const no = notHolding(built.spec, r);
  const where = [...new Set([...built.cutBlocks].map((k) => k.replace(/:\d+$/, '')))].join(', ');
  if (no !== null) return { verdict: 'inconclusive', detail: `the edit runs step by step inside the __atomic_block at ${where}; run the same way without the mutation, the model is already ${no.verdict} (${no.detail}), so the mutant's run says nothing of the mutation` };
  return reference(built, r, maxStates);
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

type Run = { readonly outcome: 'holds'; readonly detail: string } | { readonly outcome: Exclude<CMutantOutcome, 'equivalent' | 'finding'>; readonly detail: string };

type Refusal = { readonly outcome: 'refused' | 'model-error'; readonly detail: string };

/** The mutant built for one configuration, or why the compiler refused it. */
function buildMutant(p: Prepared, arch: (typeof ARCHES)[keyof typeof ARCHES], cpus: number, mm: MemoryModelName): { readonly spec: ModelSpec; readonly cutBlocks: ReadonlySet<string> } | Refusal {
  if (p.model instanceof InputError) return { outcome: 'refused', detail: p.model.message };
  try {
    const built = p.model.build(arch, cpus, mm);
    // A dropped or moved line shifts the lines of its file: blocks are named as in the unmutated file.
    const { file, edited } = p.mutant;
    return { spec: built.spec, cutBlocks: blockKeys(built, (l) => (l.file === file ? (edited.origin[l.line - 1] ?? l.line) : l.line)) };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { outcome: e instanceof CError ? 'refused' : 'model-error', detail: e.message };
  }
}

function runMutant(spec: ModelSpec, maxStates: number, progressBase: boolean): Run {
  try {
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
    return { outcome: 'holds', detail: 'holds; its reachable graph is not the unmutated model\'s' };
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
