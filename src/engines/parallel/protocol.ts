/**
 * What the parallel BFS coordinator (./pbfs.ts) and its workers (./worker.ts) say to each
 * other. The visited set and the control block are shared memory (./shared-visited.ts,
 * ./control.ts); messages only start a run over the current level, report how it ended, and
 * collect the results. No state crosses a message.
 */
import type { MemoryModelName } from '../../memory/model-name.js';
import type { ArchName } from '../../arch/arch.js';
import type { Adjacency } from './forward-edges.js';

/** Enough to rebuild the machine in a worker (closures cannot cross threads). */
export interface ParallelJob {
  readonly scenario: string;
  readonly variant: string;
  readonly arch: ArchName;
  readonly cpus: number;
  readonly memoryModel: MemoryModelName;
  readonly symmetry: boolean;
}

/** An `always` property violated by some state: the first in the machine's property order. */
export interface Violation {
  readonly index: number;
  readonly name: string;
}

export type ToWorker =
  | {
      readonly kind: 'start';
      readonly job: ParallelJob;
      readonly id: number;
      readonly arenas: readonly SharedArrayBuffer[];
      readonly table: SharedArrayBuffer;
      readonly control: SharedArrayBuffer;
      /** `Date.now()` after which the run is inconclusive (clocks differ per thread otherwise). */
      readonly deadline: number;
    }
  /**
   * Expand frontier states until the level is drained or `HALT` is raised. `level`: a new
   * level starts (read the frontier ranges); otherwise resume where the last run stopped.
   */
  | { readonly kind: 'run'; readonly level: boolean; readonly table: SharedArrayBuffer | null; readonly logEdges: boolean }
  /** The `sometimes` properties reached. */
  | { readonly kind: 'report' }
  /**
   * Progress judgement (./judge.ts): rewrite the edges to dense state numbers (`offsets[w]` is
   * worker w's first) and mark this worker's finished states in the shared `canFinish`.
   */
  | { readonly kind: 'densify'; readonly offsets: readonly number[]; readonly canFinish: SharedArrayBuffer }
  /** One `Propagation` pass over this worker's edges. */
  | { readonly kind: 'propagate' }
  /** Hand the (dense) edges over, for the coordinator to finish the judgement. */
  | { readonly kind: 'edges' };
export type FromWorker =
  | {
      readonly kind: 'started';
      readonly count: number;
      readonly violated: Violation | null;
      /** 32-bit words per stored state, and the most actions a state enables. */
      readonly words: number;
      readonly maxActions: number;
    }
  | {
      readonly kind: 'ran';
      /** States in this worker's arena. */
      readonly count: number;
      /** Transitions this worker took, all levels. */
      readonly transitions: number;
      /** The first property violated by a state this worker inserted (all levels so far). */
      readonly violated: Violation | null;
      /** Milliseconds this worker spent expanding states, all levels. */
      readonly busyMs: number;
    }
  | { readonly kind: 'report'; readonly reached: readonly string[] }
  | { readonly kind: 'densified' }
  /** States the pass marked. */
  | { readonly kind: 'propagated'; readonly marked: number }
  | { readonly kind: 'edges'; readonly adjacency: Adjacency };
