/**
 * Per-CPU data and the CPU's identity (include/linux/percpu-defs.h, smp.h): per_cpu(),
 * per_cpu_ptr(), this_cpu_ptr(), this_cpu_read/write/inc/dec/add/sub/cmpxchg() and their
 * `__`/`raw_` forms, smp_processor_id(), get_cpu()/put_cpu().
 *
 * Preemption: in a model of roles a CPU runs one thread of code, never preempted by another,
 * so preempt_disable()/preempt_enable() and migrate_disable()/migrate_enable() change nothing
 * that can be observed and compile to nothing (interrupts are modelled: see local_irq_*). In a
 * model with tasks (TASK(...), ../build/tasks.ts) they count: the task's preempt count
 * (include/linux/preempt.h: preempt_disable(), preempt_enable()), get_cpu()/put_cpu() taking
 * and dropping it around smp_processor_id() (include/linux/smp.h), and the migrate-disable
 * count (kernel/sched/core.c: migrate_disable(), migrate_enable()).
 */
import { CError } from '../../c/error.js';
import { constant, type CpuSel, type RmwOp, type Val } from '../ir.js';
import type { TaskOp } from '../build/tasks.js';
import type { Lowerer } from '../lower/lowerer.js';
import { exprText } from '../lower/text.js';
import type { LValue, MemPlace, RValue } from '../lower/values.js';
import { INT } from '../types.js';
import { VOID_RESULT, arity, type BuiltinTable, type CallExpr } from './table.js';

const SELF: CpuSel = { k: 'self' };

function cpuSel(lw: Lowerer, e: CallExpr, i: number): CpuSel {
  const v = lw.rvalue(e.args[i]!);
  return { k: 'cpu', v: v.val };
}

/** The per-CPU variable named by an argument (`x`, `x.field`), given its CPU. */
function perCpuPlace(lw: Lowerer, e: CallExpr, argIndex: number, cpu: CpuSel): MemPlace {
  const arg = e.args[argIndex]!;
  const root = rootIdent(arg);
  if (root === null) throw new CError(arg.loc, `${e.callee}() needs a per-CPU variable, got '${exprText(arg)}'`);
  const lv = lw.lvalue(arg);
  if (lv.k !== 'mem' || lv.addr.k !== 'obj') throw new CError(arg.loc, `'${exprText(arg)}' is not a per-CPU variable`);
  if (lv.addr.cpu !== null || !lw.env.sym.objects[lv.addr.obj]!.perCpu) throw new CError(arg.loc, `'${exprText(arg)}' is not a per-CPU variable`);
  return { ...lv, addr: { ...lv.addr, cpu } };
}

function rootIdent(e: CallExpr['args'][number]): string | null {
  if (e.kind === 'ident') return e.name;
  if (e.kind === 'member' && !e.arrow) return rootIdent(e.object);
  if (e.kind === 'index') return rootIdent(e.array);
  return null;
}

/** `per_cpu_ptr(p, cpu)` / `this_cpu_ptr(p)`: `p` is `&x` (x per-CPU) or a pointer with a known per-CPU target. */
function perCpuPointer(lw: Lowerer, e: CallExpr, cpu: CpuSel): RValue {
  const p = lw.rvalue(e.args[0]!);
  if (p.points === undefined || p.points.k !== 'obj' || !lw.env.sym.objects[p.points.obj]!.perCpu || p.points.cpu !== null) {
    throw new CError(e.args[0]!.loc, `${e.callee}() takes the address of a per-CPU variable (&x), got '${exprText(e.args[0]!)}'`);
  }
  const place: MemPlace = { k: 'mem', addr: { ...p.points, cpu }, type: p.type.kind === 'pointer' ? p.type.to : p.type, name: `${e.callee}(${exprText(e.args[0]!)})` };
  return lw.pointerTo(place, e.loc);
}

function thisCpuRmw(op: RmwOp, defaultArg: number | null): (lw: Lowerer, e: CallExpr) => RValue {
  return (lw, e) => {
    arity(e, defaultArg === null ? 2 : 1);
    const p = perCpuPlace(lw, e, 0, SELF);
    const v = defaultArg === null ? lw.rvalue(e.args[1]!) : { val: constant(defaultArg), type: INT };
    lw.em.emit({ op: 'rmw', dst: null, returns: 'new', addr: p.addr, rmw: op, args: [v.val], order: 'none', loc: e.loc, text: exprText(e) });
    return VOID_RESULT;
  };
}

const read = (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, 1);
  return lw.load(perCpuPlace(lw, e, 0, SELF), 'once', e.loc, exprText(e));
};
const write = (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, 2);
  lw.store(perCpuPlace(lw, e, 0, SELF), lw.rvalue(e.args[1]!), 'once', e.loc, exprText(e));
  return VOID_RESULT;
};
const cpuId = (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, 0);
  return lw.cpuid(e.loc);
};
/** A task's count (../build/tasks.ts TASK_OPS); nothing in a model of roles. */
export function taskCount(lw: Lowerer, e: CallExpr, op: TaskOp, args: readonly Val[] = []): void {
  if (lw.env.tasks !== true) return;
  lw.em.emit({ op: 'hw', name: op, args, dst: null, addrs: [], loc: e.loc, text: exprText(e) });
}

const counted = (op: TaskOp) => (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, 0);
  taskCount(lw, e, op);
  return VOID_RESULT;
};

export const percpuBuiltins: BuiltinTable = {
  per_cpu_ptr: (lw, e) => {
    arity(e, 2);
    return perCpuPointer(lw, e, cpuSel(lw, e, 1));
  },
  this_cpu_ptr: (lw, e) => {
    arity(e, 1);
    return perCpuPointer(lw, e, SELF);
  },
  raw_cpu_ptr: (lw, e) => {
    arity(e, 1);
    return perCpuPointer(lw, e, SELF);
  },
  this_cpu_read: read,
  __this_cpu_read: read,
  raw_cpu_read: read,
  this_cpu_write: write,
  __this_cpu_write: write,
  raw_cpu_write: write,
  this_cpu_inc: thisCpuRmw('add', 1),
  this_cpu_dec: thisCpuRmw('sub', 1),
  __this_cpu_inc: thisCpuRmw('add', 1),
  __this_cpu_dec: thisCpuRmw('sub', 1),
  this_cpu_add: thisCpuRmw('add', null),
  this_cpu_sub: thisCpuRmw('sub', null),
  this_cpu_and: thisCpuRmw('and', null),
  this_cpu_or: thisCpuRmw('or', null),
  __this_cpu_add: thisCpuRmw('add', null),
  __this_cpu_sub: thisCpuRmw('sub', null),
  __this_cpu_and: thisCpuRmw('and', null),
  __this_cpu_or: thisCpuRmw('or', null),
  smp_processor_id: cpuId,
  raw_smp_processor_id: cpuId,
  get_cpu: (lw, e) => {
    arity(e, 0);
    taskCount(lw, e, 'preempt_count_inc');
    return lw.cpuid(e.loc);
  },
  put_cpu: counted('preempt_count_dec'),
  preempt_disable: counted('preempt_count_inc'),
  preempt_enable: counted('preempt_count_dec'),
  preempt_enable_no_resched: counted('preempt_count_dec'),
  migrate_disable: counted('migrate_disable_inc'),
  migrate_enable: counted('migrate_disable_dec'),
};

/** `per_cpu(x, cpu)` as a place. */
export function perCpuAsPlace(lw: Lowerer, e: CallExpr): LValue | undefined {
  if (e.callee !== 'per_cpu') return undefined;
  arity(e, 2);
  return perCpuPlace(lw, e, 0, cpuSel(lw, e, 1));
}
