/**
 * Random exploration driven by fast-check, steered by the enabled steps.
 *
 * A run is a choice sequence: at each step the next number picks one of the actions enabled
 * right now (`choices[i] % enabled`), so every generated choice executes. Plain
 * `fc.commands` generates commands blindly and most are not enabled when their turn comes
 * (DESIGN.md section 5); this is the difference. fast-check shrinks the choice sequence, then
 * `minimize` (./shrink.ts) takes the trace to the fewest steps and CPU switches.
 * Replay: the same seed gives the same run; `seed` + `path` replay fast-check's shrunk case.
 */
import fc from 'fast-check';
import type { Machine } from '../core/machine.js';
import { firstViolation } from '../core/replay.js';
import type { State } from '../core/model.js';
import type { ExploreResult, Limits } from './result.js';
import { minimize } from './shrink.js';

export interface RandomOptions extends Limits {
  readonly seed: number;
  readonly runs: number;
  /** Longest run, in steps. */
  readonly depth: number;
  /** Skip the step/switch minimisation (fast-check's shrink only). */
  readonly noMinimize?: boolean;
}

interface RunOutcome {
  readonly property?: string;
  readonly trace: number[];
}

/** Executes one choice sequence; stops at the first violation. */
export function runChoices(machine: Machine, choices: readonly number[]): RunOutcome {
  let s = machine.initial();
  let next: State = new Uint8Array(machine.stateSize);
  const buf = new Int32Array(machine.maxActions);
  const trace: number[] = [];
  const v0 = firstViolation(machine, s);
  if (v0 !== undefined) return { property: v0, trace };
  for (const c of choices) {
    const n = machine.enabled(s, buf);
    if (n === 0) break;
    const a = buf[c % n]!;
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
  const arb = fc.array(fc.nat({ max: 0xffff }), { minLength: 1, maxLength: opts.depth, size: 'max' });
  const property = fc.property(arb, (choices) => {
    runsDone++;
    const out = runChoices(machine, choices);
    transitions += out.trace.length;
    if (out.trace.length > deepest) deepest = out.trace.length;
    return out.property === undefined;
  });
  const details = fc.check(property, {
    seed: opts.seed,
    numRuns: opts.runs,
    endOnFailure: false,
    interruptAfterTimeLimit: opts.timeoutMs,
  });
  const seconds = (performance.now() - t0) / 1000;
  const stats = { states: 0, transitions, depth: deepest, seconds, bytesPerState: 0 };
  const found = (path?: string) => ({
    engine: 'random' as const,
    detail: `fast-check choice sequences, seed ${opts.seed}, ${runsDone} runs of up to ${opts.depth} steps`,
    seed: opts.seed,
    ...(path === undefined ? {} : { path }),
  });
  if (details.failed && details.counterexample !== null) {
    const [choices] = details.counterexample;
    const out = runChoices(machine, choices);
    if (out.property === undefined) throw new Error(`${machine.name}: random counterexample did not replay`);
    const trace = opts.noMinimize ? out.trace : minimize(machine, out.trace, out.property);
    return {
      verdict: 'violated',
      property: out.property,
      trace,
      found: found(details.counterexamplePath ?? undefined),
      reached,
      ...stats,
    };
  }
  if (details.interrupted) {
    return { verdict: 'inconclusive', reason: 'timeout', found: found(), reached, ...stats };
  }
  // No violation in the budget: the random engine never proves; say so.
  return { verdict: 'inconclusive', reason: 'max-states', found: found(), reached, ...stats };
}
