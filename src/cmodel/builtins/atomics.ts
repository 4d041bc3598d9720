/**
 * Atomics and bit operations (Documentation/atomic_t.txt, atomic_bitops.txt): every
 * `atomic_*`, `atomic_long_*`, `atomic64_*` operation with its `_relaxed`/`_acquire`/
 * `_release`/fully ordered forms and value-returning or void forms, `xchg`/`cmpxchg`/
 * `try_cmpxchg` families, `set_bit`/`clear_bit`/`test_bit`/`test_and_*_bit`, and the non-atomic
 * `__set_bit`/`__clear_bit`/`__change_bit` (a load and a store). Non-value-
 * returning atomics are unordered; value-returning ones are fully ordered unless suffixed; a
 * failed cmpxchg orders nothing (its ordering is the relaxed one).
 */
import type { Expr } from '../../c/ast.js';
import { CError } from '../../c/error.js';
import { constant, reg, type RmwOp, type RmwOrder } from '../ir.js';
import type { Lowerer } from '../lower/lowerer.js';
import { exprText } from '../lower/text.js';
import type { MemPlace, RValue } from '../lower/values.js';
import { BOOL, VOID } from '../types.js';
import { pointee } from './memory.js';
import { arity, type BuiltinTable, type CallExpr } from './table.js';

const ORDER_SUFFIX: readonly [string, RmwOrder][] = [
  ['_relaxed', 'relaxed'],
  ['_acquire', 'acquire'],
  ['_release', 'release'],
];

function splitOrder(name: string): [string, RmwOrder | null] {
  for (const [suf, o] of ORDER_SUFFIX) if (name.endsWith(suf)) return [name.slice(0, -suf.length), o];
  return [name, null];
}

function rmw(lw: Lowerer, e: CallExpr, p: MemPlace, op: RmwOp, args: readonly RValue[], returns: 'old' | 'new' | null, order: RmwOrder): RValue {
  lw.checkScalar(p, e.loc);
  const dst = returns === null ? null : lw.em.temp(p.type);
  lw.em.emit({ op: 'rmw', dst, returns: returns ?? 'old', addr: lw.checkedAddr(p, e.loc), rmw: op, args: args.map((a) => a.val), order, loc: e.loc, text: exprText(e) });
  return dst === null ? { val: constant(0), type: VOID } : { val: reg(dst), type: p.type };
}

const ARITH: Record<string, RmwOp> = { add: 'add', sub: 'sub', and: 'and', or: 'or', xor: 'xor', andnot: 'andnot' };

/** atomic_<op>[_return|fetch_]... for the `atomic`, `atomic_long` and `atomic64` prefixes. */
function atomicCall(lw: Lowerer, e: CallExpr, op: string): RValue | undefined {
  const [base, suffixOrder] = splitOrder(op);
  const v = (i: number): Expr => {
    const a = e.args[i];
    if (a === undefined) throw new CError(e.loc, `${e.callee}() takes more arguments`);
    return a;
  };
  const unary = (name: string): [RmwOp, RValue] | null => (name === 'inc' ? ['add', one] : name === 'dec' ? ['sub', one] : null);
  const one: RValue = { val: constant(1), type: BOOL };
  const full = suffixOrder ?? 'full';
  if (base === 'read' || base === 'read_acquire') {
    arity(e, 1);
    return lw.load(pointee(lw, v(0)), base === 'read' ? 'once' : 'acquire', e.loc, exprText(e));
  }
  if (base === 'set' || base === 'set_release') {
    arity(e, 2);
    lw.store(pointee(lw, v(0)), lw.rvalue(v(1)), base === 'set' ? 'once' : 'release', e.loc, exprText(e));
    return { val: constant(0), type: VOID };
  }
  // void forms: atomic_add(i, v), atomic_inc(v): unordered, no suffix allowed.
  if (suffixOrder === null && ARITH[base] !== undefined) {
    arity(e, 2);
    const i = lw.rvalue(v(0));
    return rmw(lw, e, pointee(lw, v(1)), ARITH[base]!, [i], null, 'none');
  }
  if (suffixOrder === null && unary(base) !== null) {
    arity(e, 1);
    const [o, a] = unary(base)!;
    return rmw(lw, e, pointee(lw, v(0)), o, [a], null, 'none');
  }
  let m = /^(add|sub|and|or|xor|andnot)_return$/.exec(base);
  if (m !== null) {
    arity(e, 2);
    const i = lw.rvalue(v(0));
    return rmw(lw, e, pointee(lw, v(1)), ARITH[m[1]!]!, [i], 'new', full);
  }
  m = /^(inc|dec)_return$/.exec(base);
  if (m !== null) {
    arity(e, 1);
    const [o, a] = unary(m[1]!)!;
    return rmw(lw, e, pointee(lw, v(0)), o, [a], 'new', full);
  }
  m = /^fetch_(add|sub|and|or|xor|andnot)$/.exec(base);
  if (m !== null) {
    arity(e, 2);
    const i = lw.rvalue(v(0));
    return rmw(lw, e, pointee(lw, v(1)), ARITH[m[1]!]!, [i], 'old', full);
  }
  m = /^fetch_(inc|dec)$/.exec(base);
  if (m !== null) {
    arity(e, 1);
    const [o, a] = unary(m[1]!)!;
    return rmw(lw, e, pointee(lw, v(0)), o, [a], 'old', full);
  }
  m = /^(inc|dec)_and_test$/.exec(base);
  if (m !== null && suffixOrder === null) {
    arity(e, 1);
    const [o, a] = unary(m[1]!)!;
    const r = rmw(lw, e, pointee(lw, v(0)), o, [a], 'new', 'full');
    return lw.set(BOOL, [r.val], (x) => (x[0] === 0 ? 1 : 0), e.loc, '');
  }
  if (base === 'sub_and_test' && suffixOrder === null) {
    arity(e, 2);
    const i = lw.rvalue(v(0));
    const r = rmw(lw, e, pointee(lw, v(1)), 'sub', [i], 'new', 'full');
    return lw.set(BOOL, [r.val], (x) => (x[0] === 0 ? 1 : 0), e.loc, '');
  }
  if (base === 'xchg') {
    arity(e, 2);
    return rmw(lw, e, pointee(lw, v(0)), 'xchg', [lw.rvalue(v(1))], 'old', full);
  }
  if (base === 'cmpxchg') {
    arity(e, 3);
    const p = pointee(lw, v(0));
    return rmw(lw, e, p, 'cmpxchg', [lw.rvalue(v(1)), lw.rvalue(v(2))], 'old', full);
  }
  if (base === 'try_cmpxchg') return tryCmpxchg(lw, e, full);
  return undefined;
}

/** `try_cmpxchg(p, &old, new)`: true on success; on failure `old` gets the current value. */
function tryCmpxchg(lw: Lowerer, e: CallExpr, order: RmwOrder): RValue {
  arity(e, 3);
  const p = pointee(lw, e.args[0]!);
  const oldArg = e.args[1]!;
  if (oldArg.kind !== 'unary' || oldArg.op !== '&') throw new CError(oldArg.loc, `${e.callee}(ptr, &old, new): the second argument is the address of a local`);
  const oldPlace = lw.lvalue(oldArg.arg);
  const expected = lw.load(oldPlace, 'plain', e.loc, exprText(oldArg.arg));
  const seen = rmw(lw, e, p, 'cmpxchg', [expected, lw.rvalue(e.args[2]!)], 'old', order);
  const ok = lw.set(BOOL, [seen.val, expected.val], (x) => (x[0] === x[1] ? 1 : 0), e.loc, '');
  lw.store(oldPlace, seen, 'plain', e.loc, '');
  return ok;
}

function bitop(lw: Lowerer, e: CallExpr, kind: 'set' | 'clear' | 'change' | 'test' | 'test_and_set' | 'test_and_clear' | 'test_and_change', order: RmwOrder): RValue {
  arity(e, 2);
  const nr = lw.rvalue(e.args[0]!);
  const p = pointee(lw, e.args[1]!);
  if (kind === 'test') {
    const w = lw.load(p, 'once', e.loc, exprText(e));
    return lw.set(BOOL, [w.val, nr.val], (x) => (x[0]! >> x[1]!) & 1, e.loc, '');
  }
  const mask = lw.set(p.type, [nr.val], (x) => 1 << x[0]!, e.loc, '');
  const op: RmwOp = kind.endsWith('set') ? 'or' : kind.endsWith('clear') ? 'andnot' : 'xor';
  const returns = kind.startsWith('test_and') ? 'old' : null;
  const r = rmw(lw, e, p, op, [mask], returns, order);
  if (returns === null) return r;
  return lw.set(BOOL, [r.val, nr.val], (x) => (x[0]! >> x[1]!) & 1, e.loc, '');
}

/**
 * `__set_bit()`, `__clear_bit()`, `__change_bit()`: the non-atomic forms (atomic_bitops.txt:
 * "non-RMW"): a plain load of the word, then a plain store of it changed, two accesses another
 * CPU may come between (a concurrent update of the word can be lost), the store as any plain
 * store under tso/weak (x86's `bts` without `lock` goes through the store buffer).
 */
function nonAtomicBitop(lw: Lowerer, e: CallExpr, kind: 'set' | 'clear' | 'change'): RValue {
  arity(e, 2);
  const nr = lw.rvalue(e.args[0]!);
  const p = pointee(lw, e.args[1]!);
  const old = lw.load(p, 'plain', e.loc, exprText(e));
  const change = kind === 'set' ? (w: number, b: number) => w | (1 << b) : kind === 'clear' ? (w: number, b: number) => w & ~(1 << b) : (w: number, b: number) => w ^ (1 << b);
  const next = lw.set(p.type, [old.val, nr.val], (x) => change(x[0]!, x[1]!), e.loc, '');
  lw.store(p, next, 'plain', e.loc, exprText(e));
  return { val: constant(0), type: VOID };
}

const BIT_OPS: BuiltinTable = {
  set_bit: (lw, e) => bitop(lw, e, 'set', 'none'),
  clear_bit: (lw, e) => bitop(lw, e, 'clear', 'none'),
  change_bit: (lw, e) => bitop(lw, e, 'change', 'none'),
  __set_bit: (lw, e) => nonAtomicBitop(lw, e, 'set'),
  __clear_bit: (lw, e) => nonAtomicBitop(lw, e, 'clear'),
  __change_bit: (lw, e) => nonAtomicBitop(lw, e, 'change'),
  test_bit: (lw, e) => bitop(lw, e, 'test', 'none'),
  test_and_set_bit: (lw, e) => bitop(lw, e, 'test_and_set', 'full'),
  test_and_clear_bit: (lw, e) => bitop(lw, e, 'test_and_clear', 'full'),
  test_and_change_bit: (lw, e) => bitop(lw, e, 'test_and_change', 'full'),
  test_and_set_bit_lock: (lw, e) => bitop(lw, e, 'test_and_set', 'acquire'),
  clear_bit_unlock: (lw, e) => bitop(lw, e, 'clear', 'release'),
};

/** Resolves `atomic_*`, `atomic_long_*`, `atomic64_*`, `xchg*`, `cmpxchg*`, `try_cmpxchg*` and bit operations. */
export function lowerAtomic(lw: Lowerer, e: CallExpr): RValue | undefined {
  const bit = BIT_OPS[e.callee];
  if (bit !== undefined) return bit(lw, e);
  const m = /^(?:atomic64|atomic_long|atomic)_(.+)$/.exec(e.callee);
  if (m !== null) {
    const r = atomicCall(lw, e, m[1]!);
    if (r === undefined) throw new CError(e.calleeLoc, `unknown atomic operation '${e.callee}' (see atomic_t.txt; supported: read, set, add/sub/inc/dec/and/or/xor/andnot with _return/fetch_ and _relaxed/_acquire/_release, inc/dec/sub_and_test, xchg, cmpxchg, try_cmpxchg)`);
    return r;
  }
  const [base, order] = splitOrder(e.callee);
  if (base === 'xchg' || base === 'cmpxchg' || base === 'try_cmpxchg') return atomicCall(lw, e, e.callee);
  void order;
  return undefined;
}
