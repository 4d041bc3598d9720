/**
 * The BFS tree: for each state index, the state it was first reached from and by which action.
 * Growable typed arrays; the path to a state is the shortest one BFS found.
 */
export class SearchTree {
  private parent = new Int32Array(1 << 12);
  private action = new Int32Array(1 << 12);

  record(idx: number, from: number, action: number): void {
    if (idx >= this.parent.length) {
      let n = this.parent.length;
      while (n <= idx) n *= 2;
      const p = new Int32Array(n);
      p.set(this.parent);
      this.parent = p;
      const a = new Int32Array(n);
      a.set(this.action);
      this.action = a;
    }
    this.parent[idx] = from;
    this.action[idx] = action;
  }

  parentOf(idx: number): number {
    return this.parent[idx]!;
  }

  via(idx: number): number {
    return this.action[idx]!;
  }

  /** State indices from the first successor of the root to `idx`. */
  pathTo(idx: number): number[] {
    const path: number[] = [];
    for (let i = idx; this.parent[i]! >= 0; i = this.parent[i]!) path.push(i);
    return path.reverse();
  }
}
