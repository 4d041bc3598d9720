/**
 * Sets and binary relations over the events of one candidate execution, as bit matrices:
 * the algebra the memory models are written in (`;` sequence, `|` union, `&` intersection,
 * `\` difference, `^-1` inverse, `*`/`+` closures, `[S]` identity on a set), as in the cat
 * language of herd7. Row i of a relation is the set of j with (i, j) in it.
 *
 * Every value is immutable once built; operations return new values. Events are numbered
 * 0..n-1 by the execution that owns them.
 *
 * A row is stored in words of `BITS` = 30 bits in a plain array: every word is then a small
 * integer, which V8 keeps unboxed, and small arrays are cheap to allocate (a judge builds
 * dozens of relations per candidate execution; typed arrays of that size cost a separate
 * allocation each).
 */

const BITS = 30;
const wordOf = (j: number): number => (j / BITS) | 0;
const bitOf = (j: number): number => 1 << j % BITS;
/** The highest set bit of a non-zero word. */
const topBit = (word: number): number => 31 - Math.clz32(word);

function zeros(len: number): number[] {
  const a = new Array<number>(len);
  for (let k = 0; k < len; k++) a[k] = 0;
  return a;
}

export class EvSet {
  private constructor(
    readonly n: number,
    readonly bits: number[],
  ) {}

  static empty(n: number): EvSet {
    return new EvSet(n, zeros(words(n)));
  }

  static of(n: number, pred: (e: number) => boolean): EvSet {
    const bits = zeros(words(n));
    for (let e = 0; e < n; e++) if (pred(e)) bits[wordOf(e)]! |= bitOf(e);
    return new EvSet(n, bits);
  }

  has(e: number): boolean {
    return (this.bits[wordOf(e)]! & bitOf(e)) !== 0;
  }

  union(...os: EvSet[]): EvSet {
    let r: EvSet = this;
    for (const o of os) r = r.zip(o, (a, b) => a | b);
    return r;
  }

  inter(o: EvSet): EvSet {
    return this.zip(o, (a, b) => a & b);
  }

  minus(o: EvSet): EvSet {
    return this.zip(o, (a, b) => a & ~b);
  }

  complement(): EvSet {
    const all = EvSet.of(this.n, () => true);
    return all.minus(this);
  }

  isEmpty(): boolean {
    return this.bits.every((w) => w === 0);
  }

  /** Members in increasing order. */
  members(): number[] {
    const out: number[] = [];
    for (let e = 0; e < this.n; e++) if (this.has(e)) out.push(e);
    return out;
  }

  private zip(o: EvSet, f: (a: number, b: number) => number): EvSet {
    const bits = zeros(this.bits.length);
    for (let k = 0; k < bits.length; k++) bits[k] = f(this.bits[k]!, o.bits[k]!);
    return new EvSet(this.n, bits);
  }
}

export class Rel {
  private constructor(
    readonly n: number,
    /** Words per row. */
    private readonly w: number,
    private readonly bits: number[],
  ) {}

  static empty(n: number): Rel {
    const w = words(n);
    return new Rel(n, w, zeros(n * w));
  }

  static of(n: number, pred: (i: number, j: number) => boolean): Rel {
    const r = Rel.empty(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (pred(i, j)) r.set(i, j);
    return r;
  }

  static fromPairs(n: number, pairs: Iterable<readonly [number, number]>): Rel {
    const r = Rel.empty(n);
    for (const [i, j] of pairs) r.set(i, j);
    return r;
  }

  /** `[S]`: the identity on a set. */
  static id(s: EvSet): Rel {
    const r = Rel.empty(s.n);
    for (const e of s.members()) r.set(e, e);
    return r;
  }

  /** `S1 * S2`: every pair from S1 to S2. */
  static cross(a: EvSet, b: EvSet): Rel {
    const r = Rel.empty(a.n);
    for (let i = 0; i < a.n; i++) if (a.has(i)) for (let k = 0; k < r.w; k++) r.bits[i * r.w + k] = b.bits[k]!;
    return r;
  }

  has(i: number, j: number): boolean {
    return (this.bits[i * this.w + wordOf(j)]! & bitOf(j)) !== 0;
  }

  /** Successors of i. */
  row(i: number): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.n; j++) if (this.has(i, j)) out.push(j);
    return out;
  }

  pairs(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.n; i++) for (const j of this.row(i)) out.push([i, j]);
    return out;
  }

  union(...os: Rel[]): Rel {
    const r = this.copy();
    for (const o of os) for (let k = 0; k < r.bits.length; k++) r.bits[k]! |= o.bits[k]!;
    return r;
  }

  inter(o: Rel): Rel {
    const r = this.copy();
    for (let k = 0; k < r.bits.length; k++) r.bits[k]! &= o.bits[k]!;
    return r;
  }

  minus(o: Rel): Rel {
    const r = this.copy();
    for (let k = 0; k < r.bits.length; k++) r.bits[k]! &= ~o.bits[k]!;
    return r;
  }

  inverse(): Rel {
    const r = Rel.empty(this.n);
    const w = this.w;
    for (let i = 0; i < this.n; i++) {
      for (let k = 0; k < w; k++) {
        let word = this.bits[i * w + k]!;
        while (word !== 0) {
          const bit = topBit(word);
          word &= ~(1 << bit);
          r.set(k * BITS + bit, i);
        }
      }
    }
    return r;
  }

  /** `this ; o` */
  seq(o: Rel): Rel {
    const r = Rel.empty(this.n);
    const w = this.w;
    for (let i = 0; i < this.n; i++) {
      const base = i * w;
      for (let k = 0; k < w; k++) {
        let word = this.bits[base + k]!;
        while (word !== 0) {
          const bit = topBit(word);
          word &= ~(1 << bit);
          const j = k * BITS + bit;
          const src = j * w;
          for (let m = 0; m < w; m++) r.bits[base + m]! |= o.bits[src + m]!;
        }
      }
    }
    return r;
  }

  /** `[S] ; this` */
  domainIn(s: EvSet): Rel {
    const r = this.copy();
    for (let i = 0; i < this.n; i++) if (!s.has(i)) for (let k = 0; k < this.w; k++) r.bits[i * this.w + k] = 0;
    return r;
  }

  /** `this ; [S]` */
  rangeIn(s: EvSet): Rel {
    const r = this.copy();
    for (let i = 0; i < this.n; i++) for (let k = 0; k < this.w; k++) r.bits[i * this.w + k]! &= s.bits[k]!;
    return r;
  }

  /** `[A] ; this ; [B]` */
  restrict(a: EvSet, b: EvSet): Rel {
    return this.domainIn(a).rangeIn(b);
  }

  /** `this+` */
  plus(): Rel {
    const r = this.copy();
    const w = this.w;
    for (let k = 0; k < this.n; k++) {
      const kb = k * w;
      for (let i = 0; i < this.n; i++) {
        if (!r.has(i, k)) continue;
        const ib = i * w;
        for (let m = 0; m < w; m++) r.bits[ib + m]! |= r.bits[kb + m]!;
      }
    }
    return r;
  }

  /** `this*` (over all events of the execution) */
  star(): Rel {
    const r = this.plus();
    for (let i = 0; i < this.n; i++) r.set(i, i);
    return r;
  }

  /** `this?` */
  opt(): Rel {
    const r = this.copy();
    for (let i = 0; i < this.n; i++) r.set(i, i);
    return r;
  }

  domain(): EvSet {
    return EvSet.of(this.n, (i) => this.row(i).length > 0);
  }

  range(): EvSet {
    const seen = new Set<number>();
    for (let i = 0; i < this.n; i++) for (const j of this.row(i)) seen.add(j);
    return EvSet.of(this.n, (e) => seen.has(e));
  }

  isEmpty(): boolean {
    return this.bits.every((x) => x === 0);
  }

  /** `irreflexive this` */
  irreflexive(): boolean {
    for (let i = 0; i < this.n; i++) if (this.has(i, i)) return false;
    return true;
  }

  /** `acyclic this`, by Kahn's algorithm on the bit rows (no closure is built). */
  acyclic(): boolean {
    const { n, w, bits } = this;
    const indegree = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < w; k++) {
        let word = bits[i * w + k]!;
        while (word !== 0) {
          const bit = topBit(word);
          word &= ~(1 << bit);
          indegree[k * BITS + bit]!++;
        }
      }
    }
    const queue = new Int32Array(n);
    let tail = 0;
    for (let i = 0; i < n; i++) if (indegree[i] === 0) queue[tail++] = i;
    for (let head = 0; head < tail; head++) {
      const i = queue[head]!;
      for (let k = 0; k < w; k++) {
        let word = bits[i * w + k]!;
        while (word !== 0) {
          const bit = topBit(word);
          word &= ~(1 << bit);
          const j = k * BITS + bit;
          if (--indegree[j]! === 0) queue[tail++] = j;
        }
      }
    }
    return tail === n;
  }

  equals(o: Rel): boolean {
    for (let k = 0; k < this.bits.length; k++) if (this.bits[k] !== o.bits[k]) return false;
    return true;
  }

  private copy(): Rel {
    return new Rel(this.n, this.w, this.bits.slice());
  }

  /** Builders only: relations handed out are never mutated. */
  private set(i: number, j: number): void {
    this.bits[i * this.w + wordOf(j)]! |= bitOf(j);
  }
}

function words(n: number): number {
  return Math.max(1, Math.ceil(n / BITS));
}
