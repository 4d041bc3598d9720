/**
 * The order symmetry reduction sorts CPU blocks by: lexicographic over their bytes, read four
 * bytes at a time. A big-endian 32-bit read of four bytes orders them as the bytes compared one
 * by one would, so the result is exactly the byte order (the representative of an orbit, and
 * so every trace, stays what it was), at a quarter of the reads. Blocks start anywhere in the
 * state (a layout's blocks need not be 4-byte aligned), which a DataView reads.
 */
export class BlockOrder {
  private readonly words: number;
  private readonly size: number;
  private buffer: ArrayBufferLike | null = null;
  private offset = -1;
  private dv: DataView = new DataView(new ArrayBuffer(0));

  constructor(blockSize: number) {
    this.size = blockSize;
    this.words = Math.floor(blockSize / 4);
  }

  /** Points the reader at `s` (cheap when it is the buffer of the previous call). */
  view(s: Uint8Array): void {
    if (s.buffer !== this.buffer || s.byteOffset !== this.offset) {
      this.buffer = s.buffer;
      this.offset = s.byteOffset;
      this.dv = new DataView(s.buffer, s.byteOffset, s.byteLength);
    }
  }

  /** Negative, 0 or positive as the block at byte x sorts before, with or after the one at y (`view(s)` first). */
  compare(s: Uint8Array, x: number, y: number): number {
    const dv = this.dv;
    for (let w = 0, i = 0; w < this.words; w++, i += 4) {
      const a = dv.getUint32(x + i);
      const b = dv.getUint32(y + i);
      if (a !== b) return a < b ? -1 : 1;
    }
    for (let i = this.words * 4; i < this.size; i++) {
      const d = s[x + i]! - s[y + i]!;
      if (d !== 0) return d;
    }
    return 0;
  }

  /** Exchanges the blocks at x and y. */
  swap(s: Uint8Array, x: number, y: number): void {
    for (let i = 0; i < this.size; i++) {
      const v = s[x + i]!;
      s[x + i] = s[y + i]!;
      s[y + i] = v;
    }
  }
}
