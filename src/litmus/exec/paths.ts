/**
 * Every way one process can run: its program is executed with each read returning each value
 * its location may hold (`ValueSets`), forking at every read and at every lock outcome
 * (spin_trylock() succeeds or fails, spin_is_locked() answers true or false), and each run
 * becomes a `ThreadPath` (events, dependencies, final registers). Which paths fit together,
 * and which writes the reads read from, is decided later (./candidates.ts).
 *
 * Dependencies follow herd7's C semantics: a register's value carries the reads it was
 * computed from (`dd`: data and address dependencies), and, for control dependencies, also
 * the reads that decided the `if` it was assigned in (`cd`). Events inside an `if` get the
 * condition's `cd` as `ctrl`; the events after the `if` do not.
 */
import { match } from 'ts-pattern';
import type { BinOp, Expr, Program, Src, Stmt, Tag, Thread, UnOp } from '../program.js';
import type { EvKind, Poison, TEvent, ThreadPath } from './event.js';
import { POISON, TOP, isAddr, isPoison, locOfAddr } from './value.js';

/** The values each location may hold, by location. */
export type ValueSets = readonly (readonly number[])[];

interface RegVal {
  readonly v: number;
  readonly dd: readonly number[];
  readonly cd: readonly number[];
}

interface St {
  readonly regs: readonly RegVal[];
  readonly evs: readonly TEvent[];
  readonly poi: number;
  readonly ctrl: readonly number[];
  readonly poison: Poison | null;
}

interface Res {
  readonly v: number;
  readonly dd: readonly number[];
  readonly cd: readonly number[];
  /** Events of this expression with no successor inside it (for same-instruction order). */
  readonly last: readonly number[];
}

type K<T> = (x: T, st: St) => void;

/** Thrown when a process has more paths than the budget allows. */
export class PathBudgetExceeded extends Error {}

/**
 * `values` null: the seeding pass of ./values.ts, where every read returns TOP ("any value"),
 * both sides of a condition on TOP run, and an access through a TOP pointer is to ANYWHERE.
 */
export function threadPaths(prog: Program, t: Thread, values: ValueSets | null, budget: number): ThreadPath[] {
  return new Interp(prog, values, budget).run(t);
}

/** The location of an access through an unknown (TOP) pointer in the seeding pass. */
export const ANYWHERE = -2;
/** No location: the pointer was not an address; the access is skipped and the path poisoned. */
const NOWHERE = -1;

const union = (...xs: readonly (readonly number[])[]): number[] => {
  const s = new Set<number>();
  for (const x of xs) for (const v of x) s.add(v);
  return [...s].sort((a, b) => a - b);
};

class Interp {
  private readonly out: ThreadPath[] = [];

  constructor(
    private readonly prog: Program,
    private readonly values: ValueSets | null,
    private readonly budget: number,
  ) {}

  private readValues(loc: number): readonly number[] {
    return this.values === null ? [TOP] : (this.values[loc] ?? [0]);
  }

  run(t: Thread): ThreadPath[] {
    const st: St = { regs: t.regInit.map((v) => ({ v, dd: [], cd: [] })), evs: [], poi: 0, ctrl: [], poison: null };
    this.stmts(t.body, 0, st, (end) => this.finish(end));
    return this.out;
  }

  private finish(st: St): void {
    if (this.out.length >= this.budget) throw new PathBudgetExceeded();
    this.out.push({ events: st.evs, regs: st.regs.map((r) => r.v), poison: st.poison });
  }

  private stmts(ss: readonly Stmt[], i: number, st: St, k: (st: St) => void): void {
    const s = ss[i];
    if (s === undefined) {
      k(st);
      return;
    }
    this.stmt(s, { ...st, poi: st.poi + 1 }, (st2) => this.stmts(ss, i + 1, st2, k));
  }

  private stmt(s: Stmt, st: St, k: (st: St) => void): void {
    match(s)
      .with({ k: 'assign' }, (a) =>
        this.expr(a.e, st, s.src, (r, st2) => {
          const regs = st2.regs.slice();
          regs[a.r] = { v: r.v, dd: r.dd, cd: union(r.cd, st2.ctrl) };
          k({ ...st2, regs });
        }),
      )
      .with({ k: 'eval' }, (a) => this.expr(a.e, st, s.src, (_, st2) => k(st2)))
      .with({ k: 'store' }, (a) =>
        this.expr(a.addr, st, s.src, (ra, st1) =>
          this.expr(a.value, st1, s.src, (rv, st2) =>
            this.located(ra, st2, s.src, (loc, st3) => {
              if (loc === NOWHERE) return k(st3);
              const [, st4] = this.emit(st3, s.src, { kind: 'W', loc, value: rv.v, tag: a.tag, addr: ra.dd, data: rv.dd, after: [...ra.last, ...rv.last] });
              k(st4);
            }),
          ),
        ),
      )
      .with({ k: 'fence' }, (a) => k(this.emit(st, s.src, { kind: 'F', fence: a.fence })[1]))
      .with({ k: 'atomic-op' }, (a) =>
        this.rmwAccess(a.addr, a.operand, st, s.src, a.tag, (old, operand) => arith(a.op, old, operand), true, 'new', (_, st2) => k(st2)),
      )
      .with({ k: 'lock' }, (a) => this.lockOp(a.addr, st, s.src, ['LKR', 'LKW'], (_, st2) => k(st2)))
      .with({ k: 'unlock' }, (a) => this.lockOp(a.addr, st, s.src, ['UL'], (_, st2) => k(st2)))
      .with({ k: 'srcu-sync' }, (a) => this.lockOp(a.addr, st, s.src, ['SRCU-SYNC'], (_, st2) => k(st2)))
      .with({ k: 'if' }, (a) =>
        this.expr(a.cond, st, s.src, (r, st2) => {
          const st3 = isPoison(r.v) ? this.poisoned(st2, s.src, 'the condition uses an address in arithmetic') : st2;
          const branches = r.v === TOP ? [a.then, a.otherwise] : [r.v !== 0 && !isPoison(r.v) ? a.then : a.otherwise];
          const outer = st3.ctrl;
          for (const branch of branches) this.stmts(branch, 0, { ...st3, ctrl: union(outer, r.cd) }, (st4) => k({ ...st4, ctrl: outer }));
        }),
      )
      .exhaustive();
  }

  private expr(e: Expr, st: St, src: Src, k: K<Res>): void {
    match(e)
      .with({ k: 'const' }, (c) => k({ v: c.v, dd: [], cd: [], last: [] }, st))
      .with({ k: 'reg' }, (r) => {
        const rv = st.regs[r.r]!;
        k({ v: rv.v, dd: rv.dd, cd: rv.cd, last: [] }, st);
      })
      .with({ k: 'load' }, (l) =>
        this.expr(l.addr, st, src, (ra, st1) =>
          this.located(ra, st1, src, (loc, st2) => {
            if (loc < 0) return k({ v: loc === NOWHERE ? POISON : TOP, dd: [], cd: ra.cd, last: ra.last }, st2);
            for (const v of this.readValues(loc)) {
              const [i, st3] = this.emit(st2, src, { kind: 'R', loc, value: v, tag: l.tag, addr: ra.dd, after: ra.last });
              k({ v, dd: [i], cd: union([i], ra.cd), last: [i] }, st3);
            }
          }),
        ),
      )
      .with({ k: 'bin' }, (b) =>
        this.expr(b.a, st, src, (ra, st1) =>
          this.expr(b.b, st1, src, (rb, st2) => {
            const v = binop(b.op, ra.v, rb.v);
            const st3 = isPoison(v) && !isPoison(ra.v) && !isPoison(rb.v) ? this.poisoned(st2, src, `'${b.op}' on an address`) : st2;
            k({ v, dd: union(ra.dd, rb.dd), cd: union(ra.cd, rb.cd), last: [...ra.last, ...rb.last] }, st3);
          }),
        ),
      )
      .with({ k: 'un' }, (u) =>
        this.expr(u.a, st, src, (ra, st1) => {
          const v = unop(u.op, ra.v);
          k({ ...ra, v }, isPoison(v) && !isPoison(ra.v) ? this.poisoned(st1, src, `'${u.op}' on an address`) : st1);
        }),
      )
      .with({ k: 'rmw' }, (r) => {
        const compute = (old: number, operand: number): number => (r.op === 'xchg' ? operand : arith(r.op, old, operand));
        this.rmwAccess(r.addr, r.operand, st, src, r.tag, compute, r.op !== 'xchg', r.returns, k);
      })
      .with({ k: 'cmpxchg' }, (c) => this.cmpxchg(c, st, src, k))
      .with({ k: 'add-unless' }, (a) => this.addUnless(a, st, src, k))
      .with({ k: 'trylock' }, (t) =>
        this.expr(t.addr, st, src, (ra, st1) =>
          this.located(ra, st1, src, (loc, st2) => {
            this.lockEvents(st2, src, loc, ra, ['LKR', 'LKW'], (st3, last) => k({ v: 1, dd: [], cd: [], last }, st3));
            this.lockEvents(st2, src, loc, ra, ['LF'], (st3, last) => k({ v: 0, dd: [], cd: [], last }, st3));
          }),
        ),
      )
      .with({ k: 'islocked' }, (t) =>
        this.expr(t.addr, st, src, (ra, st1) =>
          this.located(ra, st1, src, (loc, st2) => {
            this.lockEvents(st2, src, loc, ra, ['RL'], (st3, last) => k({ v: 1, dd: [], cd: [], last }, st3));
            this.lockEvents(st2, src, loc, ra, ['RU'], (st3, last) => k({ v: 0, dd: [], cd: [], last }, st3));
          }),
        ),
      )
      .exhaustive();
  }

  /**
   * The location an address names. An access through anything else is skipped (a read gives
   * POISON) and the path is poisoned: if an allowed execution uses it, the test is refused.
   */
  private located(ra: Res, st: St, src: Src, k: (loc: number, st: St) => void): void {
    if (ra.v === TOP) return k(ANYWHERE, st);
    const loc = locOfAddr(ra.v);
    if (loc >= 0 && loc < this.prog.locs.length) return k(loc, st);
    const what = isPoison(ra.v) ? 'a computed address' : `the value ${ra.v}`;
    k(NOWHERE, this.poisoned(st, src, `dereferences ${what}, not the address of a location`));
  }

  private poisoned(st: St, src: Src, reason: string): St {
    return st.poison === null ? { ...st, poison: { reason, src } } : st;
  }

  /** A read-modify-write: a read of each possible value, then the write; returns old or new. */
  private rmwAccess(
    addrE: Expr,
    operandE: Expr,
    st: St,
    src: Src,
    tag: Tag,
    compute: (old: number, operand: number) => number,
    readFeedsWrite: boolean,
    returns: 'old' | 'new',
    k: K<Res>,
  ): void {
    this.expr(operandE, st, src, (ro, st1) =>
      this.expr(addrE, st1, src, (ra, st2) =>
        this.located(ra, st2, src, (loc, st3) => {
          if (loc === NOWHERE) return k({ v: POISON, dd: [], cd: union(ro.cd, ra.cd), last: [...ro.last, ...ra.last] }, st3);
          for (const old of this.readValues(loc)) {
            const stored = compute(old, ro.v);
            const st4 = isPoison(stored) && !isPoison(old) && !isPoison(ro.v) ? this.poisoned(st3, src, 'arithmetic on an address') : st3;
            const [ri, st5] = this.emit(st4, src, { kind: 'R', loc, value: old, tag, atomic: true, addr: ra.dd, after: ra.last });
            const data = readFeedsWrite ? union([ri], ro.dd) : ro.dd;
            const [wi, st6] = this.emit(st5, src, { kind: 'W', loc, value: stored, tag, atomic: true, addr: ra.dd, data, after: [ri, ...ro.last, ...ra.last] });
            const dd = returns === 'old' ? [ri] : union([ri], ro.dd);
            k({ v: returns === 'old' ? old : stored, dd, cd: union(dd, ro.cd, ra.cd), last: [wi] }, this.pair(st6, ri, wi));
          }
        }),
      ),
    );
  }

  /** A read of each possible value; with `write(old)` non-null, the write that follows it. */
  private conditionalRmw(
    loc: number,
    st: St,
    src: Src,
    tag: Tag,
    ra: Res,
    outcome: (old: number) => readonly ({ readonly stored: number; readonly data: readonly number[]; readonly after: readonly number[]; readonly ret: number } | null)[],
    k: (ret: number, read: number, write: number | null, st: St) => void,
  ): void {
    for (const old of this.readValues(loc)) {
      const [ri, st5] = this.emit(st, src, { kind: 'R', loc, value: old, tag, atomic: true, addr: ra.dd, after: ra.last });
      for (const w of outcome(old)) {
        if (w === null) {
          k(old, ri, null, st5);
          continue;
        }
        const [wi, st6] = this.emit(st5, src, { kind: 'W', loc, value: w.stored, tag, atomic: true, addr: ra.dd, data: w.data, after: [ri, ...w.after] });
        k(w.ret, ri, wi, this.pair(st6, ri, wi));
      }
    }
  }

  /** __cmpxchg: writes `desired` when the value read equals `expected`; returns the value read. */
  private cmpxchg(c: Extract<Expr, { k: 'cmpxchg' }>, st: St, src: Src, k: K<Res>): void {
    this.expr(c.addr, st, src, (ra, st1) =>
      this.expr(c.expected, st1, src, (re, st2) =>
        this.expr(c.desired, st2, src, (rd, st3) =>
          this.located(ra, st3, src, (loc, st4) => {
            if (loc === NOWHERE) return k({ v: POISON, dd: [], cd: union(ra.cd, re.cd), last: ra.last }, st4);
            const success = { stored: rd.v, data: rd.dd, after: [...rd.last, ...re.last], ret: 0 };
            this.conditionalRmw(
              loc,
              st4,
              src,
              c.tag,
              ra,
              (old) => (old === TOP || re.v === TOP ? [{ ...success, ret: old }, null] : old === re.v && !isPoison(old) ? [{ ...success, ret: old }] : [null]),
              (ret, ri, wi, st5) => k({ v: ret, dd: [ri], cd: union([ri], ra.cd, re.cd), last: [wi ?? ri] }, st5),
            );
          }),
        ),
      ),
    );
  }

  /** __atomic_add_unless: adds unless the value read is `unless`; returns 1 if it added. */
  private addUnless(a: Extract<Expr, { k: 'add-unless' }>, st: St, src: Src, k: K<Res>): void {
    this.expr(a.addr, st, src, (ra, st1) =>
      this.expr(a.add, st1, src, (radd, st2) =>
        this.expr(a.unless, st2, src, (ru, st3) =>
          this.located(ra, st3, src, (loc, st4) => {
            if (loc === NOWHERE) return k({ v: POISON, dd: [], cd: ra.cd, last: ra.last }, st4);
            const add = (old: number): { stored: number; data: readonly number[]; after: readonly number[]; ret: number } => ({
              stored: arith('+', old, radd.v),
              data: radd.dd,
              after: [...radd.last, ...ru.last],
              ret: 1,
            });
            this.conditionalRmw(
              loc,
              st4,
              src,
              a.tag,
              ra,
              (old) => (old === TOP || ru.v === TOP ? [add(old), null] : old === ru.v || isPoison(old) ? [null] : [add(old)]),
              (ret, ri, wi, st5) => {
                const st6 = wi === null ? st5 : this.withData(st5, wi, ri);
                k({ v: wi === null ? 0 : ret, dd: [], cd: [], last: [wi ?? ri] }, st6);
              },
            );
          }),
        ),
      ),
    );
  }

  /** The value an add_unless() writes is computed from the value it read: a data dependency. */
  private withData(st: St, w: number, r: number): St {
    const evs = st.evs.slice();
    evs[w] = { ...evs[w]!, data: union([r], evs[w]!.data) };
    return { ...st, evs };
  }

  private lockOp(addrE: Expr, st: St, src: Src, kinds: readonly EvKind[], k: K<null>): void {
    this.expr(addrE, st, src, (ra, st1) => this.located(ra, st1, src, (loc, st2) => this.lockEvents(st2, src, loc, ra, kinds, (st3) => k(null, st3))));
  }

  /** Emits a chain of lock events in program order (LKR then LKW form an RMW pair). */
  private lockEvents(st: St, src: Src, loc: number, ra: Res, kinds: readonly EvKind[], k: (st: St, last: number[]) => void): void {
    if (loc === NOWHERE) return k(st, [...ra.last]);
    let cur = st;
    let prev: number[] = [...ra.last];
    const made: number[] = [];
    for (const kind of kinds) {
      const [i, next] = this.emit(cur, src, { kind, loc, addr: ra.dd, after: prev });
      made.push(i);
      prev = [i];
      cur = next;
    }
    if (made.length === 2) cur = this.pair(cur, made[0]!, made[1]!);
    k(cur, prev);
  }

  private pair(st: St, r: number, w: number): St {
    const evs = st.evs.slice();
    evs[r] = { ...evs[r]!, rmwWrite: w };
    return { ...st, evs };
  }

  private emit(
    st: St,
    src: Src,
    e: { kind: EvKind; loc?: number; value?: number; tag?: Tag; fence?: TEvent['fence']; atomic?: boolean; addr?: readonly number[]; data?: readonly number[]; after?: readonly number[] },
  ): [number, St] {
    const i = st.evs.length;
    const iico = union(...(e.after ?? []).map((j) => [j, ...(st.evs[j]?.iico ?? [])]));
    const ev: TEvent = {
      kind: e.kind,
      loc: e.loc ?? -1,
      value: e.value ?? 0,
      tag: e.tag ?? null,
      fence: e.fence ?? null,
      atomic: e.atomic ?? false,
      rmwWrite: -1,
      poi: st.poi,
      iico,
      addr: e.addr ?? [],
      data: e.data ?? [],
      ctrl: st.ctrl,
      src,
    };
    return [i, { ...st, evs: [...st.evs, ev] }];
  }
}

/** Integer arithmetic; anything involving an address is POISON. */
export function arith(op: BinOp, a: number, b: number): number {
  if (a === TOP || b === TOP) return TOP;
  if (isPoison(a) || isPoison(b)) return POISON;
  // An address plus or minus 0 is the address (herd7's fake dependency idiom: y + (r1 & 0)).
  if (isAddr(a) && b === 0 && (op === '+' || op === '-' || op === '|' || op === '^')) return a;
  if (isAddr(b) && a === 0 && (op === '+' || op === '|' || op === '^')) return b;
  if (isAddr(a) || isAddr(b)) return POISON;
  const v: number = match(op)
    .with('+', () => a + b)
    .with('-', () => a - b)
    .with('*', () => a * b)
    .with('/', () => (b === 0 ? POISON : Math.trunc(a / b)))
    .with('%', () => (b === 0 ? POISON : a % b))
    .with('&', () => a & b)
    .with('|', () => a | b)
    .with('^', () => a ^ b)
    .with('&~', () => a & ~b)
    .with('<<', () => a << b)
    .with('>>', () => a >> b)
    .with('<', () => +(a < b))
    .with('<=', () => +(a <= b))
    .with('>', () => +(a > b))
    .with('>=', () => +(a >= b))
    .with('==', '!=', '&&', '||', () => binop(op, a, b))
    .exhaustive();
  return v === 0 ? 0 : v;
}

/** Operators in expressions: equality and truth work on addresses too. */
export function binop(op: BinOp, a: number, b: number): number {
  if (a === TOP || b === TOP) return TOP;
  if (isPoison(a) || isPoison(b)) return POISON;
  return match(op)
    .with('==', () => +(a === b))
    .with('!=', () => +(a !== b))
    .with('&&', () => +(a !== 0 && b !== 0))
    .with('||', () => +(a !== 0 || b !== 0))
    .otherwise(() => arith(op, a, b));
}

function unop(op: UnOp, a: number): number {
  if (a === TOP) return TOP;
  if (isPoison(a)) return POISON;
  return match(op)
    .with('!', () => +(a === 0))
    .with('-', () => (isAddr(a) ? POISON : a === 0 ? 0 : -a))
    .with('~', () => (isAddr(a) ? POISON : ~a))
    .exhaustive();
}
