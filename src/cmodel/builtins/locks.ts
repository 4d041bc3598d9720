/**
 * Locks as the kernel's API writes them: spinlocks (`spin_lock`, `spin_unlock`,
 * `spin_trylock`, `spin_is_locked`, the `raw_`, `_irq` and `_irqsave`/`_irqrestore` forms) and
 * read-write semaphores (`down_read`/`up_read`/`down_write`/`up_write`, and the mm's
 * `mmap_read_lock`/`mmap_write_lock` and their unlocks).
 *
 * A spinlock is a `spinlock_t` (0 free, 1 held). Taking it is one step, enabled when it is free,
 * with acquire ordering; releasing it is a release store. An rw_semaphore is an
 * `struct rw_semaphore` value: the number of readers, or -1 while a writer holds it; taking it
 * waits as the semaphore would sleep. Fairness and queueing are not modelled: a waiter may be
 * overtaken, which only adds schedules.
 */
import type { Expr } from '../../c/ast.js';
import { CError } from '../../c/error.js';
import { constant } from '../ir.js';
import type { Lowerer } from '../lower/lowerer.js';
import { exprText } from '../lower/text.js';
import type { MemPlace, RValue } from '../lower/values.js';
import { BOOL } from '../types.js';
import { pointee } from './memory.js';
import { taskCount } from './percpu.js';
import { VOID_RESULT, arity, type BuiltinTable, type CallExpr } from './table.js';

/** One step: wait until `free(value)`, then store `taken(value)` (acquire). */
function acquire(lw: Lowerer, e: CallExpr, p: MemPlace, free: (v: number) => boolean, taken: (v: number) => number, label: string): void {
  lw.checkScalar(p, e.loc);
  lw.em.emit({ op: 'atomic-begin', reason: `${label}: taking a lock is one atomic step`, loc: e.loc, text: exprText(e) });
  const val = lw.em.temp(p.type);
  const { instrs, result } = lw.em.capture(() => {
    lw.em.emit({ op: 'load', dst: val, addr: lw.checkedAddr(p, e.loc), kind: 'acquire', loc: e.loc, text: exprText(e) });
    return lw.set(BOOL, [{ k: 'r', r: val }], (a) => (free(a[0]!) ? 1 : 0), e.loc, '').val;
  });
  lw.em.emit({ op: 'wait', cond: instrs, test: result, loc: e.loc, text: exprText(e) });
  const nv = lw.set(p.type, [{ k: 'r', r: val }], (a) => taken(a[0]!), e.loc, '');
  lw.em.emit({ op: 'store', addr: lw.checkedAddr(p, e.loc), val: nv.val, kind: 'plain', loc: e.loc, text: exprText(e) });
  lw.em.emit({ op: 'atomic-end', loc: e.loc, text: '' });
}

function release(lw: Lowerer, e: CallExpr, p: MemPlace, next: (v: number) => number): void {
  lw.checkScalar(p, e.loc);
  if (next(1) === 0 && next(-1) === 0) {
    lw.store(p, { val: constant(0), type: p.type }, 'release', e.loc, exprText(e));
    return;
  }
  lw.em.emit({ op: 'rmw', dst: null, returns: 'new', addr: lw.checkedAddr(p, e.loc), rmw: 'sub', args: [constant(1)], order: 'release', loc: e.loc, text: exprText(e) });
}

const spinLock = (irq: 'none' | 'irq' | 'irqsave') => (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, irq === 'irqsave' ? 2 : 1);
  if (irq === 'irqsave') {
    const flags = lw.lvalue(e.args[1]!);
    const old = lw.em.temp(BOOL);
    lw.em.emit({ op: 'hw', name: 'local_irq_save', args: [], dst: old, addrs: [], loc: e.loc, text: exprText(e) });
    lw.store(flags, { val: { k: 'r', r: old }, type: BOOL }, 'plain', e.loc, '');
  } else if (irq === 'irq') lw.em.emit({ op: 'hw', name: 'local_irq_disable', args: [], dst: null, addrs: [], loc: e.loc, text: exprText(e) });
  // In a model with tasks: preemption off before the lock is taken (include/linux/spinlock_api_smp.h: __raw_spin_lock()).
  taskCount(lw, e, 'preempt_count_inc');
  acquire(lw, e, pointee(lw, e.args[0]!), (v) => v === 0, () => 1, 'spin_lock');
  return VOID_RESULT;
};

const spinUnlock = (irq: 'none' | 'irq' | 'irqrestore') => (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, irq === 'irqrestore' ? 2 : 1);
  release(lw, e, pointee(lw, e.args[0]!), () => 0);
  // ... and back on once it is released (include/linux/spinlock_api_smp.h: __raw_spin_unlock()).
  taskCount(lw, e, 'preempt_count_dec');
  if (irq === 'irqrestore') lw.em.emit({ op: 'hw', name: 'local_irq_restore', args: [lw.rvalue(e.args[1]!).val], dst: null, addrs: [], loc: e.loc, text: exprText(e) });
  else if (irq === 'irq') lw.em.emit({ op: 'hw', name: 'local_irq_enable', args: [], dst: null, addrs: [], loc: e.loc, text: exprText(e) });
  return VOID_RESULT;
};

/** The mm's mmap_lock: `mmap_read_lock(mm)` names mm->mmap_lock (include/linux/mm_types.h). */
function mmapLock(lw: Lowerer, e: Expr): MemPlace {
  const mm = lw.deref(lw.rvalue(e), e.loc, exprText(e));
  if (mm.k !== 'mem' || mm.type.kind !== 'struct' || mm.type.name !== 'mm_struct') throw new CError(e.loc, `'${exprText(e)}' is not a struct mm_struct *`);
  const lock = lw.memberOf(mm, 'mmap_lock', e.loc);
  if (lock.k !== 'mem') throw new CError(e.loc, `'${exprText(e)}' is not a struct mm_struct *`);
  return { ...lock, name: `${exprText(e)}->mmap_lock` };
}

export const RWSEM = { kind: 'int', name: 'struct rw_semaphore', lo: -1, hi: 7 } as const;

const rw = (mode: 'read' | 'write', op: 'lock' | 'unlock', place: (lw: Lowerer, e: CallExpr) => MemPlace) => (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, 1);
  const p = place(lw, e);
  if (op === 'lock') {
    if (mode === 'read') acquire(lw, e, p, (v) => v >= 0 && v < 7, (v) => v + 1, 'down_read');
    else acquire(lw, e, p, (v) => v === 0, () => -1, 'down_write');
  } else if (mode === 'read') release(lw, e, p, (v) => v - 1);
  else lw.store(p, { val: constant(0), type: p.type }, 'release', e.loc, exprText(e));
  return VOID_RESULT;
};

const semArg = (lw: Lowerer, e: CallExpr): MemPlace => pointee(lw, e.args[0]!);
const mmArg = (lw: Lowerer, e: CallExpr): MemPlace => mmapLock(lw, e.args[0]!);

export const lockBuiltins: BuiltinTable = {
  spin_lock: spinLock('none'),
  raw_spin_lock: spinLock('none'),
  spin_lock_irq: spinLock('irq'),
  raw_spin_lock_irq: spinLock('irq'),
  spin_lock_irqsave: spinLock('irqsave'),
  raw_spin_lock_irqsave: spinLock('irqsave'),
  spin_unlock: spinUnlock('none'),
  raw_spin_unlock: spinUnlock('none'),
  spin_unlock_irq: spinUnlock('irq'),
  raw_spin_unlock_irq: spinUnlock('irq'),
  spin_unlock_irqrestore: spinUnlock('irqrestore'),
  raw_spin_unlock_irqrestore: spinUnlock('irqrestore'),
  spin_trylock: (lw, e) => {
    arity(e, 1);
    const p = pointee(lw, e.args[0]!);
    const dst = lw.em.temp(p.type);
    // With tasks: preemption off first, back on if the lock was not taken (include/linux/spinlock_api_smp.h: __raw_spin_trylock()).
    taskCount(lw, e, 'preempt_count_inc');
    lw.em.emit({ op: 'rmw', dst, returns: 'old', addr: lw.checkedAddr(p, e.loc), rmw: 'cmpxchg', args: [constant(0), constant(1)], order: 'acquire', loc: e.loc, text: exprText(e) });
    const ok = lw.set(BOOL, [{ k: 'r', r: dst }], (a) => (a[0] === 0 ? 1 : 0), e.loc, '');
    taskCount(lw, e, 'preempt_count_dec_unless', [ok.val]);
    return ok;
  },
  spin_is_locked: (lw, e) => {
    arity(e, 1);
    const v = lw.load(pointee(lw, e.args[0]!), 'once', e.loc, exprText(e));
    return lw.set(BOOL, [v.val], (a) => (a[0] !== 0 ? 1 : 0), e.loc, '');
  },
  down_read: rw('read', 'lock', semArg),
  up_read: rw('read', 'unlock', semArg),
  down_write: rw('write', 'lock', semArg),
  up_write: rw('write', 'unlock', semArg),
  mmap_read_lock: rw('read', 'lock', mmArg),
  mmap_read_unlock: rw('read', 'unlock', mmArg),
  mmap_write_lock: rw('write', 'lock', mmArg),
  mmap_write_unlock: rw('write', 'unlock', mmArg),
};
