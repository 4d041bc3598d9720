/**
 * Marked accesses and barriers (tools/memory-model/linux-kernel.def names): READ_ONCE,
 * WRITE_ONCE, smp_load_acquire, smp_store_release, smp_store_mb, smp_mb, smp_wmb, smp_rmb,
 * smp_mb__before_atomic, smp_mb__after_atomic, barrier, cpu_relax, and the blocking waits
 * smp_cond_load_acquire / smp_cond_load_relaxed (`VAL` names the loaded value).
 */
import type { Expr } from '../../c/ast.js';
import { CError } from '../../c/error.js';
import { reg, type FenceKind } from '../ir.js';
import type { Lowerer } from '../lower/lowerer.js';
import { readOnly } from '../lower/stmt.js';
import { exprText } from '../lower/text.js';
import type { MemPlace, RValue } from '../lower/values.js';
import { BOOL } from '../types.js';
import { VOID_RESULT, arity, type BuiltinTable } from './table.js';

/** The place an argument written as a pointer (`&x`, `p`) points to. */
export function pointee(lw: Lowerer, e: Expr): MemPlace {
  const lv = lw.deref(lw.rvalue(e), e.loc, exprText(e));
  if (lv.k !== 'mem') throw new CError(e.loc, `'${exprText(e)}' does not point to memory`);
  return lv;
}

/** The place an argument written as an lvalue (`x`, `*p`, `s->f`) names. */
export function place(lw: Lowerer, e: Expr): MemPlace | null {
  const lv = lw.lvalue(e);
  return lv.k === 'mem' ? lv : null;
}

function fence(kind: FenceKind): BuiltinTable[string] {
  return (lw, e) => {
    arity(e, 0);
    lw.em.emit({ op: 'fence', kind, loc: e.loc, text: `${e.callee}()` });
    return VOID_RESULT;
  };
}

export const memoryBuiltins: BuiltinTable = {
  READ_ONCE: (lw, e) => {
    arity(e, 1);
    const lv = lw.lvalue(e.args[0]!);
    return lv.k === 'reg' ? lw.localValue(lv.local) : lw.load(lv, 'once', e.loc, exprText(e));
  },
  WRITE_ONCE: (lw, e) => {
    arity(e, 2);
    const lv = lw.lvalue(e.args[0]!);
    const v = lw.rvalue(e.args[1]!);
    lw.store(lv, v, 'once', e.loc, exprText(e));
    return VOID_RESULT;
  },
  smp_load_acquire: (lw, e) => {
    arity(e, 1);
    return lw.load(pointee(lw, e.args[0]!), 'acquire', e.loc, exprText(e));
  },
  smp_store_release: (lw, e) => {
    arity(e, 2);
    const p = pointee(lw, e.args[0]!);
    lw.store(p, lw.rvalue(e.args[1]!), 'release', e.loc, exprText(e));
    return VOID_RESULT;
  },
  smp_store_mb: (lw, e) => {
    arity(e, 2);
    const lv = lw.lvalue(e.args[0]!);
    lw.store(lv, lw.rvalue(e.args[1]!), 'once', e.loc, exprText(e));
    lw.em.emit({ op: 'fence', kind: 'mb', loc: e.loc, text: 'smp_store_mb(): smp_mb()' });
    return VOID_RESULT;
  },
  smp_mb: fence('mb'),
  mb: fence('mb'),
  smp_wmb: fence('wmb'),
  wmb: fence('wmb'),
  smp_rmb: fence('rmb'),
  rmb: fence('rmb'),
  smp_mb__before_atomic: fence('before-atomic'),
  smp_mb__after_atomic: fence('after-atomic'),
  smp_mb__after_spinlock: fence('mb'),
  smp_mb__after_unlock_lock: fence('mb'),
  smp_acquire__after_ctrl_dep: fence('acquire'),
  barrier: (_lw, e) => {
    arity(e, 0);
    return VOID_RESULT;
  },
  cpu_relax: (_lw, e) => {
    arity(e, 0);
    return VOID_RESULT;
  },
  // include/linux/compiler.h: a branch hint, `!!(x)`; data_race(): the access as written, unmarked.
  likely: branchHint,
  unlikely: branchHint,
  data_race: (lw, e) => {
    arity(e, 1);
    return lw.rvalue(e.args[0]!);
  },
  // include/linux/rcupdate.h: the rcu_dereference() family reads the pointer with READ_ONCE();
  // what is read through it is ordered by the address dependency, and these memory models never
  // reorder loads. The _check()/_protected() condition is lockdep's and is not evaluated.
  rcu_dereference: rcuDereference(1),
  rcu_dereference_raw: rcuDereference(1),
  rcu_dereference_sched: rcuDereference(1),
  rcu_access_pointer: rcuDereference(1),
  rcu_dereference_check: rcuDereference(2),
  rcu_dereference_protected: rcuDereference(2),
  // rcu_assign_pointer(): smp_store_release() of the pointer; RCU_INIT_POINTER(): WRITE_ONCE().
  rcu_assign_pointer: rcuStore('release'),
  RCU_INIT_POINTER: rcuStore('once'),
  smp_cond_load_acquire: (lw, e) => condLoad(lw, e, 'acquire'),
  smp_cond_load_relaxed: (lw, e) => condLoad(lw, e, 'once'),
};

/** `likely(x)`, `unlikely(x)`: `!!(x)`. */
function branchHint(lw: Lowerer, e: Extract<Expr, { kind: 'call' }>): RValue {
  arity(e, 1);
  return { val: lw.truth(lw.rvalue(e.args[0]!), e.loc), type: BOOL };
}

function rcuDereference(args: number): BuiltinTable[string] {
  return (lw, e) => {
    arity(e, args);
    const p = place(lw, e.args[0]!);
    if (p === null) throw new CError(e.args[0]!.loc, `${e.callee}() reads a pointer in memory, not the local '${exprText(e.args[0]!)}'`);
    return lw.load(p, 'once', e.loc, exprText(e));
  };
}

function rcuStore(kind: 'release' | 'once'): BuiltinTable[string] {
  return (lw, e) => {
    arity(e, 2);
    const p = place(lw, e.args[0]!);
    if (p === null) throw new CError(e.args[0]!.loc, `${e.callee}() publishes a pointer in memory, not the local '${exprText(e.args[0]!)}'`);
    lw.store(p, lw.rvalue(e.args[1]!), kind, e.loc, exprText(e));
    return VOID_RESULT;
  };
}

/** `smp_cond_load_acquire(ptr, cond)`: one blocking step; returns the value that made cond true. */
function condLoad(lw: Lowerer, e: Extract<Expr, { kind: 'call' }>, kind: 'acquire' | 'once'): RValue {
  arity(e, 2);
  const p = pointee(lw, e.args[0]!);
  lw.checkScalar(p, e.loc);
  const val = lw.em.newReg(`${lw.em.currentFn()}.VAL`, p.type);
  const { instrs, result } = lw.em.capture(() => {
    lw.em.emit({ op: 'load', dst: val, addr: lw.checkedAddr(p, e.loc), kind, loc: e.loc, text: `${e.callee}(${exprText(e.args[0]!)})` });
    lw.em.pushScope();
    lw.em.declare('VAL', { k: 'reg', reg: val, type: p.type }, e.loc);
    const c = lw.truth(lw.rvalue(e.args[1]!), e.loc);
    lw.em.popScope();
    return c;
  });
  if (!instrs.every(readOnly)) throw new CError(e.args[1]!.loc, `the condition of ${e.callee}() may only read`);
  lw.em.emit({ op: 'wait', cond: instrs, test: result, loc: e.loc, text: exprText(e) });
  return { val: reg(val), type: p.type };
}

export { BOOL };
