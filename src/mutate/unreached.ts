/**
 * Vacuity, as `check` judges it (src/check.ts): an exhaustive run that holds but never reached
 * one of the model's race windows (its sometimes-properties, the reachability witnesses) proves
 * nothing about that window, so `check` calls it inconclusive. Mutation reads a run the same
 * way, for the TypeScript scenarios (./run-mutants.ts) and the C models (./c/run.ts) alike.
 */
import type { ModelSpec } from '../core/model.js';
import type { ExploreResult } from '../engines/result.js';

/** The race windows of `spec` that a run which holds never reached (none for any other verdict). */
export function unreached(spec: ModelSpec, r: ExploreResult): string[] {
  if (r.verdict !== 'holds') return [];
  return spec.properties.filter((p) => p.kind === 'sometimes' && r.reached[p.name] !== true).map((p) => p.name);
}

/** How a vacuous run is reported: `vacuous: starter-waits never reached`. */
export function vacuousDetail(windows: readonly string[]): string {
  return `vacuous: ${windows.join(', ')} never reached`;
}

/** Why a configuration is left unmutated: what `check` would say instead of holds. */
export interface NotHolding {
  readonly verdict: 'violated' | 'inconclusive';
  /** The violated property, a wait that can never complete, a bound, or the windows never reached. */
  readonly detail: string;
}

/**
 * Why `check` would not say the unmutated model holds, or null when it does: a violation, a
 * wait that can never complete (every-wait-completes, judged on the same graph), a bound, or
 * a race window never reached. Nothing can be caught where the unmutated model does not hold.
 */
export function notHolding(spec: ModelSpec, r: ExploreResult): NotHolding | null {
  if (r.verdict === 'violated') {
    // A bound of the model (the store buffer's) is what check calls inconclusive, not violated.
    const bound = spec.properties.find((p) => p.name === r.property)?.bound;
    return bound === undefined ? { verdict: 'violated', detail: r.property } : { verdict: 'inconclusive', detail: `${r.property}: ${bound}` };
  }
  if (r.verdict === 'inconclusive') return { verdict: 'inconclusive', detail: `${r.reason} after ${r.states} states` };
  if (r.progress?.verdict === 'stuck') return { verdict: 'violated', detail: `stuck: a wait can never complete (${r.progress.stuckStates} states)` };
  const vacuous = unreached(spec, r);
  return vacuous.length > 0 ? { verdict: 'inconclusive', detail: vacuousDetail(vacuous) } : null;
}
