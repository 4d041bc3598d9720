/**
 * cpumask operations (include/linux/cpumask.h). A mask's bit for CPU c is a byte in c's block
 * (src/cmodel/storage.ts); an operation over the whole mask reads or writes each CPU's bit in
 * CPU order. `cpu_online_mask`, `cpu_possible_mask` and `cpu_present_mask` hold every CPU of
 * the model, unless it declares HOTPLUG(...): then the online mask (and `cpu_online()`,
 * `num_online_cpus()`) is read from memory, which only `set_cpu_online()` changes (the
 * prelude's take_cpu_down(), ../build/hotplug.ts).
 */
import type { Expr } from '../../c/ast.js';
import { CError } from '../../c/error.js';
import { constant } from '../ir.js';
import type { Lowerer } from '../lower/lowerer.js';
import { exprText } from '../lower/text.js';
import type { MemPlace, RValue } from '../lower/values.js';
import { BOOL, INT } from '../types.js';
import { BUILTIN_MASKS, HOTPLUG_MASKS, ONLINE_MASK_OBJECT } from '../symbols.js';
import { VOID_RESULT, arity, type BuiltinTable, type CallExpr } from './table.js';

/** The mask an argument names: a cpumask place, a pointer to one, or 'all' (every CPU). */
export function cpumaskPlace(lw: Lowerer, e: Expr): MemPlace | 'all' {
  if (e.kind === 'ident' && BUILTIN_MASKS[e.name] !== undefined && lw.em.lookup(e.name) === undefined) {
    return lw.env.hotplug === true && HOTPLUG_MASKS.has(e.name) ? onlineMask(lw, e) : 'all';
  }
  if (e.kind === 'unary' && e.op === '&') return asMask(lw, lw.lvalue(e.arg), e);
  if (e.kind === 'call' && e.callee === 'mm_cpumask') {
    arity(e, 1);
    // include/linux/mm_types.h: mm_cpumask(mm) is &mm->cpu_bitmap.
    const mm = lw.deref(lw.rvalue(e.args[0]!), e.loc, exprText(e.args[0]!));
    if (mm.k !== 'mem' || mm.type.kind !== 'struct' || mm.type.name !== 'mm_struct') throw new CError(e.loc, 'mm_cpumask() takes a struct mm_struct *');
    return asMask(lw, { ...lw.memberOf(mm, 'cpu_bitmap', e.loc), name: `mm_cpumask(${exprText(e.args[0]!)})` }, e);
  }
  if (e.kind === 'call' && e.callee !== 'per_cpu') return asMask(lw, lw.deref(lw.rvalue(e), e.loc, exprText(e)), e);
  const lv = lw.lvalue(e);
  if (lv.k === 'reg') {
    const v = lw.localValue(lv.local);
    return asMask(lw, lw.deref(v, e.loc, exprText(e)), e);
  }
  if (lv.type.kind === 'pointer') return asMask(lw, lw.deref(lw.load(lv, 'plain', e.loc, exprText(e)), e.loc, exprText(e)), e);
  return asMask(lw, lv, e);
}

/** `__cpu_online_mask` itself (a model with HOTPLUG). */
function onlineMask(lw: Lowerer, at: Expr): MemPlace {
  return asMask(lw, lw.lvalue({ kind: 'ident', name: ONLINE_MASK_OBJECT, loc: at.loc }), at);
}

function asMask(_lw: Lowerer, lv: ReturnType<Lowerer['lvalue']>, e: Expr): MemPlace {
  if (lv.k !== 'mem' || lv.type.kind !== 'cpumask') throw new CError(e.loc, `'${exprText(e)}' is not a cpumask`);
  return lv;
}

function bit(lw: Lowerer, mask: MemPlace, cpu: RValue, e: CallExpr): MemPlace {
  const p = lw.indexOf(mask, cpu, e.loc);
  if (p.k !== 'mem') throw new CError(e.loc, 'cpumask bit');
  return p;
}

function writable(lw: Lowerer, e: Expr): MemPlace {
  const m = cpumaskPlace(lw, e);
  if (m === 'all' || isOnlineMask(lw, m)) throw new CError(e.loc, `'${exprText(e)}' cannot be changed here: it is const in the kernel (a model with HOTPLUG(...) takes CPUs offline with set_cpu_online())`);
  return m;
}

function isOnlineMask(lw: Lowerer, m: MemPlace): boolean {
  return m.addr.k === 'obj' && lw.env.sym.objects[m.addr.obj]!.name === ONLINE_MASK_OBJECT;
}

/** Applies `f` to each CPU's bit, in CPU order. */
function eachCpu(lw: Lowerer, f: (cpu: RValue) => void): void {
  for (let c = 0; c < lw.env.cpus; c++) f({ val: constant(c), type: INT, cpuValued: true });
}

function readBit(lw: Lowerer, mask: MemPlace | 'all', cpu: RValue, e: CallExpr): RValue {
  if (mask === 'all') return { val: constant(1), type: BOOL };
  return lw.load(bit(lw, mask, cpu, e), 'plain', e.loc, exprText(e));
}

/** The number of CPUs whose bit is set (cpumask_weight()). */
function weight(lw: Lowerer, m: MemPlace | 'all', e: CallExpr): RValue {
  let n: RValue = { val: constant(0), type: INT };
  eachCpu(lw, (cpu) => {
    const x = readBit(lw, m, cpu, e);
    n = lw.set(INT, [n.val, x.val], (v) => v[0]! + v[1]!, e.loc, '');
  });
  return n;
}

/** dst = f(a, b) bit by bit; returns whether dst is non-empty (cpumask_and()'s result). */
function combine(lw: Lowerer, e: CallExpr, f: (a: number, b: number) => number): RValue {
  arity(e, 3);
  const dst = writable(lw, e.args[0]!);
  const a = cpumaskPlace(lw, e.args[1]!);
  const b = cpumaskPlace(lw, e.args[2]!);
  let any: RValue = { val: constant(0), type: BOOL };
  eachCpu(lw, (cpu) => {
    const x = readBit(lw, a, cpu, e);
    const y = readBit(lw, b, cpu, e);
    const r = lw.set(BOOL, [x.val, y.val], (v) => f(v[0]!, v[1]!), e.loc, '');
    lw.store(bit(lw, dst, cpu, e), r, 'plain', e.loc, exprText(e));
    any = lw.set(BOOL, [any.val, r.val], (v) => (v[0]! | v[1]!) & 1, e.loc, '');
  });
  return any;
}

export const cpumaskBuiltins: BuiltinTable = {
  cpumask_set_cpu: (lw, e) => atomicBit(lw, e, 1),
  cpumask_clear_cpu: (lw, e) => atomicBit(lw, e, 0),
  cpumask_test_cpu: (lw, e) => {
    arity(e, 2);
    return readBit(lw, cpumaskPlace(lw, e.args[1]!), lw.rvalue(e.args[0]!), e);
  },
  cpumask_test_and_set_cpu: (lw, e) => testAndSet(lw, e, 1),
  cpumask_test_and_clear_cpu: (lw, e) => testAndSet(lw, e, 0),
  cpumask_clear: (lw, e) => {
    arity(e, 1);
    const m = writable(lw, e.args[0]!);
    eachCpu(lw, (cpu) => lw.store(bit(lw, m, cpu, e), { val: constant(0), type: BOOL }, 'plain', e.loc, exprText(e)));
    return VOID_RESULT;
  },
  cpumask_setall: (lw, e) => {
    arity(e, 1);
    const m = writable(lw, e.args[0]!);
    eachCpu(lw, (cpu) => lw.store(bit(lw, m, cpu, e), { val: constant(1), type: BOOL }, 'plain', e.loc, exprText(e)));
    return VOID_RESULT;
  },
  cpumask_copy: (lw, e) => {
    arity(e, 2);
    const dst = writable(lw, e.args[0]!);
    const src = cpumaskPlace(lw, e.args[1]!);
    eachCpu(lw, (cpu) => lw.store(bit(lw, dst, cpu, e), readBit(lw, src, cpu, e), 'plain', e.loc, exprText(e)));
    return VOID_RESULT;
  },
  cpumask_and: (lw, e) => combine(lw, e, (a, b) => a & b),
  cpumask_andnot: (lw, e) => combine(lw, e, (a, b) => a & (b ^ 1)),
  cpumask_or: (lw, e) => combine(lw, e, (a, b) => a | b),
  cpumask_empty: (lw, e) => {
    arity(e, 1);
    const m = cpumaskPlace(lw, e.args[0]!);
    let any: RValue = { val: constant(0), type: BOOL };
    eachCpu(lw, (cpu) => {
      const x = readBit(lw, m, cpu, e);
      any = lw.set(BOOL, [any.val, x.val], (v) => (v[0]! | v[1]!) & 1, e.loc, '');
    });
    return lw.set(BOOL, [any.val], (v) => v[0]! ^ 1, e.loc, '');
  },
  cpumask_weight: (lw, e) => {
    arity(e, 1);
    return weight(lw, cpumaskPlace(lw, e.args[0]!), e);
  },
  cpumask_first: (lw, e) => {
    arity(e, 1);
    return firstFrom(lw, e, cpumaskPlace(lw, e.args[0]!), { val: constant(0), type: INT });
  },
  cpumask_next: (lw, e) => {
    arity(e, 2);
    const n = lw.rvalue(e.args[0]!);
    return firstFrom(lw, e, cpumaskPlace(lw, e.args[1]!), lw.set(INT, [n.val], (v) => v[0]! + 1, e.loc, ''));
  },
  // mm_cpumask(mm) as a value: a pointer to the mm's cpumask (passed on to a function).
  mm_cpumask: (lw, e) => {
    const m = cpumaskPlace(lw, e);
    if (m === 'all') throw new CError(e.loc, 'mm_cpumask()');
    return lw.pointerTo(m, e.loc);
  },
  num_online_cpus: (lw, e) => {
    arity(e, 0);
    return lw.env.hotplug === true ? weight(lw, onlineMask(lw, e), e) : { val: constant(lw.env.cpus), type: INT };
  },
  cpu_online: (lw, e) => {
    arity(e, 1);
    const cpu = lw.rvalue(e.args[0]!);
    if (lw.env.hotplug !== true) return { val: constant(1), type: BOOL };
    return readBit(lw, onlineMask(lw, e), cpu, e);
  },
  // include/linux/cpumask.h: set_cpu_online() (what __cpu_disable() calls on the dying CPU)
  set_cpu_online: (lw, e) => {
    arity(e, 2);
    if (lw.env.hotplug !== true) throw new CError(e.loc, 'set_cpu_online() needs HOTPLUG(CPU(k), ...) in the model: without it every CPU stays online');
    const v = lw.rvalue(e.args[1]!);
    const b = lw.set(BOOL, [v.val], (a) => (a[0] !== 0 ? 1 : 0), e.loc, '');
    lw.store(bit(lw, onlineMask(lw, e), lw.rvalue(e.args[0]!), e), b, 'once', e.loc, exprText(e));
    return VOID_RESULT;
  },
};

/** The first CPU >= from whose bit is set, or nr_cpu_ids. */
function firstFrom(lw: Lowerer, e: CallExpr, m: MemPlace | 'all', from: RValue): RValue {
  let found: RValue = { val: constant(lw.env.cpus), type: INT, cpuValued: true };
  for (let c = lw.env.cpus - 1; c >= 0; c--) {
    const x = readBit(lw, m, { val: constant(c), type: INT, cpuValued: true }, e);
    const cc = c;
    found = lw.set(INT, [x.val, from.val, found.val], (v) => (v[0] !== 0 && cc >= v[1]! ? cc : v[2]!), e.loc, '', true);
  }
  return found;
}

/**
 * cpumask_set_cpu() and cpumask_clear_cpu() are set_bit() and clear_bit(): atomic, with no
 * ordering of their own in the kernel's memory model, but a locked instruction on x86, which
 * drains the store buffer (switch_mm_irqs_off() relies on it: "Rely on the smp_mb() implied by
 * cpumask_set_cpu()'s atomic operation"). An unordered RMW is both (src/mechanisms/store-buffer.ts).
 */
function atomicBit(lw: Lowerer, e: CallExpr, to: 0 | 1): RValue {
  arity(e, 2);
  const p = bit(lw, writable(lw, e.args[1]!), lw.rvalue(e.args[0]!), e);
  lw.em.emit({ op: 'rmw', dst: null, returns: 'old', addr: lw.checkedAddr(p, e.loc), rmw: 'xchg', args: [constant(to)], order: 'none', loc: e.loc, text: exprText(e) });
  return VOID_RESULT;
}

function testAndSet(lw: Lowerer, e: CallExpr, to: 0 | 1): RValue {
  arity(e, 2);
  const p = bit(lw, writable(lw, e.args[1]!), lw.rvalue(e.args[0]!), e);
  const dst = lw.em.temp(BOOL);
  lw.em.emit({ op: 'rmw', dst, returns: 'old', addr: lw.checkedAddr(p, e.loc), rmw: 'xchg', args: [constant(to)], order: 'full', loc: e.loc, text: exprText(e) });
  return { val: { k: 'r', r: dst }, type: BOOL };
}
