/**
 * Stubborn sets (Valmari's strong stubborn sets with necessary enabling sets, as in LTSmin):
 * at a state, a subset of the enabled transitions whose exploration alone keeps some
 * violation of a sticky safety property reachable whenever one is (with the BFS's proviso
 * that the subset leads somewhere new, see ./bfs.ts).
 *
 * A stubborn set is closed under these rules: an enabled transition brings every transition
 * dependent on it (src/core/transitions.ts); a disabled one brings a necessary enabling set:
 * its CPU's current step if it is a later step of the program the CPU runs, the program choice
 * if the CPU has not chosen yet, nothing if it can never run again (another program was
 * chosen, or a non-looping program is past it), and otherwise every transition that may write
 * a byte its guard read in this state (its guard's decision tree says which; without one,
 * every byte the guard may read).
 *
 * One enabled transition per CPU is tried as the seed of a closure (the one with the fewest
 * dependents; CPUs in that order), and a closure is abandoned as soon as it holds as many
 * enabled transitions as the best so far; the one with the fewest enabled transitions wins. A set with a visible or excluded
 * enabled transition is not used. Closures are computed on bitsets over the transitions: each
 * transition's dependents and each byte's writers are precomputed rows.
 */
import type { State } from '../core/model.js';
import type { GuardTree, RelLoc } from '../core/footprint.js';
import type { TransitionTable } from '../core/transitions.js';

export interface StubbornModel {
  readonly table: TransitionTable;
  /** The static transition of an enabled action in `s`. */
  transitionOf(s: State, action: number): number;
  readonly progOffset: number;
  readonly pcOffset: number;
  /** Offset of a CPU's block. */
  base(cpu: number): number;
}

/**
 * A guard's decision tree for one CPU: read `byte`, go on by its value; a leaf where the guard
 * is false has the row of transitions that may write a byte read on the way (`byte` = -1 and
 * no row: the guard was true there).
 */
interface GuardNode {
  readonly byte: number;
  readonly next: readonly (GuardNode | undefined)[];
  readonly row?: Uint32Array;
}

function instantiateTree(tree: GuardTree, base: number, writers: (bytes: readonly number[]) => Uint32Array): GuardNode {
  const byteOf = (l: RelLoc): number => (l.scope === 'self' ? base + l.field : l.field);
  if (tree.kind === 'leaf') return tree.result ? { byte: -1, next: [] } : { byte: -1, next: [], row: writers(tree.reads.map(byteOf)) };
  return { byte: byteOf(tree.loc), next: tree.next.map((n) => (n === undefined ? undefined : instantiateTree(n, base, writers))) };
}

const NONE = -1;
const ENABLERS = -2;

/** Set bits of a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export class StubbornSets {
  private readonly m: StubbornModel;
  /** Words per bitset over the transitions. */
  private readonly w: number;
  private readonly depRows: Uint32Array;
  private readonly enablerRows: Uint32Array;
  private readonly writerRows: Uint32Array;
  private readonly visibleRow: Uint32Array;
  private readonly blocked: Uint32Array;
  private readonly enabled: Uint32Array;
  private readonly set: Uint32Array;
  private readonly bestSet: Uint32Array;
  private readonly stack: Int32Array;
  private readonly tidOf: Int32Array;
  private readonly order: Int32Array;
  /** Seeds are tried by how few transitions depend on them: a small closure is likelier. */
  private readonly weight: Int32Array;
  private readonly excludedList: number[] = [];
  private s: State = new Uint8Array(0);
  private readonly cpuTried: Uint8Array;
  /** Each transition's guard paths with absolute bytes; a false leaf carries its enablers' row. */
  private readonly trees: readonly (GuardNode | undefined)[];
  private sp = 0;
  private count = 0;

  constructor(m: StubbornModel, maxActions: number) {
    this.m = m;
    const T = m.table;
    const n = T.count;
    const w = Math.max(1, Math.ceil(n / 32));
    this.w = w;
    const rows = (count: number, fill: (row: number, setBit: (t: number) => void) => void): Uint32Array => {
      const out = new Uint32Array(count * w);
      for (let r = 0; r < count; r++) fill(r, (t) => (out[r * w + (t >>> 5)]! |= 1 << (t & 31)));
      return out;
    };
    this.depRows = rows(n, (x, set) => {
      for (let i = T.depStart[x]!, e = T.depStart[x + 1]!; i < e; i++) set(T.depList[i]!);
    });
    this.enablerRows = rows(n, (x, set) => {
      for (let i = T.enablerStart[x]!, e = T.enablerStart[x + 1]!; i < e; i++) set(T.enablerList[i]!);
    });
    this.writerRows = rows(T.writersOfByte.length, (b, set) => {
      for (const t of T.writersOfByte[b]!) set(t);
    });
    this.visibleRow = rows(1, (_, set) => {
      for (let t = 0; t < n; t++) if (T.visible[t] === 1) set(t);
    });
    this.blocked = new Uint32Array(w);
    this.enabled = new Uint32Array(w);
    this.set = new Uint32Array(w);
    this.bestSet = new Uint32Array(w);
    this.stack = new Int32Array(n);
    this.tidOf = new Int32Array(maxActions);
    this.order = new Int32Array(maxActions);
    this.weight = Int32Array.from({ length: n }, (_, t) => T.depStart[t + 1]! - T.depStart[t]!);
    this.cpuTried = new Uint8Array(T.cpuFirst.length);
    const writerRow = (bytes: readonly number[]): Uint32Array => {
      const row = new Uint32Array(w);
      for (const b of bytes) for (let i = 0; i < w; i++) row[i]! |= this.writerRows[b * w + i]!;
      return row;
    };
    this.trees = T.guardTree.map((tree, t) => (tree === undefined ? undefined : instantiateTree(tree, m.base(T.cpu[t]!), writerRow)));
  }

  /** The transition of `acts[k]` in the last `reduce` call. */
  transitionAt(k: number): number {
    return this.tidOf[k]!;
  }

  /** Keeps transition `t` out of reduced sets until `clearExclusions`. */
  exclude(t: number): void {
    this.excludedList.push(t);
  }

  clearExclusions(): void {
    this.excludedList.length = 0;
  }

  /**
   * Writes into `out` the indices (into `acts[0..n)`) of the actions to explore from `s` and
   * returns how many; `n` means no reduction (then `out` holds 0..n-1).
   */
  reduce(s: State, acts: Int32Array, n: number, out: Int32Array): number {
    const w = this.w;
    this.s = s;
    const en = this.enabled;
    en.fill(0);
    for (let k = 0; k < n; k++) {
      const t = this.m.transitionOf(s, acts[k]!);
      this.tidOf[k] = t;
      en[t >>> 5]! |= 1 << (t & 31);
    }
    const blocked = this.blocked;
    for (let i = 0; i < w; i++) blocked[i] = this.visibleRow[i]!;
    for (const t of this.excludedList) blocked[t >>> 5]! |= 1 << (t & 31);
    let best = n;
    if (n > 1) {
      const order = this.order;
      const weight = this.weight;
      const tid = this.tidOf;
      for (let k = 0; k < n; k++) order[k] = k;
      order.subarray(0, n).sort((a, b) => weight[tid[a]!]! - weight[tid[b]!]!);
      const cpuTried = this.cpuTried;
      cpuTried.fill(0);
      for (let q = 0; q < n && best > 1; q++) {
        const seed = tid[order[q]!]!;
        if ((blocked[seed >>> 5]! >>> (seed & 31)) & 1) continue;
        const c = this.m.table.cpu[seed]!;
        if (cpuTried[c] === 1) continue;
        cpuTried[c] = 1;
        const size = this.closure(seed, best);
        if (size > 0 && size < best) {
          best = size;
          this.bestSet.set(this.set);
        }
      }
    }
    if (best === n) {
      for (let k = 0; k < n; k++) out[k] = k;
      return n;
    }
    let j = 0;
    const bs = this.bestSet;
    for (let k = 0; k < n; k++) {
      const t = this.tidOf[k]!;
      if ((bs[t >>> 5]! >>> (t & 31)) & 1) out[j++] = k;
    }
    return j;
  }

  /** Enabled transitions in the closure of `seed`; 0 once it reaches `limit`, or a blocked one. */
  private closure(seed: number, limit: number): number {
    const w = this.w;
    this.set.fill(0);
    this.sp = 0;
    this.count = 0;
    if (!this.addOne(seed, limit)) return 0;
    while (this.sp > 0) {
      const x = this.stack[--this.sp]!;
      if ((this.enabled[x >>> 5]! >>> (x & 31)) & 1) {
        if (!this.addRow(this.depRows, x * w, limit)) return 0;
        continue;
      }
      const nes = this.necessary(x);
      if (nes >= 0) {
        if (!this.addOne(nes, limit)) return 0;
      } else if (nes === ENABLERS) {
        const leaf = this.falseLeaf(x);
        if (leaf === undefined) {
          if (!this.addRow(this.enablerRows, x * w, limit)) return 0;
        } else if (!this.addRow(leaf, 0, limit)) return 0;
      }
    }
    return this.count;
  }

  /** ORs a row into the set and stacks what is new; false to abandon the closure. */
  private addRow(rows: Uint32Array, off: number, limit: number): boolean {
    const set = this.set;
    for (let i = 0; i < this.w; i++) {
      const fresh = rows[off + i]! & ~set[i]!;
      if (fresh === 0) continue;
      const e = fresh & this.enabled[i]!;
      if (e !== 0) {
        if ((e & this.blocked[i]!) !== 0) return false;
        this.count += popcount(e);
        if (this.count >= limit) return false;
      }
      set[i]! |= fresh;
      let f = fresh;
      while (f !== 0) {
        const low = f & -f;
        this.stack[this.sp++] = i * 32 + 31 - Math.clz32(low);
        f ^= low;
      }
    }
    return true;
  }

  private addOne(t: number, limit: number): boolean {
    const i = t >>> 5;
    const bit = 1 << (t & 31);
    if ((this.set[i]! & bit) !== 0) return true;
    if ((this.enabled[i]! & bit) !== 0) {
      if ((this.blocked[i]! & bit) !== 0) return false;
      if (++this.count >= limit) return false;
    }
    this.set[i]! |= bit;
    this.stack[this.sp++] = t;
    return true;
  }

  /**
   * The writers of the bytes the guard of `x` read in the current state, if its path there
   * returns false (one precomputed row per leaf of its decision tree).
   */
  private falseLeaf(x: number): Uint32Array | undefined {
    const s = this.s;
    let node: GuardNode | undefined = this.trees[x];
    while (node !== undefined) {
      if (node.row !== undefined) return node.row;
      if (node.byte < 0) return undefined;
      node = node.next[s[node.byte] ?? 0];
    }
    return undefined;
  }

  /**
   * A necessary enabling set of disabled transition `x`: one transition (its CPU's current
   * step or program choice), NONE (it can never run again) or ENABLERS (writers of its guard).
   */
  private necessary(x: number): number {
    const T = this.m.table;
    const cpu = T.cpu[x]!;
    const b = this.m.base(cpu);
    const s = this.s;
    const prog = s[b + this.m.progOffset] ?? 0;
    switch (T.kind[x]!) {
      case 'event':
        return ENABLERS;
      case 'choose':
        return prog !== 0 ? NONE : ENABLERS;
      case 'step': {
        const p = T.program[x]!;
        if (prog === 0) return T.chooseBase[cpu]! + p - 1;
        if (prog !== p) return NONE;
        const pc = s[b + this.m.pcOffset] ?? 0;
        const i = T.index[x]!;
        if (pc >= T.length[x]!) return NONE;
        if (pc === i) return ENABLERS;
        if (i < pc && T.loops[x] === 0) return NONE;
        return T.stepBase[cpu]![p - 1]! + pc;
      }
    }
  }
}
