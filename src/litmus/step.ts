/**
 * The transition relation shared by every model: which steps a state enables and what each
 * step does. A step is either `Issue` (a load reads, an RMW reads and writes memory
 * atomically, a store enters the store buffer, or with no buffer writes memory) or `Commit`
 * (a buffered store becomes globally visible). The memory model (`Ordering`) gates both.
 * Enabled steps come out in a fixed order: CPU, then instruction, issues before commits.
 */
import { match } from 'ts-pattern';
import type { Expr, Instr, LitmusTest } from './ast.js';
import { dataDeps, isAccess, locOf } from './access.js';
import type { Ordering } from './memory-model.js';
import { BUFFERED, DONE, PENDING, type CpuState, type LitmusState, type Status } from './state.js';

export type Action =
  | { readonly kind: 'Issue'; readonly cpu: number; readonly instr: number }
  | { readonly kind: 'Commit'; readonly cpu: number; readonly instr: number };

/** What a step did, for witnesses. */
export interface StepEvent {
  readonly action: Action;
  /** For loads and RMWs: the value read and where it came from. */
  readonly read: { readonly value: number; readonly from: 'memory' | 'own store buffer' } | null;
  /** For stores and RMWs: the value written (to the buffer or to memory). */
  readonly wrote: number | null;
  /** Where the write went. */
  readonly target: 'store buffer' | 'memory' | null;
}

export interface Program {
  readonly test: LitmusTest;
  readonly orderings: readonly Ordering[];
  readonly deps: readonly (readonly (readonly number[])[])[];
}

export function program(test: LitmusTest, orderingOf: (cpu: number) => Ordering): Program {
  return {
    test,
    orderings: test.threads.map((_, c) => orderingOf(c)),
    deps: test.threads.map((t) => dataDeps(t)),
  };
}

const performed = (x: Instr, s: Status): boolean => (x.kind === 'store' ? s === DONE : s !== PENDING);

function evalExpr(e: Expr, regs: readonly number[]): number {
  return match(e)
    .with({ kind: 'const' }, (c) => c.value)
    .with({ kind: 'reg' }, (r) => regs[r.reg] ?? 0)
    .with({ kind: 'binop' }, (b) =>
      match(b.op)
        .with('+', () => evalExpr(b.left, regs) + evalExpr(b.right, regs))
        .with('-', () => evalExpr(b.left, regs) - evalExpr(b.right, regs))
        .exhaustive(),
    )
    .exhaustive();
}

/** May `instr` of `cpu` perform now, as far as po-earlier accesses are concerned? */
function orderedOk(p: Program, s: LitmusState, cpu: number, i: number): boolean {
  const instrs = p.test.threads[cpu]?.instrs ?? [];
  const st = s.cpus[cpu]?.status ?? [];
  const row = p.orderings[cpu]?.before[i] ?? [];
  for (let j = 0; j < i; j++) {
    const x = instrs[j];
    if (x !== undefined && row[j] === true && !performed(x, st[j] ?? PENDING)) return false;
  }
  return true;
}

function canIssue(p: Program, s: LitmusState, cpu: number, i: number): boolean {
  const instrs = p.test.threads[cpu]?.instrs ?? [];
  const st = s.cpus[cpu]?.status ?? [];
  const ord = p.orderings[cpu];
  const x = instrs[i];
  if (x === undefined || ord === undefined || !isAccess(x) || st[i] !== PENDING) return false;
  if (ord.inOrder && st.slice(0, i).some((v) => v === PENDING)) return false;
  if ((p.deps[cpu]?.[i] ?? []).some((j) => st[j] === PENDING)) return false;
  // A load needs every po-earlier same-location store issued (to read the newest one).
  for (let j = 0; j < i; j++) {
    const y = instrs[j];
    if (y !== undefined && y.kind === 'store' && y.loc === locOf(x) && st[j] === PENDING) return false;
  }
  if (x.kind === 'store' && ord.buffered) return true;
  return orderedOk(p, s, cpu, i) && (ord.successOrdered?.[i] !== true || !cmpxchgSucceeds(p, s, cpu, i) || fencedNow(p, s, cpu, i));
}

/** Would the cmpxchg at `i` of `cpu` succeed if it executed now? */
function cmpxchgSucceeds(p: Program, s: LitmusState, cpu: number, i: number): boolean {
  const x = p.test.threads[cpu]?.instrs[i];
  const c = s.cpus[cpu];
  if (x === undefined || x.kind !== 'rmw' || x.op.kind !== 'cmpxchg' || c === undefined) return false;
  return (s.mem[x.loc] ?? 0) === evalExpr(x.op.expected, c.regs);
}

/**
 * A successful cmpxchg is a full barrier at the moment it executes: every po-earlier access
 * performed (stores committed), no po-later access performed yet (a po-later store may sit in
 * the buffer).
 */
function fencedNow(p: Program, s: LitmusState, cpu: number, i: number): boolean {
  const instrs = p.test.threads[cpu]?.instrs ?? [];
  const st = s.cpus[cpu]?.status ?? [];
  return instrs.every((y, j) => j === i || !isAccess(y) || (j < i ? performed(y, st[j] ?? PENDING) : !performed(y, st[j] ?? PENDING)));
}

function canCommit(p: Program, s: LitmusState, cpu: number, i: number): boolean {
  const instrs = p.test.threads[cpu]?.instrs ?? [];
  const st = s.cpus[cpu]?.status ?? [];
  if (st[i] !== BUFFERED) return false;
  if (p.orderings[cpu]?.fifo === true && instrs.some((y, j) => j < i && y.kind === 'store' && st[j] !== DONE)) return false;
  return orderedOk(p, s, cpu, i);
}

export function enabled(p: Program, s: LitmusState): Action[] {
  const out: Action[] = [];
  p.test.threads.forEach((t, cpu) => {
    t.instrs.forEach((_, i) => {
      if (canIssue(p, s, cpu, i)) out.push({ kind: 'Issue', cpu, instr: i });
    });
    t.instrs.forEach((_, i) => {
      if (canCommit(p, s, cpu, i)) out.push({ kind: 'Commit', cpu, instr: i });
    });
  });
  return out;
}

/** The value a load of `loc` by `cpu` sees before po-position `i`: own buffer first. */
function readValue(p: Program, s: LitmusState, cpu: number, i: number, loc: number): StepEvent['read'] {
  const instrs = p.test.threads[cpu]?.instrs ?? [];
  const c = s.cpus[cpu];
  for (let j = i - 1; j >= 0; j--) {
    const y = instrs[j];
    if (y !== undefined && (y.kind === 'store' || y.kind === 'rmw') && y.loc === loc) {
      if (c !== undefined && c.status[j] === BUFFERED) return { value: c.vals[j] ?? 0, from: 'own store buffer' };
      break;
    }
  }
  return { value: s.mem[loc] ?? 0, from: 'memory' };
}

const set = <T>(xs: readonly T[], i: number, v: T): T[] => {
  const out = xs.slice();
  out[i] = v;
  return out;
};

/** Applies an enabled action; returns the successor and what happened. */
export function apply(p: Program, s: LitmusState, a: Action): { readonly next: LitmusState; readonly event: StepEvent } {
  const c = s.cpus[a.cpu];
  const x = p.test.threads[a.cpu]?.instrs[a.instr];
  if (c === undefined || x === undefined) throw new Error('apply: no such instruction');
  const withCpu = (cpu: CpuState, mem: readonly number[] = s.mem): LitmusState => ({
    mem,
    cpus: set(s.cpus, a.cpu, cpu),
  });
  return match(a)
    .with({ kind: 'Commit' }, () => {
      const v = c.vals[a.instr] ?? 0;
      const next = withCpu({ ...c, status: set(c.status, a.instr, DONE), vals: set(c.vals, a.instr, 0) }, set(s.mem, locOf(x), v));
      return { next, event: { action: a, read: null, wrote: v, target: 'memory' as const } };
    })
    .with({ kind: 'Issue' }, () =>
      match(x)
        .with({ kind: 'load' }, (l) => {
          const read = readValue(p, s, a.cpu, a.instr, l.loc) ?? { value: 0, from: 'memory' as const };
          const next = withCpu({ ...c, status: set(c.status, a.instr, DONE), regs: set(c.regs, l.reg, read.value) });
          return { next, event: { action: a, read, wrote: null, target: null } };
        })
        .with({ kind: 'store' }, (st) => {
          const v = evalExpr(st.value, c.regs);
          const buffered = p.orderings[a.cpu]?.buffered === true;
          const next = buffered
            ? withCpu({ ...c, status: set(c.status, a.instr, BUFFERED), vals: set(c.vals, a.instr, v) })
            : withCpu({ ...c, status: set(c.status, a.instr, DONE) }, set(s.mem, st.loc, v));
          return { next, event: { action: a, read: null, wrote: v, target: buffered ? ('store buffer' as const) : ('memory' as const) } };
        })
        .with({ kind: 'rmw' }, (r) => {
          const old = s.mem[r.loc] ?? 0;
          const [stored, ret] = match(r.op)
            .with({ kind: 'add' }, (o) => {
              const nv = old + evalExpr(o.operand, c.regs);
              return [nv, o.returns === 'new' ? nv : old] as const;
            })
            .with({ kind: 'xchg' }, (o) => [evalExpr(o.operand, c.regs), old] as const)
            .with({ kind: 'cmpxchg' }, (o) =>
              [old === evalExpr(o.expected, c.regs) ? evalExpr(o.desired, c.regs) : old, old] as const,
            )
            .exhaustive();
          const regs = r.reg === null ? c.regs : set(c.regs, r.reg, ret);
          const next = withCpu({ ...c, status: set(c.status, a.instr, DONE), regs }, set(s.mem, r.loc, stored));
          return { next, event: { action: a, read: { value: old, from: 'memory' as const }, wrote: stored, target: 'memory' as const } };
        })
        .with({ kind: 'fence' }, () => {
          throw new Error('apply: fences are not steps');
        })
        .exhaustive(),
    )
    .exhaustive();
}
