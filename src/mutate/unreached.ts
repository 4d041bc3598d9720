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
