/**
 * The explored transition graph as two growable typed arrays (from, to), for the progress
 * check: 8 bytes per transition, no per-edge objects.
 */
export class EdgeLog {
  private from = new Int32Array(1 << 14);
  private to = new Int32Array(1 << 14);
  count = 0;

  constructor(readonly maxEdges: number) {}

  /** False once the log is over `maxEdges`: the progress check is then not done. */
  get complete(): boolean {
    return this.count <= this.maxEdges;
  }

  add(a: number, b: number): void {
    if (this.count >= this.maxEdges) {
      this.count = this.maxEdges + 1;
      return;
    }
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

  /** The logged edges as (from, to) int32 pairs, copied. */
  pairs(): Int32Array {
    const n = Math.min(this.count, this.maxEdges);
    const out = new Int32Array(2 * n);
    for (let e = 0; e < n; e++) {
      out[2 * e] = this.from[e]!;
      out[2 * e + 1] = this.to[e]!;
    }
    return out;
  }

  /**
   * States (of `states`) from which no path reaches a state marked in `done`: backward
   * reachability over the reversed edges in compressed-sparse-row form.
   */
  cannotReach(states: number, done: Uint8Array): Uint8Array {
    const start = new Int32Array(states + 1);
    for (let e = 0; e < this.count; e++) start[this.to[e]! + 1]!++;
    for (let i = 0; i < states; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, states);
    const preds = new Int32Array(this.count);
    for (let e = 0; e < this.count; e++) preds[fill[this.to[e]!]!++] = this.from[e]!;
    const ok = new Uint8Array(states);
    const stack = new Int32Array(states);
    let sp = 0;
    for (let i = 0; i < states; i++) {
      if (done[i] !== 0) {
        ok[i] = 1;
        stack[sp++] = i;
      }
    }
    while (sp > 0) {
      const x = stack[--sp]!;
      for (let k = start[x]!; k < start[x + 1]!; k++) {
        const p = preds[k]!;
        if (ok[p] === 0) {
          ok[p] = 1;
          stack[sp++] = p;
        }
      }
    }
    for (let i = 0; i < states; i++) ok[i] = ok[i] === 0 ? 1 : 0;
    return ok;
  }
}
