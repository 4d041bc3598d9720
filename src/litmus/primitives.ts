/**
 * The kernel API as the litmus front end understands it, one line per primitive, after LKMM's
 * `tools/memory-model/linux-kernel.def`: many kernel names collapse onto four primitives.
 *
 * - `READ_ONCE`/`atomic_read` are plain marked loads, `smp_load_acquire` an acquire load.
 * - `WRITE_ONCE`/`atomic_set` are marked stores, `smp_store_release`/`atomic_set_release`
 *   release stores.
 * - Value-returning atomics (`atomic_add_return`, `atomic_inc_return`, `atomic_fetch_add`,
 *   `xchg`, `cmpxchg`, ...) are fully ordered RMWs (Documentation/atomic_t.txt); the
 *   `_relaxed` forms and the non-value-returning `atomic_inc`/`atomic_add`/... are unordered.
 * - `smp_mb`, `smp_wmb`, `smp_rmb`, `smp_mb__before_atomic`, `smp_mb__after_atomic` are fences.
 *
 * Left out: locks, RCU, `_acquire`/`_release` RMW forms, `cmpxchg` failure being unordered
 * (every `cmpxchg` here is fully ordered, which is stronger than LKMM; see weak.ts).
 */
import { match } from 'ts-pattern';
import type { Expr, FenceKind, Instr } from './ast.js';

/** An argument is a location (`*x`, `x` or `&x`) or a register expression. */
export type ArgKind = 'loc' | 'expr';

export type Arg = { readonly kind: 'loc'; readonly loc: number } | { readonly kind: 'expr'; readonly expr: Expr };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type InstrBody = DistributiveOmit<Instr, 'text' | 'line'>;

export interface Primitive {
  readonly args: readonly ArgKind[];
  /** 'value': returns a value (may also be a statement); 'void': statement only. */
  readonly result: 'value' | 'void';
  build(args: readonly Arg[], reg: number | null): InstrBody;
}

const ONE: Expr = { kind: 'const', value: 1 };
const MINUS_ONE: Expr = { kind: 'const', value: -1 };

const loc = (a: Arg | undefined): number => (a !== undefined && a.kind === 'loc' ? a.loc : -1);
const expr = (a: Arg | undefined): Expr => (a !== undefined && a.kind === 'expr' ? a.expr : ONE);
const neg = (e: Expr): Expr => ({ kind: 'binop', op: '-', left: { kind: 'const', value: 0 }, right: e });

const load = (acquire: boolean): Primitive => ({
  args: ['loc'],
  result: 'value',
  build: (a, reg) => ({ kind: 'load', reg: reg ?? -1, loc: loc(a[0]), acquire }),
});
const store = (release: boolean): Primitive => ({
  args: ['loc', 'expr'],
  result: 'void',
  build: (a) => ({ kind: 'store', loc: loc(a[0]), value: expr(a[1]), release }),
});
const fence = (f: FenceKind): Primitive => ({ args: [], result: 'void', build: () => ({ kind: 'fence', fence: f }) });
/** `op(v, *p)` forms: atomic_add(i, v) and friends take the operand first. */
const addOp = (ordered: boolean, returns: 'old' | 'new', result: 'value' | 'void', sign: 1 | -1): Primitive => ({
  args: ['expr', 'loc'],
  result,
  build: (a, reg) => ({
    kind: 'rmw',
    reg,
    loc: loc(a[1]),
    op: { kind: 'add', operand: sign === 1 ? expr(a[0]) : neg(expr(a[0])), returns },
    ordered,
  }),
});
const incOp = (ordered: boolean, returns: 'old' | 'new', result: 'value' | 'void', by: Expr): Primitive => ({
  args: ['loc'],
  result,
  build: (a, reg) => ({ kind: 'rmw', reg, loc: loc(a[0]), op: { kind: 'add', operand: by, returns }, ordered }),
});
const xchg = (ordered: boolean): Primitive => ({
  args: ['loc', 'expr'],
  result: 'value',
  build: (a, reg) => ({ kind: 'rmw', reg, loc: loc(a[0]), op: { kind: 'xchg', operand: expr(a[1]) }, ordered }),
});
const cmpxchg = (ordered: boolean): Primitive => ({
  args: ['loc', 'expr', 'expr'],
  result: 'value',
  build: (a, reg) => ({
    kind: 'rmw',
    reg,
    loc: loc(a[0]),
    op: { kind: 'cmpxchg', expected: expr(a[1]), desired: expr(a[2]) },
    ordered,
  }),
});

/** Kernel name -> primitive. Lookups go through `primitive()`; iteration order is unused. */
const TABLE: Readonly<Record<string, Primitive>> = {
  READ_ONCE: load(false),
  atomic_read: load(false),
  smp_load_acquire: load(true),
  atomic_read_acquire: load(true),
  WRITE_ONCE: store(false),
  atomic_set: store(false),
  smp_store_release: store(true),
  atomic_set_release: store(true),
  smp_mb: fence('mb'),
  smp_wmb: fence('wmb'),
  smp_rmb: fence('rmb'),
  smp_mb__before_atomic: fence('before-atomic'),
  smp_mb__after_atomic: fence('after-atomic'),
  atomic_inc: incOp(false, 'new', 'void', ONE),
  atomic_dec: incOp(false, 'new', 'void', MINUS_ONE),
  atomic_add: addOp(false, 'new', 'void', 1),
  atomic_sub: addOp(false, 'new', 'void', -1),
  atomic_inc_return: incOp(true, 'new', 'value', ONE),
  atomic_dec_return: incOp(true, 'new', 'value', MINUS_ONE),
  atomic_add_return: addOp(true, 'new', 'value', 1),
  atomic_sub_return: addOp(true, 'new', 'value', -1),
  atomic_fetch_add: addOp(true, 'old', 'value', 1),
  atomic_inc_return_relaxed: incOp(false, 'new', 'value', ONE),
  atomic_add_return_relaxed: addOp(false, 'new', 'value', 1),
  atomic_fetch_add_relaxed: addOp(false, 'old', 'value', 1),
  xchg: xchg(true),
  atomic_xchg: xchg(true),
  xchg_relaxed: xchg(false),
  cmpxchg: cmpxchg(true),
  atomic_cmpxchg: cmpxchg(true),
  cmpxchg_relaxed: cmpxchg(false),
};

export function primitive(name: string): Primitive | null {
  return Object.prototype.hasOwnProperty.call(TABLE, name) ? (TABLE[name] ?? null) : null;
}

/**
 * How a kernel primitive orders memory, for models outside the litmus front end (the scenario
 * store buffers in src/mechanisms/store-buffer.ts), read off the same table so that the kernel
 * API's semantics are written once. null for a name the table does not know.
 */
export type PrimitiveOrdering = 'load' | 'store' | 'ordered-rmw' | 'unordered-rmw' | `fence-${FenceKind}`;

export function primitiveOrdering(name: string): PrimitiveOrdering | null {
  const p = primitive(name);
  if (p === null) return null;
  const args: Arg[] = p.args.map((k) => (k === 'loc' ? { kind: 'loc', loc: 0 } : { kind: 'expr', expr: ONE }));
  return match(p.build(args, 0))
    .returnType<PrimitiveOrdering>()
    .with({ kind: 'load' }, () => 'load')
    .with({ kind: 'store' }, () => 'store')
    .with({ kind: 'rmw' }, (b) => (b.ordered ? 'ordered-rmw' : 'unordered-rmw'))
    .with({ kind: 'fence' }, (b) => `fence-${b.fence}`)
    .exhaustive();
}
