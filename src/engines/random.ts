/**
 * Random exploration driven by fast-check, steered by the enabled steps.
 *
 * A run is a stickiness (drawn per run, swarm style) and a choice sequence of exactly `depth`
 * numbers: at each step the next number picks one of the actions enabled right now, CPU first
 * (./schedule.ts), so every generated choice executes. Plain `fc.commands` generates commands
 * blindly, and in these models most of them are not enabled when their turn comes; this is
 * the difference. Every run goes to `depth` steps (or to a violation, or until nothing is enabled):
 * with lengths drawn from 1..depth a fifth of the runs ended before the shortest races even
 * start. The first failing run is kept as found (fast-check's own shrinking of choice numbers,
 * which change meaning as the enabled set changes, cost several times the search); `minimize`
 * (./shrink.ts) takes its trace to the fewest steps and CPU switches.
 * Replay: the same seed gives the same run; `seed` + `path` replay the failing run in fast-check.
 */
import fc from 'fast-check';
import type { Machine } from '../core/machine.js';
import { firstViolation } from '../core/replay.js';
import type { State } from '../core/model.js';
import type { ExploreResult, Limits } from './result.js';
import { MAX_CHOICE, pickAction, STICKINESS_LEVELS } from './schedule.js';
import { minimize } from './shrink.js';

export interface RandomOptions extends Limits {
  readonly seed: number;
  readonly runs: number;
  /** Longest run, in steps. */
  readonly depth: number;
  /** Report the failing run as it ran (no step/switch minimisation). */
  readonly noMinimize?: boolean;
}

interface RunOutcome {
  readonly property?: string;
  readonly trace: number[];
}

/** One generated run: its stickiness (0..STICKINESS_LEVELS-1) and its choice numbers. */
export interface RunChoices {
  readonly stickiness: number;
  readonly choices: readonly number[];
}

/** The runs fast-check generates: a stickiness and exactly `depth` choice numbers. */
export function runsArbitrary(depth: number): fc.Arbitrary<RunChoices> {
  return fc.record({
    stickiness: fc.integer({ min: 0, max: STICKINESS_LEVELS - 1 }),
    choices: fc.array(fc.nat({ max: MAX_CHOICE }), { minLength: depth, maxLength: depth }),
  });
}

/** Executes one run; stops at the first violation. */
export function runChoices(machine: Machine, run: RunChoices): RunOutcome {
  let s = machine.initial();
  let next: State = new Uint8Array(machine.stateSize);
  const buf = new Int32Array(machine.maxActions);
  const count = new Int32Array(machine.cpus);
  const perCpu = machine.maxActions / machine.cpus;
  const trace: number[] = [];
  const v0 = firstViolation(machine, s);
  if (v0 !== undefined) return { property: v0, trace };
  let last = -1;
  for (const c of run.choices) {
    const n = machine.enabled(s, buf);
    if (n === 0) break;
    const a = pickAction(buf, n, perCpu, last, run.stickiness, c, count);
    last = Math.floor(a / perCpu);
    machine.apply(s, a, next);
    [s, next] = [next, s];
    trace.push(a);
    const v = firstViolation(machine, s);
    if (v !== undefined) return { property: v, trace };
  }
  return { trace };
}

export function randomExplore(machine: Machine, opts: RandomOptions): ExploreResult {
  const t0 = performance.now();
  let transitions = 0;
  let deepest = 0;
  let runsDone = 0;
  const sometimes = machine.properties.filter((p) => p.kind === 'sometimes');
  const reached: Record<string, boolean> = Object.fromEntries(sometimes.map((p) => [p.name, false]));
  const property = fc.property(runsArbitrary(opts.depth), (run) => {
    runsDone++;
    const out = runChoices(machine, run);
    transitions += out.trace.length;
    if (out.trace.length > deepest) deepest = out.trace.length;
    return out.property === undefined;
  });
  const details = fc.check(property, {
    seed: opts.seed,
    numRuns: opts.runs,
    endOnFailure: true,
    interruptAfterTimeLimit: opts.timeoutMs,
  });
  // Seconds up to the answer, minimisation included.
  const stats = () => ({ states: 0, transitions, depth: deepest, seconds: (performance.now() - t0) / 1000, bytesPerState: 0 });
  const found = (path?: string) => ({
    engine: 'random' as const,
    detail: `fast-check choice sequences, seed ${opts.seed}, ${runsDone} runs of ${opts.depth} steps`,
    seed: opts.seed,
    ...(path === undefined ? {} : { path }),
  });
  if (details.failed && details.counterexample !== null) {
    const [run] = details.counterexample;
    const out = runChoices(machine, run);
    if (out.property === undefined) throw new Error(`${machine.name}: random counterexample did not replay`);
    const trace = opts.noMinimize ? out.trace : minimize(machine, out.trace, out.property);
    return {
      verdict: 'violated',
      property: out.property,
      trace,
      found: found(details.counterexamplePath ?? undefined),
      reached,
      ...stats(),
    };
  }
  if (details.interrupted) {
    return { verdict: 'inconclusive', reason: 'timeout', found: found(), reached, ...stats() };
  }
  // No violation in the budget: the random engine never proves; say so.
  return { verdict: 'inconclusive', reason: 'max-states', found: found(), reached, ...stats() };
}
