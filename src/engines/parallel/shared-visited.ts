/// <reference lib="es2024.sharedmemory" />
/**
 * The visited set every parallel BFS worker reads and writes at once, in shared memory: an
 * open-addressing table of (hash, id + 1) slot pairs, and one append-only arena of state words
 * per worker. Exact: a state is found only by comparing all its words, never by its hash alone.
 *
 * Inserting: the worker claims an empty slot by writing the state's hash into the slot's hash
 * word with `Atomics.compareExchange`, copies the state into its own arena, and only then
 * publishes the id with `Atomics.store`. A prober that meets its own hash in a slot waits
 * (`Atomics.load`) until the id is published, so it never compares against half-written
 * bytes; a different hash is passed over. Two workers inserting the same state at once race
 * for the same first slot with the same hash: one wins, the other waits and finds it.
 *
 * Ids are `local index << workerBits | worker`. An arena is a growable SharedArrayBuffer that
 * only its worker grows; the others read it through fixed-length views (length-tracking views
 * are an order of magnitude slower in Node 20), refreshed when an id lies beyond them.
 * The table does not grow while workers run: when it is half full they pause, and the
 * coordinator rehashes it into a bigger one (./table.ts).
 */
import { hashWords } from '../state-store.js';

/** Per-worker arena reservation: the most a growable SharedArrayBuffer can be in Node 20. */
export const ARENA_MAX_BYTES = 2 ** 32 - 2 ** 16;

/** Bits of an id that name the worker whose arena holds the state. */
export function workerBits(workers: number): number {
  return workers <= 1 ? 0 : 32 - Math.clz32(workers - 1);
}

/** The hash as stored in a slot: never 0, which marks an empty slot. */
function slotHash(h: number): number {
  return h === 0 ? 1 : h;
}

export class SharedVisited {
  /** Words per state: the state size rounded up to whole 32-bit words. */
  readonly words: number;
  /** States in this worker's own arena. */
  count = 0;
  /**
   * The state being looked up, as words (padding stays zero); `keyBytes` is the same memory
   * as bytes, `stateSize` long, for `Machine.apply` and `canonicalize` to write into.
   */
  readonly key: Int32Array;
  readonly keyBytes: Uint8Array;
  private table: Int32Array;
  private mask: number;
  private readonly views: Int32Array[];
  /** Bits of an id naming the worker (`workerBits`). */
  readonly bits: number;
  private readonly workerMask: number;

  constructor(
    readonly stateSize: number,
    /** This worker. */
    readonly me: number,
    private readonly arenas: readonly SharedArrayBuffer[],
    table: SharedArrayBuffer,
    /** The hash of a state's words; only a test passes another (to force collisions). */
    private readonly hash: (words: Int32Array) => number = hashWords,
  ) {
    this.words = Math.max(1, Math.ceil(stateSize / 4));
    this.key = new Int32Array(this.words);
    this.keyBytes = new Uint8Array(this.key.buffer, 0, stateSize);
    this.table = new Int32Array(table);
    this.mask = this.table.length / 2 - 1;
    this.views = arenas.map((a) => new Int32Array(a, 0, a.byteLength >>> 2));
    this.bits = workerBits(arenas.length);
    this.workerMask = (1 << this.bits) - 1;
  }

  /** Switches to a table the coordinator rehashed (between runs). */
  useTable(table: SharedArrayBuffer): void {
    this.table = new Int32Array(table);
    this.mask = this.table.length / 2 - 1;
  }

  /** The id of the state at index `local` of worker `worker`'s arena. */
  idAt(worker: number, local: number): number {
    return (local << this.bits) | worker;
  }

  /** The index of state `id` in its worker's arena. */
  localOf(id: number): number {
    return id >>> this.bits;
  }

  /** The most states one arena can hold (by its reservation and by the id format). */
  get capacity(): number {
    return Math.min(Math.floor(ARENA_MAX_BYTES / (this.words * 4)), 2 ** (31 - this.bits) - 2);
  }

  /** Makes room in this worker's arena for `more` states; false if the arena cannot hold them. */
  reserve(more: number): boolean {
    const need = (this.count + more) * this.words;
    const own = this.views[this.me]!;
    if (need <= own.length) return true;
    if (this.count + more > this.capacity) return false;
    const arena = this.arenas[this.me]!;
    const bytes = Math.min(ARENA_MAX_BYTES, Math.max(need * 4, arena.byteLength * 2));
    arena.grow(bytes);
    this.views[this.me] = new Int32Array(arena, 0, arena.byteLength >>> 2);
    return true;
  }

  /**
   * Looks up `key`: the id of the equal state if present, else inserts it into this worker's
   * arena and returns `~id`. The caller `reserve`d room for it.
   */
  intern(): number {
    const key = this.key;
    const w = this.words;
    const table = this.table;
    const mask = this.mask;
    const h = slotHash(this.hash(key));
    let slot = h & mask;
    for (;;) {
      const at = 2 * slot;
      let sh = table[at]!;
      if (sh === 0) {
        sh = Atomics.compareExchange(table, at, 0, h);
        if (sh === 0) {
          const local = this.count++;
          this.views[this.me]!.set(key, local * w);
          const id = this.idAt(this.me, local);
          Atomics.store(table, at + 1, id + 1);
          return ~id;
        }
      }
      if (sh === h) {
        let id1 = Atomics.load(table, at + 1);
        while (id1 === 0) id1 = Atomics.load(table, at + 1);
        if (this.equals(id1 - 1)) return id1 - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Copies state `id` into `out` (whole words; `out` is at least `words` long). */
  read(id: number, out: Int32Array): void {
    const arena = this.view(id);
    const off = (id >>> this.bits) * this.words;
    for (let i = 0; i < this.words; i++) out[i] = arena[off + i]!;
  }

  private equals(id: number): boolean {
    const arena = this.view(id);
    const key = this.key;
    const w = this.words;
    const off = (id >>> this.bits) * w;
    let i = 0;
    while (i < w && arena[off + i] === key[i]) i++;
    return i === w;
  }

  /** The arena holding `id`, through a view long enough to reach it. */
  private view(id: number): Int32Array {
    const worker = id & this.workerMask;
    const v = this.views[worker]!;
    if (((id >>> this.bits) + 1) * this.words <= v.length) return v;
    const arena = this.arenas[worker]!;
    const fresh = new Int32Array(arena, 0, arena.byteLength >>> 2);
    this.views[worker] = fresh;
    return fresh;
  }
}
