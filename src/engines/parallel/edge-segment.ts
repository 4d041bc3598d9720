/**
 * One worker's share of the explored transition graph, for the progress judgement: the
 * (source id, target id) of every transition it took, in two growable typed arrays.
 */
export class EdgeSegment {
  private from = new Int32Array(1 << 14);
  private to = new Int32Array(1 << 14);
  count = 0;
  /** Logging stopped (the run took more transitions than the judgement may hold). */
  dropped = false;

  add(a: number, b: number): void {
    if (this.count === this.from.length) {
      const f = new Int32Array(this.from.length * 2);
      f.set(this.from);
      this.from = f;
      const t = new Int32Array(this.to.length * 2);
      t.set(this.to);
      this.to = t;
    }
    this.from[this.count] = a;
    this.to[this.count] = b;
    this.count++;
  }

  /** Stops logging and frees what was logged. */
  drop(): void {
    this.dropped = true;
    this.from = new Int32Array(0);
    this.to = new Int32Array(0);
    this.count = 0;
  }

  /**
   * The edges with ids rewritten to dense state numbers (`offsets[worker] + local index`,
   * the id format of ./shared-visited.ts), in place: views of the log's own buffers, which the
   * caller may transfer. The log is unusable afterwards.
   */
  dense(offsets: readonly number[], bits: number): { from: Int32Array; to: Int32Array } {
    const mask = (1 << bits) - 1;
    const from = this.from.subarray(0, this.count);
    const to = this.to.subarray(0, this.count);
    for (let e = 0; e < this.count; e++) {
      from[e] = offsets[from[e]! & mask]! + (from[e]! >>> bits);
      to[e] = offsets[to[e]! & mask]! + (to[e]! >>> bits);
    }
    return { from, to };
  }
}
