/**
 * The visited set: every state's bytes in one arena, found through an open-addressing hash
 * table of (hash, index + 1) pairs, so that a probe reads one cache line and compares states
 * only when the stored hash matches. Exact (no hash compaction), so a `holds` verdict never
 * rests on a lucky hash. States are padded to whole 32-bit words so that hashing and comparing
 * read 4 bytes at a time. Per state it costs the padded state size of arena and about 16
 * bytes of table at the maximum load factor.
 */
export class StateStore {
  readonly stateSize: number;
  /** Words per state: `stateSize` rounded up to a multiple of 4 bytes, over 4. */
  private readonly words: number;
  private arena: Int32Array;
  /** Slot i: `table[2i]` the hash, `table[2i + 1]` the state's index + 1 (0: empty). */
  private table: Int32Array;
  private mask: number;
  /** The state being interned, copied into whole words (padding bytes stay zero). */
  private readonly keyBytes: Uint8Array;
  private readonly key: Int32Array;
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
    this.arena = new Int32Array(Math.max(1, initialCapacity) * this.words);
    this.key = new Int32Array(this.words);
    this.keyBytes = new Uint8Array(this.key.buffer);
  }

  /** Bytes held by the arena, the hashes and the table (what a state costs, not JS heap overhead). */
  get bytes(): number {
    return this.count * this.words * 4 + this.table.length * 4;
  }

  /** The index of `s` if present, else inserts it and returns `~index` (a negative number). */
  intern(s: Uint8Array): number {
    const key = this.key;
    this.keyBytes.set(s);
    const w = this.words;
    const h = this.hash(key);
    const arena = this.arena;
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const id = table[2 * slot + 1]!;
      if (id === 0) break;
      if (table[2 * slot] === h) {
        const off = (id - 1) * w;
        let i = 0;
        while (i < w && arena[off + i] === key[i]) i++;
        if (i === w) return id - 1;
      }
      slot = (slot + 1) & this.mask;
    }
    const idx = this.count;
    this.ensureArena(idx + 1);
    this.arena.set(key, idx * w);
    table[2 * slot] = h;
    table[2 * slot + 1] = idx + 1;
    this.count++;
    if (this.count * 2 > this.mask + 1) this.rehash();
    return ~idx;
  }

  /** A copy of state `idx` written into `out`. */
  read(idx: number, out: Uint8Array): Uint8Array {
    const off = idx * this.words * 4;
    out.set(new Uint8Array(this.arena.buffer, off, this.stateSize));
    return out;
  }

  private ensureArena(states: number): void {
    if (states * this.words <= this.arena.length) return;
    let cap = this.arena.length / this.words;
    while (cap < states) cap *= 2;
    const next = new Int32Array(cap * this.words);
    next.set(this.arena);
    this.arena = next;
  }

  private rehash(): void {
    const cap = 2 * (this.mask + 1);
    const table = new Int32Array(2 * cap);
    const mask = cap - 1;
    const old = this.table;
    for (let i = 0; i < old.length; i += 2) {
      const id = old[i + 1]!;
      if (id === 0) continue;
      const h = old[i]!;
      let slot = h & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = h;
      table[2 * slot + 1] = id;
    }
    this.table = table;
    this.mask = mask;
  }
}

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
