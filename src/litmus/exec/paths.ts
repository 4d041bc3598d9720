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
import { POISON, isAddr, isPoison, locOfAddr } from './value.js';

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

export function threadPaths(prog: Program, t: Thread, values: ValueSets, budget: number): ThreadPath[] {
  return new Interp(prog, values, budget).run(t);
}

const union = (...xs: readonly (readonly number[])[]): number[] => {
  const s = new Set<number>();
  for (const x of xs) for (const v of x) s.add(v);
  return [...s].sort((a, b) => a - b);
};

class Interp {
  private readonly out: ThreadPath[] = [];

  constructor(
    private readonly prog: Program,
    private readonly values: ValueSets,
    private readonly budget: number,
  ) {}

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
              const [, st4] = this.emit(st3, s.src, { kind: 'W', loc, value: rv.v, tag: a.tag, addr: ra.dd, data: rv.dd, after: [...ra.last, ...rv.last] });
              k(st4);
            }),
          ),
        ),
      )
      .with({ k: 'fence' }, (a) => k(this.emit(st, s.src, { kind: 'F', fence: a.fence })[1]))
      .with({ k: 'atomic-op' }, (a) =>
        this.rmwAccess(a.addr, a.operand, st, s.src, a.tag, (old, operand) => arith(a.op, old, operand), true, (_, st2) => k(st2)),
      )
      .with({ k: 'lock' }, (a) => this.lockOp(a.addr, st, s.src, ['LKR', 'LKW'], (_, st2) => k(st2)))
      .with({ k: 'unlock' }, (a) => this.lockOp(a.addr, st, s.src, ['UL'], (_, st2) => k(st2)))
      .with({ k: 'srcu-sync' }, (a) => this.lockOp(a.addr, st, s.src, ['SRCU-SYNC'], (_, st2) => k(st2)))
      .with({ k: 'if' }, (a) =>
        this.expr(a.cond, st, s.src, (r, st2) => {
          const st3 = isPoison(r.v) ? this.poisoned(st2, s.src, 'the condition uses an address in arithmetic') : st2;
          const branch = r.v !== 0 && !isPoison(r.v) ? a.then : a.otherwise;
          const outer = st3.ctrl;
          this.stmts(branch, 0, { ...st3, ctrl: union(outer, r.cd) }, (st4) => k({ ...st4, ctrl: outer }));
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
            for (const v of this.values[loc] ?? [0]) {
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
        this.rmwAccess(r.addr, r.operand, st, src, r.tag, compute, r.op !== 'xchg', (acc, st2) => {
          const ret = r.returns === 'old' ? acc.old : acc.stored;
          const dd = r.returns === 'old' ? [acc.read] : union([acc.read], acc.operandDeps);
          k({ v: ret, dd, cd: union(dd, acc.cd), last: [acc.write] }, st2);
        });
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

  /** The location an address names; a path that dereferences anything else ends, poisoned. */
  private located(ra: Res, st: St, src: Src, k: (loc: number, st: St) => void): void {
    const loc = locOfAddr(ra.v);
    if (loc >= 0 && loc < this.prog.locs.length) {
      k(loc, st);
      return;
    }
    const what = isPoison(ra.v) ? 'a computed address' : `the value ${ra.v}`;
    this.finish(this.poisoned(st, src, `dereferences ${what}, not the address of a location`));
  }

  private poisoned(st: St, src: Src, reason: string): St {
    return st.poison === null ? { ...st, poison: { reason, src } } : st;
  }

  /** A read-modify-write: a read of each possible value, then the write. */
  private rmwAccess(
    addrE: Expr,
    operandE: Expr,
    st: St,
    src: Src,
    tag: Tag,
    compute: (old: number, operand: number) => number,
    readFeedsWrite: boolean,
    k: K<{ old: number; stored: number; read: number; write: number; operandDeps: readonly number[]; cd: readonly number[] }>,
  ): void {
    this.expr(operandE, st, src, (ro, st1) =>
      this.expr(addrE, st1, src, (ra, st2) =>
        this.located(ra, st2, src, (loc, st3) => {
          for (const old of this.values[loc] ?? [0]) {
            const stored = compute(old, ro.v);
            const st4 = isPoison(stored) && !isPoison(old) && !isPoison(ro.v) ? this.poisoned(st3, src, 'arithmetic on an address') : st3;
            const [ri, st5] = this.emit(st4, src, { kind: 'R', loc, value: old, tag, atomic: true, addr: ra.dd, after: ra.last });
            const data = readFeedsWrite ? union([ri], ro.dd) : ro.dd;
            const [wi, st6] = this.emit(st5, src, { kind: 'W', loc, value: stored, tag, atomic: true, addr: ra.dd, data, after: [ri, ...ro.last, ...ra.last] });
            k({ old, stored, read: ri, write: wi, operandDeps: ro.dd, cd: union(ro.cd, ra.cd) }, this.pair(st6, ri, wi));
          }
        }),
      ),
    );
  }

  private cmpxchg(c: Extract<Expr, { k: 'cmpxchg' }>, st: St, src: Src, k: K<Res>): void {
    this.expr(c.addr, st, src, (ra, st1) =>
      this.expr(c.expected, st1, src, (re, st2) =>
        this.expr(c.desired, st2, src, (rd, st3) =>
          this.located(ra, st3, src, (loc, st4) => {
            for (const old of this.values[loc] ?? [0]) {
              const [ri, st5] = this.emit(st4, src, { kind: 'R', loc, value: old, tag: c.tag, atomic: true, addr: ra.dd, after: ra.last });
              const cd = union([ri], ra.cd, re.cd);
              if (old !== re.v || isPoison(old)) {
                k({ v: old, dd: [ri], cd, last: [ri] }, st5);
                continue;
              }
              const [wi, st6] = this.emit(st5, src, { kind: 'W', loc, value: rd.v, tag: c.tag, atomic: true, addr: ra.dd, data: rd.dd, after: [ri, ...rd.last, ...re.last] });
              k({ v: old, dd: [ri], cd, last: [wi] }, this.pair(st6, ri, wi));
            }
          }),
        ),
      ),
    );
  }

  private addUnless(a: Extract<Expr, { k: 'add-unless' }>, st: St, src: Src, k: K<Res>): void {
    this.expr(a.addr, st, src, (ra, st1) =>
      this.expr(a.add, st1, src, (radd, st2) =>
        this.expr(a.unless, st2, src, (ru, st3) =>
          this.located(ra, st3, src, (loc, st4) => {
            for (const old of this.values[loc] ?? [0]) {
              const [ri, st5] = this.emit(st4, src, { kind: 'R', loc, value: old, tag: a.tag, atomic: true, addr: ra.dd, after: ra.last });
              if (old === ru.v || isPoison(old)) {
                k({ v: 0, dd: [], cd: [], last: [ri] }, st5);
                continue;
              }
              const stored = arith('+', old, radd.v);
              const [wi, st6] = this.emit(st5, src, { kind: 'W', loc, value: stored, tag: a.tag, atomic: true, addr: ra.dd, data: union([ri], radd.dd), after: [ri, ...radd.last, ...ru.last] });
              k({ v: 1, dd: [], cd: [], last: [wi] }, this.pair(st6, ri, wi));
            }
          }),
        ),
      ),
    );
  }

  private lockOp(addrE: Expr, st: St, src: Src, kinds: readonly EvKind[], k: K<null>): void {
    this.expr(addrE, st, src, (ra, st1) => this.located(ra, st1, src, (loc, st2) => this.lockEvents(st2, src, loc, ra, kinds, (st3) => k(null, st3))));
  }

  /** Emits a chain of lock events in program order (LKR then LKW form an RMW pair). */
  private lockEvents(st: St, src: Src, loc: number, ra: Res, kinds: readonly EvKind[], k: (st: St, last: number[]) => void): void {
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
  if (isAddr(a) || isAddr(b) || isPoison(a) || isPoison(b)) return POISON;
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
  if (isPoison(a) || isPoison(b)) return POISON;
  return match(op)
    .with('==', () => +(a === b))
    .with('!=', () => +(a !== b))
    .with('&&', () => +(a !== 0 && b !== 0))
    .with('||', () => +(a !== 0 || b !== 0))
    .otherwise(() => arith(op, a, b));
}

function unop(op: UnOp, a: number): number {
  if (isPoison(a)) return POISON;
  return match(op)
    .with('!', () => +(a === 0))
    .with('-', () => (isAddr(a) ? POISON : a === 0 ? 0 : -a))
    .with('~', () => (isAddr(a) ? POISON : ~a))
    .exhaustive();
}
