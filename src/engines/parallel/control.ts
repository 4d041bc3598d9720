/**
 * The control block the coordinator and the workers share (an Int32Array over a
 * SharedArrayBuffer). Fields written often by different workers sit on separate cache lines.
 *
 * The frontier of a level is, for each worker, the range of its arena filled during the
 * previous level (`FRONTIER + 2w`, `FRONTIER + 2w + 1`). Each worker claims `CHUNK` states at
 * a time of its own range first (`cursor(w)`, with `Atomics.add`), the states it inserted
 * itself and may still have in cache, then of the others' ranges, so a level is shared out
 * whatever its states' hashes.
 */

/** The most workers the layout has room for. */
export const MAX_WORKERS = 64;
/** Next unclaimed position of worker w's frontier range, one cache line each. */
export const cursor = (w: number): number => 16 * w;
/** States inserted since the table was last sized, as flushed by the workers in batches. */
export const INSERTED = 16 * MAX_WORKERS;
/** Insertions at which the table is half full: the workers then pause for a rehash. */
export const INSERT_LIMIT = INSERTED + 1;
/** Nonzero: finish the state in hand and return to the coordinator (see `Halt`). */
export const HALT = INSERTED + 16;
/** Per worker: start and end (local indices) of its share of the frontier. */
export const FRONTIER = HALT + 16;

/** Why the workers were asked to return before the level was done. */
export const Halt = { none: 0, rehash: 1, timeout: 2, full: 3 } as const;

/** Frontier positions claimed at once: few claims, and little imbalance at a level's end. */
export const CHUNK = 64;
/** Insertions a worker counts locally before adding them to `INSERTED`. */
export const INSERT_BATCH = 32;

export function newControl(workers: number): SharedArrayBuffer {
  if (workers > MAX_WORKERS) throw new Error(`parallel BFS: at most ${MAX_WORKERS} workers`);
  return new SharedArrayBuffer((FRONTIER + 2 * workers) * 4);
}
