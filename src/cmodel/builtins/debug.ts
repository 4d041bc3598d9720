/**
 * The kernel's debug checks of the calling context, as always-properties named by the call
 * (`lockdep_assert_irqs_disabled()`, `cant_migrate()`): what CONFIG_PROVE_LOCKING and
 * CONFIG_DEBUG_ATOMIC_SLEEP warn of, so kernel code pasted into a model keeps them.
 *
 * - `lockdep_assert_irqs_disabled()`, `lockdep_assert_irqs_enabled()`: the CPU's IRQ flag
 *   (include/linux/lockdep.h), in any model.
 * - `preemptible()` (include/linux/preempt.h: preempt count 0 and IRQs on; an interrupt
 *   handler is not), `lockdep_assert_preemption_disabled()`,
 *   `lockdep_assert_preemption_enabled()`, `might_sleep()` and `cant_sleep()`
 *   (kernel/sched/core.c: __might_sleep(), __cant_sleep(): a sleep in atomic context, or none
 *   where one is required): only a model with tasks counts preemption; a model of roles refuses
 *   them (exit 2), as it would have to guess.
 * - `cant_migrate()` (kernel/sched/core.c: __cant_migrate(): preemptible and migration not
 *   disabled): in a model with tasks, checked; in a model of roles nothing migrates, so it
 *   cannot fire, and it is no check at all.
 */
import { CError } from '../../c/error.js';
import type { Val } from '../ir.js';
import type { Lowerer } from '../lower/lowerer.js';
import { exprText } from '../lower/text.js';
import type { RValue } from '../lower/values.js';
import { BOOL, INT } from '../types.js';
import { TASK_CONTEXT } from '../build/tasks.js';
import { hw } from './hardware.js';
import { VOID_RESULT, arity, type BuiltinTable, type CallExpr } from './table.js';

/** The CPU's IRQ flag (1: off). */
const irqsOff = (lw: Lowerer, e: CallExpr): Val => hw(lw, e, 'irqs_disabled', [], BOOL).val;

/** The task's context bits (../build/tasks.ts TASK_CONTEXT); refused in a model of roles. */
function context(lw: Lowerer, e: CallExpr): Val {
  if (lw.env.tasks !== true) throw new CError(e.loc, `${e.callee}() asks whether the code can be preempted: only a model with tasks (TASK(...)) counts preemption, so a model of roles will not guess`);
  return hw(lw, e, TASK_CONTEXT, [], INT).val;
}

/** preemptible(): preempt count 0 (and not a CPU's own code) with IRQs on. */
function preemptible(lw: Lowerer, e: CallExpr): Val {
  const cx = context(lw, e);
  return lw.set(BOOL, [cx, irqsOff(lw, e)], (a) => ((a[0]! & 1) === 0 && a[1] === 0 ? 1 : 0), e.loc, exprText(e)).val;
}

/** An always-property named by the call, violated where `bad` is non-zero. */
function check(lw: Lowerer, e: CallExpr, bad: Val): RValue {
  const name = `${e.callee}()`;
  const id = lw.env.props.intern(name, `${name} (${e.loc.file}:${e.loc.line}) never warns`, e.loc);
  lw.em.emit({ op: 'assert', cond: bad, property: id, loc: e.loc, text: name });
  return VOID_RESULT;
}

const not = (lw: Lowerer, e: CallExpr, v: Val): Val => lw.set(BOOL, [v], (a) => (a[0] === 0 ? 1 : 0), e.loc, exprText(e)).val;

/** A check of no arguments whose violation `bad` computes. */
const debugCheck =
  (bad: (lw: Lowerer, e: CallExpr) => Val) =>
  (lw: Lowerer, e: CallExpr): RValue => {
    arity(e, 0);
    return check(lw, e, bad(lw, e));
  };

export const debugBuiltins: BuiltinTable = {
  preemptible: (lw, e) => {
    arity(e, 0);
    return { val: preemptible(lw, e), type: BOOL };
  },
  lockdep_assert_irqs_disabled: debugCheck((lw, e) => not(lw, e, irqsOff(lw, e))),
  lockdep_assert_irqs_enabled: debugCheck((lw, e) => irqsOff(lw, e)),
  lockdep_assert_preemption_disabled: debugCheck((lw, e) => preemptible(lw, e)),
  lockdep_assert_preemption_enabled: debugCheck((lw, e) => not(lw, e, preemptible(lw, e))),
  might_sleep: debugCheck((lw, e) => not(lw, e, preemptible(lw, e))),
  cant_sleep: debugCheck((lw, e) => preemptible(lw, e)),
  cant_migrate: (lw, e) => {
    arity(e, 0);
    if (lw.env.tasks !== true) return VOID_RESULT;
    const cx = context(lw, e);
    const movable = lw.set(BOOL, [preemptible(lw, e), cx], (a) => (a[0] !== 0 && (a[1]! & 2) === 0 ? 1 : 0), e.loc, exprText(e)).val;
    return check(lw, e, movable);
  },
};
