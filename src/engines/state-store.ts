/**
 * The visited set: every state's bytes in one arena, found through an open-addressing hash
 * table of (hash, index + 1) pairs, so that a probe reads one cache line and compares states
 * only when the stored hash matches. Exact (no hash compaction), so a `holds` verdict never
 * rests on a lucky hash. States are padded to whole 32-bit words so that hashing and comparing
 * read 4 bytes at a time.
 *
 * Projected: a word that has held the same value in every state interned so far (the first
 * state's) is not stored, hashed or compared; a state is kept as its other ("active") words.
 * When a state differs from the first one in a word not yet active, the word becomes active
 * and every record is rewritten with it (its value in each was the first state's: exact).
 * A compiled C model has many such words (the csd of a CPU that never sends, the registers a
 * role never uses), often most of its state. Records keep their indices through a rewrite. So
 * that rewrites stay cheap, once the store has been rewritten a few times while large, every
 * remaining word is made active at once. Per state it costs the active words' bytes of arena
 * and about 16 bytes of table at the maximum load factor.
 */
export class StateStore {
  readonly stateSize: number;
  /** Words per state: `stateSize` rounded up to a multiple of 4 bytes, over 4. */
  private readonly words: number;
  /** The first state interned, in words: what an inactive word holds in every state. */
  private ref: Int32Array | null = null;
  /** Active word indices, ascending; `width` of them. */
  private active: Int32Array;
  private width = 0;
  /** Words not active, ascending. */
  private inactive: Int32Array;
  private arena: Int32Array;
  /** Slot i: `table[2i]` the hash, `table[2i + 1]` the state's index + 1 (0: empty). */
  private table: Int32Array;
  private mask: number;
  /** The state being interned, copied into whole words (padding bytes stay zero). */
  private readonly keyBytes: Uint8Array;
  private readonly key: Int32Array;
  /** The key's active words, what is hashed, compared and stored. */
  private packed: Int32Array;
  /** Rewrites done while the store was large (each a pass over many records). */
  private largeRewrites = 0;
  count = 0;
  /** The hash of a state's words; only a test passes another (to force collisions). */
  private readonly hash: (words: Int32Array) => number;

  constructor(stateSize: number, initialCapacity = 1 << 12, hash: (words: Int32Array) => number = hashWords) {
    this.stateSize = stateSize;
    this.hash = hash;
    this.words = Math.max(1, Math.ceil(stateSize / 4));
    let cap = 1;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.table = new Int32Array(2 * cap);
    this.mask = cap - 1;
    this.arena = new Int32Array(0);
    this.key = new Int32Array(this.words);
    this.keyBytes = new Uint8Array(this.key.buffer);
    this.active = new Int32Array(0);
    this.inactive = Int32Array.from({ length: this.words }, (_, i) => i);
    this.packed = new Int32Array(0);
  }

  /** Bytes held by the arena (the active words of each state) and the table (what a state costs, not JS heap overhead). */
  get bytes(): number {
    return this.count * this.width * 4 + this.table.length * 4;
  }

  /** Words of each state the store keeps (tests and benchmarks). */
  get activeWords(): number {
    return this.width;
  }

  /** The index of `s` if present, else inserts it and returns `~index` (a negative number). */
  intern(s: Uint8Array): number {
    const key = this.key;
    this.keyBytes.set(s);
    const ref = this.ref;
    if (ref === null) this.ref = key.slice();
    else {
      const inactive = this.inactive;
      for (let j = 0; j < inactive.length; j++) {
        if (key[inactive[j]!] !== ref[inactive[j]!]) {
          this.activate(ref);
          break;
        }
      }
    }
    const w = this.width;
    const packed = this.packed;
    const active = this.active;
    for (let i = 0; i < w; i++) packed[i] = key[active[i]!]!;
    const h = this.hash(packed);
    const arena = this.arena;
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const id = table[2 * slot + 1]!;
      if (id === 0) break;
      if (table[2 * slot] === h) {
        const off = (id - 1) * w;
        let i = 0;
        while (i < w && arena[off + i] === packed[i]) i++;
        if (i === w) return id - 1;
      }
      slot = (slot + 1) & this.mask;
    }
    const idx = this.count;
    this.ensureArena(idx + 1);
    this.arena.set(packed, idx * w);
    table[2 * slot] = h;
    table[2 * slot + 1] = idx + 1;
    this.count++;
    if (this.count * 2 > this.mask + 1) this.rehash(2 * (this.mask + 1));
    return ~idx;
  }

  /** A copy of state `idx` written into `out`. */
  read(idx: number, out: Uint8Array): Uint8Array {
    const key = this.key;
    if (this.ref !== null) key.set(this.ref);
    const w = this.width;
    const off = idx * w;
    const arena = this.arena;
    const active = this.active;
    for (let i = 0; i < w; i++) key[active[i]!] = arena[off + i]!;
    out.set(this.keyBytes.subarray(0, this.stateSize));
    return out;
  }

  /**
   * Makes active every word in which the key differs from `ref` (or, on a large store
   * rewritten a few times already, every word), and rewrites the records and the table.
   */
  private activate(ref: Int32Array): void {
    const key = this.key;
    const large = this.count >= LARGE_STORE;
    const all = large && this.largeRewrites >= LARGE_REWRITES;
    const isActive = new Uint8Array(this.words);
    for (const a of this.active) isActive[a] = 1;
    for (const i of this.inactive) if (all || key[i] !== ref[i]) isActive[i] = 1;
    const active: number[] = [];
    const inactive: number[] = [];
    for (let i = 0; i < this.words; i++) (isActive[i] === 1 ? active : inactive).push(i);
    const oldActive = this.active;
    const oldW = this.width;
    const w = active.length;
    const old = this.arena;
    const next = new Int32Array(Math.max(1, this.count) * 2 * w);
    const full = Int32Array.from(ref);
    for (let r = 0; r < this.count; r++) {
      for (let i = 0; i < oldW; i++) full[oldActive[i]!] = old[r * oldW + i]!;
      for (let i = 0; i < w; i++) next[r * w + i] = full[active[i]!]!;
    }
    this.arena = next;
    this.active = Int32Array.from(active);
    this.inactive = Int32Array.from(inactive);
    this.width = w;
    this.packed = new Int32Array(w);
    if (large) this.largeRewrites++;
    this.rehashAll();
  }

  private ensureArena(states: number): void {
    const w = this.width;
    if (states * w <= this.arena.length) return;
    let cap = Math.max(1, this.arena.length / Math.max(1, w));
    while (cap < states) cap *= 2;
    const next = new Int32Array(cap * w);
    next.set(this.arena);
    this.arena = next;
  }

  /** Doubles the table, keeping each record's hash. */
  private rehash(cap: number): void {
    const table = new Int32Array(2 * cap);
    const mask = cap - 1;
    const old = this.table;
    for (let i = 0; i < old.length; i += 2) {
      const id = old[i + 1]!;
      if (id === 0) continue;
      place(table, mask, old[i]!, id);
    }
    this.table = table;
    this.mask = mask;
  }

  /** Rebuilds the table after a rewrite, hashing every record's active words again. */
  private rehashAll(): void {
    const table = new Int32Array(this.table.length);
    const w = this.width;
    const rec = this.packed;
    for (let idx = 0; idx < this.count; idx++) {
      rec.set(this.arena.subarray(idx * w, idx * w + w));
      place(table, this.mask, this.hash(rec), idx + 1);
    }
    this.table = table;
  }
}

/** Puts (hash, id) into the first free slot from the hash's. */
function place(table: Int32Array, mask: number, h: number, id: number): void {
  let slot = h & mask;
  while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
  table[2 * slot] = h;
  table[2 * slot + 1] = id;
}

/** A store this large that has been rewritten this often while large makes every word active at the next rewrite. */
const LARGE_STORE = 1 << 16;
const LARGE_REWRITES = 8;

/** Multiply-rotate over 32-bit words (murmur3's block step), finished with its mix. */
export function hashWords(k: Int32Array): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < k.length; i++) {
    let x = Math.imul(k[i]!, 0xcc9e2d51);
    x = (x << 15) | (x >>> 17);
    h ^= Math.imul(x, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
