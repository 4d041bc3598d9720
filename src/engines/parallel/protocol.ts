/**
 * What the parallel BFS coordinator (./pbfs.ts) and its workers (./worker.ts) say to each
 * other. A worker owns the states whose hash falls to it, explores its share of each BFS level
 * and hands every successor it does not own to its owner, in batches of (source id, bytes).
 * State ids are global: `local index * workers + worker`.
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

/** Successors for one owner: `count` records of (source id as int32, state bytes). */
export interface Batch {
  readonly to: number;
  readonly count: number;
  readonly buffer: ArrayBuffer;
}

export type ToWorker =
  | { readonly kind: 'start'; readonly job: ParallelJob; readonly id: number; readonly workers: number; readonly maxEdges: number }
  | { readonly kind: 'expand' }
  | { readonly kind: 'deliver'; readonly batches: readonly Batch[] }
  | { readonly kind: 'finish' };

export type FromWorker =
  | { readonly kind: 'started'; readonly frontier: number; readonly violated: string | null }
  | { readonly kind: 'expanded'; readonly batches: readonly Batch[]; readonly transitions: number; readonly violated: string | null }
  | { readonly kind: 'delivered'; readonly frontier: number; readonly states: number; readonly violated: string | null }
  | {
      readonly kind: 'finished';
      readonly states: number;
      readonly transitions: number;
      readonly reached: readonly string[];
      readonly edgeCount: number;
      readonly edgesComplete: boolean;
      /** Int32 pairs (source id, target id). */
      readonly edges: ArrayBuffer;
      /** One byte per local state: 1 where every non-looping program finished. */
      readonly done: ArrayBuffer;
      readonly bytes: number;
    };
