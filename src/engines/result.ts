import type { ProgressResult } from './progress.js';

/**
 * What an engine answers. A discriminated union on `verdict`, like fast-check's RunDetails:
 * fields that make no sense for a verdict are absent from it.
 */
export interface Coverage {
  /** sometimes-property name -> reached in the explored space. */
  readonly reached: Readonly<Record<string, boolean>>;
}

export interface Stats {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly bytesPerState: number;
}

export interface HowFound {
  readonly engine: 'exhaustive' | 'random';
  /** BFS (shortest) or DFS; the random engine's seed and run budget. */
  readonly detail: string;
  readonly seed?: number;
  readonly path?: string;
}

export type ExploreResult =
  | ({ readonly verdict: 'holds' } & Stats &
      Coverage & {
        readonly found: HowFound;
        /** Asked for (`progress` option of bfs): every-wait-completes judged on the same graph. */
        readonly progress?: ProgressResult;
      })
  | ({
      readonly verdict: 'violated';
      readonly property: string;
      /** Concrete actions from the initial state; the last one reaches the violation. */
      readonly trace: readonly number[];
      readonly found: HowFound;
    } & Stats &
      Coverage)
  | ({
      readonly verdict: 'inconclusive';
      readonly reason: 'max-states' | 'timeout';
      readonly found: HowFound;
    } & Stats &
      Coverage);

export interface Limits {
  readonly maxStates: number;
  /** Wall-clock limit in milliseconds. */
  readonly timeoutMs: number;
  /** Called every so often with live counts, for progress displays. */
  readonly onProgress?: (p: Progress) => void;
}

export interface Progress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly queue: number;
  readonly seconds: number;
}
