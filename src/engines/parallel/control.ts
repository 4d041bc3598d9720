/**
 * The control block the coordinator and the workers share (an Int32Array over a
 * SharedArrayBuffer). Fields written often by different workers sit on separate cache lines.
 *
 * The frontier of a level is, for each worker, the range of its arena filled during the
 * previous level (`FRONTIER + 2w`, `FRONTIER + 2w + 1`); the workers claim `CHUNK` positions
 * of the concatenated ranges at a time from `CURSOR`, so a level is shared out whatever its
 * states' hashes.
 */

/** Next unclaimed position of the current level's frontier (`Atomics.add`). */
export const CURSOR = 0;
/** States inserted since the table was last sized, as flushed by the workers in batches. */
export const INSERTED = 16;
/** Insertions at which the table is half full: the workers then pause for a rehash. */
export const INSERT_LIMIT = 17;
/** Nonzero: finish the state in hand and return to the coordinator (see `Halt`). */
export const HALT = 32;
/** Per worker: start and end (local indices) of its share of the frontier. */
export const FRONTIER = 48;

/** Why the workers were asked to return before the level was done. */
export const Halt = { none: 0, rehash: 1, timeout: 2, full: 3 } as const;

/** Frontier positions claimed at once: few claims, and little imbalance at a level's end. */
export const CHUNK = 64;
/** Insertions a worker counts locally before adding them to `INSERTED`. */
export const INSERT_BATCH = 32;

export function newControl(workers: number): SharedArrayBuffer {
  return new SharedArrayBuffer((FRONTIER + 2 * workers) * 4);
}
