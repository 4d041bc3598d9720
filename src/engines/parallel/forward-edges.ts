/**
 * One worker's share of the explored transition graph, for the progress judgement, grouped by
 * source as the worker expanded them: the targets of `sources[i]` are
 * `targets[starts[i] .. starts[i + 1])`. 4 bytes per transition and 8 per expanded state, in
 * growable typed arrays.
 */
export interface Adjacency {
  readonly sources: Int32Array;
  /** One longer than `sources`: the last entry is the number of targets. */
  readonly starts: Int32Array;
  readonly targets: Int32Array;
}

export class ForwardEdges {
  private sources = new Int32Array(1 << 12);
  private starts = new Int32Array(1 << 12);
  private targets = new Int32Array(1 << 14);
  private expanded = 0;
  /** Transitions logged. */
  count = 0;
  /** Logging stopped (the run took more transitions than the judgement may hold). */
  dropped = false;

  /** Starts the successors of `id`: the `add`s up to the next `source` are its targets. */
  source(id: number): void {
    if (this.expanded + 1 >= this.sources.length) {
      this.sources = grown(this.sources);
      this.starts = grown(this.starts);
    }
    this.sources[this.expanded] = id;
    this.starts[this.expanded] = this.count;
    this.expanded++;
  }

  add(target: number): void {
    if (this.count === this.targets.length) this.targets = grown(this.targets);
    this.targets[this.count++] = target;
  }

  /** Stops logging and frees what was logged. */
  drop(): void {
    this.dropped = true;
    this.sources = new Int32Array(1);
    this.starts = new Int32Array(1);
    this.targets = new Int32Array(0);
    this.expanded = 0;
    this.count = 0;
  }

  /**
   * The edges with ids rewritten to dense state numbers (`offsets[worker] + local index`,
   * the id format of ./shared-visited.ts), in place: views of the log's own buffers. Once.
   */
  dense(offsets: readonly number[], bits: number): Adjacency {
    const mask = (1 << bits) - 1;
    const sources = this.sources.subarray(0, this.expanded);
    this.starts[this.expanded] = this.count;
    const starts = this.starts.subarray(0, this.expanded + 1);
    const targets = this.targets.subarray(0, this.count);
    for (let i = 0; i < sources.length; i++) sources[i] = offsets[sources[i]! & mask]! + (sources[i]! >>> bits);
    for (let e = 0; e < targets.length; e++) targets[e] = offsets[targets[e]! & mask]! + (targets[e]! >>> bits);
    return { sources, starts, targets };
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
