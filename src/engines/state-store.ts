/**
 * The visited set: every state's bytes in one arena, found through an open-addressing hash
 * table of indices. Exact (no hash compaction), so a `holds` verdict never rests on a lucky
 * hash. Per state it costs `stateSize` bytes of arena plus about 8 bytes of table at the
 * maximum load factor.
 */
export class StateStore {
  readonly stateSize: number;
  private arena: Uint8Array;
  private table: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  count = 0;

  constructor(stateSize: number, initialCapacity = 1 << 12) {
    this.stateSize = stateSize;
    let cap = 1;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.table = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.arena = new Uint8Array(Math.max(1, initialCapacity) * stateSize);
    this.hashes = new Int32Array(initialCapacity);
  }

  /** Bytes held by the arena and the table (what a state costs, not the JS heap overhead). */
  get bytes(): number {
    return this.count * this.stateSize + this.table.length * 4 + this.count * 4;
  }

  /** The index of `s` if present, else inserts it and returns `~index` (a negative number). */
  intern(s: Uint8Array): number {
    const h = hashBytes(s);
    let slot = h & this.mask;
    for (;;) {
      const idx = this.table[slot]!;
      if (idx < 0) break;
      if (this.hashes[idx] === h && this.equals(idx, s)) return idx;
      slot = (slot + 1) & this.mask;
    }
    const idx = this.count;
    this.ensureArena(idx + 1);
    this.arena.set(s, idx * this.stateSize);
    this.hashes[idx] = h;
    this.table[slot] = idx;
    this.count++;
    if (this.count * 2 > this.table.length) this.rehash();
    return ~idx;
  }

  /** A copy of state `idx` written into `out`. */
  read(idx: number, out: Uint8Array): Uint8Array {
    const off = idx * this.stateSize;
    out.set(this.arena.subarray(off, off + this.stateSize));
    return out;
  }

  private equals(idx: number, s: Uint8Array): boolean {
    const off = idx * this.stateSize;
    const a = this.arena;
    for (let i = 0; i < this.stateSize; i++) if (a[off + i] !== s[i]) return false;
    return true;
  }

  private ensureArena(states: number): void {
    if (states * this.stateSize <= this.arena.length) return;
    let cap = this.arena.length / this.stateSize;
    while (cap < states) cap *= 2;
    const next = new Uint8Array(cap * this.stateSize);
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

/** FNV-1a over the bytes, finished with a murmur3 mix so low bits spread. */
export function hashBytes(s: Uint8Array): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s[i]!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
