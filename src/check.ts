/**
 * One check: build the model for scenario x variant x configuration, run an engine, and turn
 * the answer into the result the CLI, the matrix and the tests share.
 */
import { ARCHES } from './arch/index.js';
import type { ArchName } from './arch/arch.js';
import { compileModel } from './core/compile.js';
import type { Machine } from './core/machine.js';
import { runActions } from './core/replay.js';
import { toTraceSteps, type TraceStep } from './core/trace.js';
import { bfs, type BfsOptions } from './engines/bfs.js';
import { ProbeTooLarge, partialOrderFor } from './engines/partial-order.js';
import { DeadlinePassed, withDeadline } from './core/deadline.js';
import { cutoffFor } from './engines/cutoff.js';
import { exploreSymmetricOnlyIfSound, symmetryOf } from './check-symmetry.js';
import type { ModelSpec, State } from './core/model.js';
import { dfs } from './engines/dfs.js';
import { checkProgress, PROGRESS_PROPERTY, type ProgressResult } from './engines/progress.js';
import { lassoFrom } from './core/lasso.js';
import { actorName } from './report/actor-name.js';
import { randomExplore } from './engines/random.js';
import { minimize, shrinkSwitches } from './engines/shrink.js';
import type { ExploreResult, HowFound, Progress } from './engines/result.js';
import type { MemoryModelName } from './memory/model-name.js';
import type { Expectation, Scenario } from './scenarios/scenario.js';

export type EngineName = 'exhaustive' | 'random';

/** Transitions logged for the progress judgement (8 bytes each); above it progress is 'not-checked'. */
const MAX_PROGRESS_EDGES = 100_000_000;

export interface CheckOptions {
  readonly engine: EngineName;
  /** The memory model (one of the scenario's `memoryModels`). */
  readonly memoryModel: MemoryModelName;
  /** Exhaustive search order: BFS (shortest counterexample) or DFS (memory-light). */
  readonly search: 'bfs' | 'dfs';
  readonly cpus: number;
  readonly symmetry: boolean;
  /** Partial-order reduction (exhaustive BFS only): stubborn sets; progress is then not judged. */
  readonly por: boolean;
  /**
   * Prove safety for every CPU count by a cutoff (src/engines/cutoff.ts) where its conditions
   * hold: the model is explored with two interchangeable CPUs instead of `cpus`.
   */
  readonly cutoff: boolean;
  readonly maxStates: number;
  readonly timeoutMs: number;
  /**
   * Resident memory the process may grow to (MiB) before the search stops, inconclusive.
   * Looked at whenever the engine reports progress (BFS and DFS, every few thousand states).
   */
  readonly maxMemoryMiB?: number;
  readonly seed: number;
  readonly runs: number;
  readonly depth: number;
  readonly onProgress?: (p: Progress) => void;
}

export const defaultCheckOptions: CheckOptions = {
  engine: 'exhaustive',
  memoryModel: 'sc',
  search: 'bfs',
  cpus: 0,
  symmetry: true,
  por: false,
  cutoff: false,
  maxStates: 20_000_000,
  timeoutMs: 600_000,
  seed: 42,
  runs: 20_000,
  depth: 80,
};

/** What the C compiler decided for a configuration that a reader of its verdict should know. */
export interface CompilerNotes {
  /** Roles declared SYMMETRIC that it did not let be reduced, and why. */
  readonly symmetryRefused: readonly { readonly role: string; readonly reason: string }[];
  /** Each `__atomic_block` (and lock acquisition) taken as one step: `file:line: why`. */
  readonly atomicAssumptions: readonly string[];
  /** Each `__atomic_block` the patch reached into, compiled step by step: `file:line: why`. */
  readonly splitAtomicBlocks: readonly string[];
}

export interface CheckResult {
  readonly scenario: string;
  readonly variant: string;
  readonly arch: ArchName;
  readonly memoryModel: MemoryModelName;
  readonly cpus: number;
  readonly engine: EngineName;
  readonly verdict: ExploreResult['verdict'];
  readonly property?: string;
  readonly explanation?: string;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly bytesPerState: number;
  readonly reached: Readonly<Record<string, boolean>>;
  readonly vacuous: readonly string[];
  readonly found: HowFound;
  readonly trace?: readonly TraceStep[];
  readonly expected: Expectation;
  readonly expectSource: string;
  readonly agrees: boolean | 'not-proven';
  /**
   * For exhaustive holds: every wait (flush, sync, kick, csd_lock_wait) can always complete,
   * i.e. from every reachable state all non-looping programs can still finish ('checked'), or
   * the unreduced space was over the state cap ('not-checked').
   */
  readonly progress?: 'checked' | 'not-checked';
  /**
   * With `cutoff`: whether its conditions hold, and the CPU count explored. A `holds` verdict
   * then holds at every CPU count (safety; progress and race windows were judged at `cpus` of
   * the cutoff); a violation is a counterexample on the cutoff's CPUs.
   */
  readonly cutoff?: { readonly applies: true; readonly cpus: number; readonly workers: string } | { readonly applies: false; readonly reason: string };
  /** For `inconclusive` from a bound: which one (`max-states 1 reached`, `timeout 600 s reached`). */
  readonly stoppedBy?: string;
  /** For a C model: what the compiler assumed or refused (docs/c-models.md). */
  readonly compiler?: CompilerNotes;
  /**
   * For a progress violation drawn as a lasso: the index in `trace` where the cycle starts (the
   * steps from there to the end repeat for ever). Absent when the stuck run ends in a deadlock.
   */
  readonly cycleFrom?: number;
}

/** States explored from the stuck state to find the cycle of a progress counterexample. */
const MAX_LASSO_STATES = 200_000;

/**
 * A progress violation as the reader sees it: the shortest prefix to a stuck state, then a stem
 * and a cycle the other CPUs can run for ever (./core/lasso.ts), and who is left waiting.
 */
function progressCounterexample(machine: Machine, prefix: readonly number[], stuckStates: number): { trace: readonly TraceStep[]; cycleFrom?: number; explanation: string } {
  const atStuck = runActions(machine, prefix);
  const stuck = atStuck.states[atStuck.states.length - 1]!;
  const waits = (s: State) => machine.blocked(s).filter((b) => b.reason === 'guard');
  const lasso = lassoFrom(machine, stuck, MAX_LASSO_STATES, (s) => waits(s).length > 0);
  const actions = lasso === undefined ? prefix : [...prefix, ...lasso.stem, ...lasso.cycle];
  const replay = runActions(machine, actions);
  // Who waits, where the cycle starts (or the run ends).
  const at = replay.states[lasso === undefined ? replay.states.length - 1 : prefix.length + lasso.stem.length]!;
  const waiting = waits(at).map((b) => `${actorName(b.role, b.cpu)} waits in ${b.name}()`);
  const who = waiting.length > 0 ? waiting.join(', ') : 'a flush, sync or kick waits';
  const how =
    lasso === undefined
      ? ''
      : lasso.cycle.length > 0
        ? ` The last ${lasso.cycle.length} steps can repeat for ever.`
        : ' Then nothing can run at all (deadlock).';
  const explanation =
    `${who}: from step ${prefix.length} on, no schedule lets every wait finish (${stuckStates} such states).${how}` +
    ' No fairness is assumed: the wait cannot complete whatever the scheduler does.';
  const cycleFrom = lasso !== undefined && lasso.cycle.length > 0 ? prefix.length + lasso.stem.length : undefined;
  return { trace: toTraceSteps(replay.steps), ...(cycleFrom !== undefined ? { cycleFrom } : {}), explanation };
}

/**
 * `--max-states` exactly: the engines look at the bound every so many states, so a search may
 * end its exploration a little past it; a `holds` that needed more states than allowed is not
 * a proof the run was allowed to make, and is reported inconclusive.
 */
function withinBound(res: ExploreResult, maxStates: number): ExploreResult {
  if (res.verdict !== 'holds' || res.states <= maxStates) return res;
  return { verdict: 'inconclusive', reason: 'max-states', found: res.found, reached: res.reached, states: res.states, transitions: res.transitions, depth: res.depth, seconds: res.seconds, bytesPerState: res.bytesPerState };
}

function boundText(reason: 'max-states' | 'timeout', opts: CheckOptions): string {
  return reason === 'max-states' ? `max-states ${opts.maxStates} reached` : `timeout ${opts.timeoutMs / 1000} s reached`;
}

/** Thrown from the progress callback when the memory budget is spent; carries the counts then. */
class MemoryBudgetSpent extends Error {
  constructor(readonly at: Progress) {
    super('memory budget spent');
  }
}

/**
 * `explore` within the memory budget: past it the search stops and answers inconclusive
 * (`stoppedBy` says why), instead of the process dying out of memory.
 */
function exploreWithin(run: (opts: CheckOptions) => ExploreResult, opts: CheckOptions): { res: ExploreResult; stoppedBy?: string } {
  const mib = opts.maxMemoryMiB;
  if (mib === undefined) return { res: withinBound(run(opts), opts.maxStates) };
  const onProgress = (p: Progress): void => {
    if (process.memoryUsage.rss() > mib * 2 ** 20) throw new MemoryBudgetSpent(p);
    opts.onProgress?.(p);
  };
  try {
    return { res: withinBound(run({ ...opts, onProgress }), opts.maxStates) };
  } catch (e) {
    if (!(e instanceof MemoryBudgetSpent)) throw e;
    const p = e.at;
    const found: HowFound = { engine: 'exhaustive', detail: `stopped at ${p.states} states: the memory budget of ${mib} MiB is spent` };
    const res: ExploreResult = { verdict: 'inconclusive', reason: 'max-states', found, reached: {}, states: p.states, transitions: p.transitions, depth: p.depth, seconds: p.seconds, bytesPerState: 0 };
    return { res, stoppedBy: `max-memory ${mib} MiB reached` };
  }
}

export function buildMachine(scenario: Scenario, variant: string, arch: ArchName, cpus: number, mm: MemoryModelName = 'sc'): Machine {
  return compileModel(scenario.build(variant, ARCHES[arch], cpus, mm));
}

/** The CPU count footprints are learned at for partial-order reduction (src/core/footprint.ts). */
export const POR_PROBE_CPUS = 3;

function exploreWith(machine: Machine, opts: CheckOptions, build: (cpus: number) => ModelSpec, cpus: number): ExploreResult {
  if (opts.engine === 'random') return randomExplore(machine, { seed: opts.seed, runs: opts.runs, depth: opts.depth, maxStates: opts.maxStates, timeoutMs: opts.timeoutMs });
  if (opts.search === 'dfs') return dfs(machine, { symmetry: opts.symmetry, maxStates: opts.maxStates, timeoutMs: opts.timeoutMs, onProgress: opts.onProgress });
  const limits = { symmetry: opts.symmetry, maxStates: opts.maxStates, timeoutMs: opts.timeoutMs, onProgress: opts.onProgress };
  if (!opts.por) return bfs(machine, { ...limits, progress: { maxEdges: MAX_PROGRESS_EDGES } });
  const t0 = performance.now();
  let por;
  try {
    por = withDeadline(t0 + opts.timeoutMs, () => partialOrderFor(build, build(cpus), machine, Math.min(cpus, POR_PROBE_CPUS)));
  } catch (e) {
    if (e instanceof DeadlinePassed) return learningTimedOut(opts.timeoutMs);
    if (!(e instanceof ProbeTooLarge)) throw e;
    // Without footprints there is no reduction: explore in full and say so.
    const r = withLearning(t0, limits, (left) => bfs(machine, { ...left, progress: { maxEdges: MAX_PROGRESS_EDGES } }));
    return { ...r, found: { ...r.found, detail: `${r.found.detail}; partial-order reduction not used: ${e.message}` } };
  }
  const sets = por.sets;
  return withLearning(t0, limits, (left) => bfs(machine, { ...left, partialOrder: sets }));
}

/** Runs a search in the time the footprints left, and counts their learning in its time to verdict. */
function withLearning(t0: number, limits: BfsOptions, search: (left: BfsOptions) => ExploreResult): ExploreResult {
  const learned = performance.now() - t0;
  const r = search({ ...limits, timeoutMs: Math.max(0, limits.timeoutMs - learned) });
  return { ...r, seconds: r.seconds + learned / 1000 };
}

/** The time limit passed while partial-order footprints were being learned: no state explored. */
function learningTimedOut(timeoutMs: number): ExploreResult {
  const found: HowFound = { engine: 'exhaustive', detail: `BFS, partial-order reduction: the time limit (${timeoutMs / 1000} s) passed while learning the footprints of the steps` };
  return { verdict: 'inconclusive', reason: 'timeout', found, reached: {}, states: 0, transitions: 0, depth: 0, seconds: timeoutMs / 1000, bytesPerState: 0 };
}

type Stuck = Extract<ProgressResult, { verdict: 'stuck' }>;

/** The smallest CPU count below `cpus` where safety holds and a wait never completes, if any. */
function fewestCpusStuck(build: (n: number) => Machine, explore: (m: Machine, n: number) => ExploreResult, from: number, cpus: number): { machine: Machine; cpus: number; stuck: Stuck } | undefined {
  for (let n = from; n < cpus; n++) {
    const m = build(n);
    const r = explore(m, n);
    if (r.verdict === 'holds' && r.progress?.verdict === 'stuck') return { machine: m, cpus: n, stuck: r.progress };
  }
  return undefined;
}

export function runCheck(scenario: Scenario, variant: string, arch: ArchName, opts: CheckOptions): CheckResult {
  const asked = opts.cpus > 0 ? opts.cpus : scenario.defaultCpus;
  const mm = opts.memoryModel;
  const build = (n: number): ModelSpec => scenario.build(variant, ARCHES[arch], n, mm);
  const exploreAt = (m: Machine, n: number, o: CheckOptions): ExploreResult =>
    exploreSymmetricOnlyIfSound(m, o, (symmetry) => exploreWith(m, { ...o, symmetry }, build, n), () => symmetryOf(scenario, variant, arch, mm, n));
  /** Explores within the bounds: states exactly, and the memory budget. */
  const explore = (m: Machine, n: number): { res: ExploreResult; stoppedBy?: string } => exploreWithin((o) => exploreAt(m, n, o), opts);
  const tc = performance.now();
  const found0 = opts.cutoff && opts.engine === 'exhaustive' ? cutoffFor(build, asked, scenario.minCpus, scenario.maxCpus) : undefined;
  // Below the cutoff's CPU count the model asked for is explored as it is (it proves only itself).
  const cut = found0?.applies === true && asked < found0.cpus ? ({ applies: false, reason: `${asked} CPUs is below the cutoff's ${found0.cpus}` } as const) : found0;
  /** Time spent checking the cutoff's conditions: part of the time to verdict. */
  const cutoffSeconds = (performance.now() - tc) / 1000;
  const cutoff = cut === undefined ? undefined : cut.applies ? { applies: true as const, cpus: cut.cpus, workers: cut.workerRole } : { applies: false as const, reason: cut.reason };
  const bound = cut?.applies === true ? Math.min(asked, cut.cpus) : asked;
  let cpus = bound;
  let machine = buildMachine(scenario, variant, arch, cpus, mm);
  const first = explore(machine, cpus);
  let res = first.res;
  if (res.verdict === 'violated' && opts.engine === 'exhaustive') {
    // A counterexample on fewer CPUs is easier to read: use the smallest CPU count that
    // violates the same property (the bound the check was asked for is kept in `found`).
    for (let n = scenario.minCpus; n < bound; n++) {
      const m = buildMachine(scenario, variant, arch, n, mm);
      const r = explore(m, n).res;
      if (r.verdict === 'violated' && r.property === res.property) {
        const detail = `${r.found.detail}; smallest of ${scenario.minCpus}..${bound} CPUs that violates`;
        res = { ...r, found: { ...r.found, detail } };
        machine = m;
        cpus = n;
        break;
      }
    }
  }
  const v = scenario.variants.find((x) => x.name === variant)!;
  const expected = v.expect(ARCHES[arch], mm);
  /** A patch that states no expectation agrees or disagrees with nothing. */
  const judged = (a: boolean): boolean | 'not-proven' => (v.unstated === true ? 'not-proven' : a);
  const sometimes = machine.properties.filter((p) => p.kind === 'sometimes');
  const vacuous = res.verdict === 'holds' && opts.engine === 'exhaustive' ? sometimes.filter((p) => !res.reached[p.name]).map((p) => p.name) : [];
  const common = {
    scenario: scenario.name,
    variant,
    arch,
    memoryModel: mm,
    // A cutoff proof holds at the CPU count asked for (and every other); anything else is about its CPUs.
    cpus: cut?.applies === true && res.verdict === 'holds' ? asked : cpus,
    engine: opts.engine,
    states: res.states,
    transitions: res.transitions,
    depth: res.depth,
    seconds: res.seconds + cutoffSeconds,
    bytesPerState: res.bytesPerState,
    reached: res.reached,
    vacuous,
    found: cut?.applies === true && res.verdict === 'holds' ? { ...res.found, detail: `${res.found.detail}; cutoff: exhaustive at ${cut.cpus} CPUs (two ${cut.workerRole} CPUs), safety carried to every CPU count` } : res.found,
    expected,
    expectSource: v.expectSource,
    ...(cutoff !== undefined ? { cutoff } : {}),
  };
  // A violated bound of the model (a C model's store buffer overflowing) is no verdict.
  const modelBound = res.verdict === 'violated' ? machine.properties.find((p) => p.name === res.property)?.bound : undefined;
  if (modelBound !== undefined) return { ...common, verdict: 'inconclusive', agrees: 'not-proven', found: { ...common.found, detail: `${common.found.detail}; ${modelBound}` } };
  switch (res.verdict) {
    case 'violated': {
      // BFS gives the fewest steps; reorder independent steps for the fewest CPU switches.
      const trace =
        opts.engine === 'random' ? res.trace : opts.search === 'dfs' ? minimize(machine, res.trace, res.property) : shrinkSwitches(machine, res.trace, res.property);
      const replay = runActions(machine, trace);
      const last = replay.states[replay.states.length - 1]!;
      const prop = machine.properties.find((p) => p.name === res.property);
      return {
        ...common,
        verdict: 'violated',
        property: res.property,
        explanation: prop?.explain?.(last) ?? res.property,
        depth: res.trace.length,
        trace: toTraceSteps(replay.steps),
        agrees: judged(expected.verdict === 'violated' && expected.property === res.property),
      };
    }
    case 'holds': {
      // Safety holds; now progress: can every wait still complete from every reachable state?
      // BFS judged it on the graph it explored; DFS has no graph, so explore once more.
      const tp = performance.now();
      const pr = res.progress ?? (opts.por ? ({ verdict: 'inconclusive', states: res.states } as const) : checkProgress(machine, Math.min(opts.maxStates, 5_000_000), undefined, opts.symmetry));
      const progressSeconds = (performance.now() - tp) / 1000;
      if (pr.verdict === 'stuck') {
        // On the fewest CPUs that get stuck too, as for a safety violation.
        const fewer =
          opts.engine === 'exhaustive' ? fewestCpusStuck((n) => buildMachine(scenario, variant, arch, n, mm), (m, n) => explore(m, n).res, scenario.minCpus, cpus) : undefined;
        const at = fewer ?? { machine, cpus, stuck: pr };
        const drawn = progressCounterexample(at.machine, at.stuck.trace, at.stuck.stuckStates);
        return {
          ...common,
          cpus: at.cpus,
          found: fewer === undefined ? common.found : { ...common.found, detail: `${common.found.detail}; smallest of ${scenario.minCpus}..${cpus} CPUs where a wait never completes` },
          verdict: 'violated',
          property: PROGRESS_PROPERTY,
          explanation: drawn.explanation,
          depth: at.stuck.trace.length,
          trace: drawn.trace,
          ...(drawn.cycleFrom !== undefined ? { cycleFrom: drawn.cycleFrom } : {}),
          agrees: judged(expected.verdict === 'violated' && expected.property === PROGRESS_PROPERTY),
          seconds: common.seconds + progressSeconds,
        };
      }
      return {
        ...common,
        verdict: vacuous.length > 0 ? 'inconclusive' : 'holds',
        agrees: judged(expected.verdict === 'holds' && vacuous.length === 0),
        progress: pr.verdict === 'progresses' ? 'checked' : 'not-checked',
        seconds: common.seconds + progressSeconds,
      };
    }
    case 'inconclusive':
      return { ...common, verdict: 'inconclusive', agrees: 'not-proven', stoppedBy: first.stoppedBy ?? boundText(res.reason, opts) };
  }
}

export type { TraceStep };
