/**
 * The interchangeable CPUs of a model: each symmetric role with more than one CPU is a group,
 * whose CPU blocks symmetry reduction sorts (the representative of a state's orbit is the
 * state with each group's blocks in increasing byte order, src/core/block-order.ts).
 */
import { BlockOrder } from './block-order.js';
import type { Role, State } from './model.js';

export class SymmetryGroups {
  /** Block offsets of each group's CPUs, in CPU order. */
  private readonly groupBases: readonly Int32Array[];
  /** Each CPU's predecessor in its group, or -1. */
  private readonly before: Int32Array;
  private readonly blocks: BlockOrder;

  constructor(
    roles: readonly Role[],
    cpuRoles: readonly number[],
    private readonly base: (cpu: number) => number,
    blockSize: number,
  ) {
    const groups: number[][] = [];
    roles.forEach((r, ri) => {
      if (!r.symmetric) return;
      const members = cpuRoles.flatMap((x, cpu) => (x === ri ? [cpu] : []));
      if (members.length > 1) groups.push(members);
    });
    this.groupBases = groups.map((g) => Int32Array.from(g, (c) => base(c)));
    this.before = new Int32Array(cpuRoles.length).fill(-1);
    for (const g of groups) for (let i = 1; i < g.length; i++) this.before[g[i]!] = g[i - 1]!;
    this.blocks = new BlockOrder(blockSize);
  }

  /** True if some CPUs are interchangeable. */
  get any(): boolean {
    return this.groupBases.length > 0;
  }

  /** Rewrites `s` in place to the representative of its orbit. */
  canonicalize(s: State): void {
    // Insertion sort of each group's blocks: a successor differs from a sorted state in the
    // acting CPU's block (and few others), so this is close to one pass.
    if (this.groupBases.length === 0) return;
    const blocks = this.blocks;
    blocks.view(s);
    for (const gb of this.groupBases) {
      for (let i = 1; i < gb.length; i++) {
        for (let j = i; j > 0 && blocks.compare(s, gb[j - 1]!, gb[j]!) > 0; j--) blocks.swap(s, gb[j - 1]!, gb[j]!);
      }
    }
  }

  /**
   * For `isTwin` calls on `s`: points the block reader at it. Separate so that a caller asking
   * about every CPU of one state sets it once.
   */
  view(s: State): void {
    this.blocks.view(s);
  }

  /** The CPU's block equals its group predecessor's in `s` (the state last passed to `view`). */
  isTwin(s: State, cpu: number): boolean {
    const b = this.before[cpu]!;
    return b >= 0 && this.blocks.compare(s, this.base(b), this.base(cpu)) === 0;
  }
}
