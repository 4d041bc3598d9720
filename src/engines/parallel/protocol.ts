/**
 * What the parallel BFS coordinator (./pbfs.ts) and its workers (./worker.ts) say to each
 * other. The visited set and the control block are shared memory (./shared-visited.ts,
 * ./control.ts); messages only start a run over the current level, report how it ended, and
 * collect the results. No state crosses a message.
 */
import type { MemoryModelName } from '../../memory/model-name.js';
import type { ArchName } from '../../arch/arch.js';

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
  /** Report; edges rewritten to dense state numbers, `offsets[w]` being worker w's first. */
  | { readonly kind: 'finish'; readonly offsets: readonly number[] };

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
  | {
      readonly kind: 'finished';
      readonly count: number;
      readonly reached: readonly string[];
      /** False if the edges were dropped: the run took more transitions than may be logged. */
      readonly edgesComplete: boolean;
      /** Dense (source, target) of each transition this worker took. */
      readonly from: Int32Array;
      readonly to: Int32Array;
      /** One byte per state of this worker's arena: 1 where every non-looping program finished. */
      readonly done: Uint8Array;
    };
