/**
 * The visited set: every state's bytes in one arena, found through an open-addressing hash
 * table of indices. Exact (no hash compaction), so a `holds` verdict never rests on a lucky
 * hash. States are padded to whole 32-bit words so that hashing and comparing read 4 bytes at
 * a time. Per state it costs the padded state size of arena, 4 bytes of stored hash and about
 * 8 bytes of table at the maximum load factor.
 */
export class StateStore {
  readonly stateSize: number;
  /** Words per state: `stateSize` rounded up to a multiple of 4 bytes, over 4. */
  private readonly words: number;
  private arena: Int32Array;
  private table: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  /** The state being interned, copied into whole words (padding bytes stay zero). */
  private readonly keyBytes: Uint8Array;
  private readonly key: Int32Array;
  count = 0;

  constructor(stateSize: number, initialCapacity = 1 << 12) {
    this.stateSize = stateSize;
    this.words = Math.max(1, Math.ceil(stateSize / 4));
    let cap = 1;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.arena = new Int32Array(Math.max(1, initialCapacity) * this.words);
    this.hashes = new Int32Array(initialCapacity);
    this.key = new Int32Array(this.words);
    this.keyBytes = new Uint8Array(this.key.buffer);
  }

  /** Bytes held by the arena, the hashes and the table (what a state costs, not JS heap overhead). */
  get bytes(): number {
    return this.count * this.words * 4 + this.table.length * 4 + this.count * 4;
  }

  /** The index of `s` if present, else inserts it and returns `~index` (a negative number). */
  intern(s: Uint8Array): number {
    const key = this.key;
    this.keyBytes.set(s);
    const w = this.words;
    const h = hashWords(key);
    const arena = this.arena;
    let slot = h & this.mask;
    for (;;) {
      const idx = this.table[slot]!;
      if (idx < 0) break;
      if (this.hashes[idx] === h) {
        const off = idx * w;
        let i = 0;
        while (i < w && arena[off + i] === key[i]) i++;
        if (i === w) return idx;
      }
      slot = (slot + 1) & this.mask;
    }
    const idx = this.count;
    this.ensureArena(idx + 1);
    this.arena.set(key, idx * w);
    this.hashes[idx] = h;
    this.table[slot] = idx;
    this.count++;
    if (this.count * 2 > this.table.length) this.rehash();
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
    const h = new Int32Array(cap);
    h.set(this.hashes);
    this.hashes = h;
  }

  private rehash(): void {
    const cap = this.table.length * 2;
    const table = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let idx = 0; idx < this.count; idx++) {
      let slot = this.hashes[idx]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = idx;
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
