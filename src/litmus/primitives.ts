/**
 * The kernel API a litmus test may call, one entry per name, after the kernel's
 * `tools/memory-model/linux-kernel.def` (as of Linux 7.x): each name is spelled out as
 * herd7's instructions with their annotations, so that READ_ONCE(*x) is a load{ONCE},
 * smp_load_acquire(x) a load{ACQUIRE}, atomic_inc(v) an atomic op{NORETURN} (a read and a
 * write), xchg() a {MB} exchange, and so on. A name not listed here is refused by name.
 *
 * An argument is written one of three ways, as in the .def file:
 * - `lval`: an lvalue `*e` (READ_ONCE(*x), WRITE_ONCE(*x, v), rcu_dereference(*p));
 *   the access is to the location `e` points to;
 * - `ptr`: a pointer (smp_load_acquire(x), atomic_inc(v), spin_lock(l));
 * - `val`: a value.
 *
 * `primitiveOrdering()` classifies a name for the scenarios' store buffers
 * (src/mechanisms/store-buffer.ts), so that the kernel API is described once.
 */
import { match } from 'ts-pattern';
import type { BinOp, Expr, FenceKind, StmtBody, Tag } from './program.js';

export type ArgKind = 'lval' | 'ptr' | 'val';

export type Lowered = { readonly kind: 'value'; readonly expr: Expr } | { readonly kind: 'stmts'; readonly body: readonly StmtBody[] };

export interface Primitive {
  readonly args: readonly ArgKind[];
  /** `lval`/`ptr` arguments arrive as the address expression. */
  build(args: readonly Expr[]): Lowered;
}

const arg = (a: readonly Expr[], i: number): Expr => a[i] ?? { k: 'const', v: 0 };
const value = (expr: Expr): Lowered => ({ kind: 'value', expr });
const stmts = (...body: StmtBody[]): Lowered => ({ kind: 'stmts', body });
const ONE: Expr = { k: 'const', v: 1 };

const load = (how: 'lval' | 'ptr', tag: Tag): Primitive => ({ args: [how], build: (a) => value({ k: 'load', addr: arg(a, 0), tag }) });
const store = (how: 'lval' | 'ptr', tag: Tag): Primitive => ({
  args: [how, 'val'],
  build: (a) => stmts({ k: 'store', addr: arg(a, 0), value: arg(a, 1), tag }),
});
const fence = (f: FenceKind): Primitive => ({ args: [], build: () => stmts({ k: 'fence', fence: f }) });

/** atomic_add(i, v): operand first, then the pointer. */
const atomicOp = (op: BinOp): Primitive => ({
  args: ['val', 'ptr'],
  build: (a) => stmts({ k: 'atomic-op', addr: arg(a, 1), op, operand: arg(a, 0), tag: 'NORETURN' }),
});
const atomicOp1 = (op: BinOp): Primitive => ({
  args: ['ptr'],
  build: (a) => stmts({ k: 'atomic-op', addr: arg(a, 0), op, operand: ONE, tag: 'NORETURN' }),
});
const rmw = (op: BinOp, returns: 'old' | 'new', tag: Tag): Primitive => ({
  args: ['val', 'ptr'],
  build: (a) => value({ k: 'rmw', addr: arg(a, 1), op, operand: arg(a, 0), returns, tag }),
});
const rmw1 = (op: BinOp, returns: 'old' | 'new', tag: Tag): Primitive => ({
  args: ['ptr'],
  build: (a) => value({ k: 'rmw', addr: arg(a, 0), op, operand: ONE, returns, tag }),
});
const xchg = (tag: Tag): Primitive => ({
  args: ['ptr', 'val'],
  build: (a) => value({ k: 'rmw', addr: arg(a, 0), op: 'xchg', operand: arg(a, 1), returns: 'old', tag }),
});
const cmpxchg = (tag: Tag): Primitive => ({
  args: ['ptr', 'val', 'val'],
  build: (a) => value({ k: 'cmpxchg', addr: arg(a, 0), expected: arg(a, 1), desired: arg(a, 2), tag }),
});
/** `atomic_dec_and_test(v)` and friends: a value-returning op compared with 0. */
const test = (p: Primitive, cmp: '==' | '<'): Primitive => ({
  args: p.args,
  build: (a) => {
    const inner = p.build(a);
    if (inner.kind !== 'value') return inner;
    return value({ k: 'bin', op: cmp, a: inner.expr, b: { k: 'const', v: 0 } });
  },
});

const ORDERINGS: readonly [string, Tag][] = [
  ['', 'MB'],
  ['_relaxed', 'ONCE'],
  ['_acquire', 'ACQUIRE'],
  ['_release', 'RELEASE'],
];

function table(): Map<string, Primitive> {
  const t = new Map<string, Primitive>([
    ['READ_ONCE', load('lval', 'ONCE')],
    ['WRITE_ONCE', store('lval', 'ONCE')],
    ['smp_store_release', store('ptr', 'RELEASE')],
    ['smp_load_acquire', load('ptr', 'ACQUIRE')],
    ['rcu_assign_pointer', store('lval', 'RELEASE')],
    ['rcu_dereference', load('lval', 'ONCE')],
    ['smp_store_mb', { args: ['lval', 'val'], build: (a) => stmts({ k: 'store', addr: arg(a, 0), value: arg(a, 1), tag: 'ONCE' }, { k: 'fence', fence: 'mb' }) }],
    ['smp_mb', fence('mb')],
    ['smp_rmb', fence('rmb')],
    ['smp_wmb', fence('wmb')],
    ['smp_mb__before_atomic', fence('before-atomic')],
    ['smp_mb__after_atomic', fence('after-atomic')],
    ['smp_mb__after_spinlock', fence('after-spinlock')],
    ['smp_mb__after_unlock_lock', fence('after-unlock-lock')],
    ['smp_mb__after_srcu_read_unlock', fence('after-srcu-read-unlock')],
    ['barrier', fence('barrier')],
    ['spin_lock', { args: ['ptr'], build: (a) => stmts({ k: 'lock', addr: arg(a, 0) }) }],
    ['spin_unlock', { args: ['ptr'], build: (a) => stmts({ k: 'unlock', addr: arg(a, 0) }) }],
    ['spin_trylock', { args: ['ptr'], build: (a) => value({ k: 'trylock', addr: arg(a, 0) }) }],
    ['spin_is_locked', { args: ['ptr'], build: (a) => value({ k: 'islocked', addr: arg(a, 0) }) }],
    ['rcu_read_lock', fence('rcu-lock')],
    ['rcu_read_unlock', fence('rcu-unlock')],
    ['synchronize_rcu', fence('sync-rcu')],
    ['synchronize_rcu_expedited', fence('sync-rcu')],
    ['srcu_read_lock', load('ptr', 'srcu-lock')],
    ['srcu_read_unlock', store('ptr', 'srcu-unlock')],
    ['srcu_down_read', load('ptr', 'srcu-lock')],
    ['srcu_up_read', store('ptr', 'srcu-unlock')],
    ['synchronize_srcu', { args: ['ptr'], build: (a) => stmts({ k: 'srcu-sync', addr: arg(a, 0) }) }],
    ['synchronize_srcu_expedited', { args: ['ptr'], build: (a) => stmts({ k: 'srcu-sync', addr: arg(a, 0) }) }],
    ['atomic_read', load('ptr', 'ONCE')],
    ['atomic_set', store('ptr', 'ONCE')],
    ['atomic_read_acquire', load('ptr', 'ACQUIRE')],
    ['atomic_set_release', store('ptr', 'RELEASE')],
    ['atomic_add', atomicOp('+')],
    ['atomic_sub', atomicOp('-')],
    ['atomic_and', atomicOp('&')],
    ['atomic_or', atomicOp('|')],
    ['atomic_xor', atomicOp('^')],
    ['atomic_andnot', atomicOp('&~')],
    ['atomic_inc', atomicOp1('+')],
    ['atomic_dec', atomicOp1('-')],
    ['atomic_add_unless', { args: ['ptr', 'val', 'val'], build: (a) => value({ k: 'add-unless', addr: arg(a, 0), add: arg(a, 1), unless: arg(a, 2), tag: 'MB' }) }],
  ]);
  for (const [suffix, tag] of ORDERINGS) {
    t.set(`atomic_add_return${suffix}`, rmw('+', 'new', tag));
    t.set(`atomic_sub_return${suffix}`, rmw('-', 'new', tag));
    t.set(`atomic_inc_return${suffix}`, rmw1('+', 'new', tag));
    t.set(`atomic_dec_return${suffix}`, rmw1('-', 'new', tag));
    for (const [name, op] of [['add', '+'], ['sub', '-'], ['and', '&'], ['or', '|'], ['xor', '^'], ['andnot', '&~']] as const) {
      t.set(`atomic_fetch_${name}${suffix}`, rmw(op, 'old', tag));
    }
    t.set(`atomic_fetch_inc${suffix}`, rmw1('+', 'old', tag));
    t.set(`atomic_fetch_dec${suffix}`, rmw1('-', 'old', tag));
    t.set(`xchg${suffix}`, xchg(tag));
    t.set(`atomic_xchg${suffix}`, xchg(tag));
    t.set(`cmpxchg${suffix}`, cmpxchg(tag));
    t.set(`atomic_cmpxchg${suffix}`, cmpxchg(tag));
    t.set(`atomic_add_negative${suffix}`, test(rmw('+', 'new', tag), '<'));
  }
  t.set('atomic_sub_and_test', test(rmw('-', 'new', 'MB'), '=='));
  t.set('atomic_dec_and_test', test(rmw1('-', 'new', 'MB'), '=='));
  t.set('atomic_inc_and_test', test(rmw1('+', 'new', 'MB'), '=='));
  return t;
}

const TABLE = table();

export function primitive(name: string): Primitive | null {
  return TABLE.get(name) ?? null;
}

/** Every name the table knows, sorted (for documentation and tests). */
export function primitiveNames(): string[] {
  return [...TABLE.keys()].sort();
}

/**
 * How a kernel primitive orders memory, for the scenarios' store buffers: a plain load or
 * store, a fully ordered ({MB}) read-modify-write, any other read-modify-write, or a fence.
 * null for a name the table does not know.
 */
export type PrimitiveOrdering = 'load' | 'store' | 'ordered-rmw' | 'unordered-rmw' | `fence-${FenceKind}`;

export function primitiveOrdering(name: string): PrimitiveOrdering | null {
  const p = primitive(name);
  if (p === null) return null;
  const lowered = p.build(p.args.map((): Expr => ({ k: 'const', v: 0 })));
  const first = lowered.kind === 'value' ? exprOrdering(lowered.expr) : stmtOrdering(lowered.body[0]);
  return first;
}

function exprOrdering(e: Expr): PrimitiveOrdering | null {
  return match(e)
    .returnType<PrimitiveOrdering | null>()
    .with({ k: 'load' }, () => 'load')
    .with({ k: 'rmw' }, { k: 'cmpxchg' }, { k: 'add-unless' }, (x) => (x.tag === 'MB' ? 'ordered-rmw' : 'unordered-rmw'))
    .with({ k: 'bin' }, (b) => exprOrdering(b.a))
    .with({ k: 'const' }, { k: 'reg' }, { k: 'un' }, { k: 'trylock' }, { k: 'islocked' }, () => null)
    .exhaustive();
}

function stmtOrdering(s: StmtBody | undefined): PrimitiveOrdering | null {
  if (s === undefined) return null;
  return match(s)
    .returnType<PrimitiveOrdering | null>()
    .with({ k: 'store' }, () => 'store')
    .with({ k: 'atomic-op' }, () => 'unordered-rmw')
    .with({ k: 'fence' }, (f) => `fence-${f.fence}`)
    .with({ k: 'assign' }, { k: 'eval' }, { k: 'lock' }, { k: 'unlock' }, { k: 'srcu-sync' }, { k: 'if' }, () => null)
    .exhaustive();
}
