/**
 * Assertions the kernel writes, as always-properties: BUG_ON, VM_BUG_ON, WARN_ON,
 * WARN_ON_ONCE, VM_WARN_ON, VM_WARN_ON_ONCE and WARN(cond, fmt, ...). Each distinct
 * `MACRO(condition)` text is one property, named as written (`BUG_ON(!csd_lock_held(csd))`);
 * the WARN forms also return the condition, as in the kernel.
 */
import { constant } from '../ir.js';
import type { Lowerer } from '../lower/lowerer.js';
import { exprText } from '../lower/text.js';
import type { RValue } from '../lower/values.js';
import { VOID } from '../types.js';
import type { BuiltinTable, CallExpr } from './table.js';
import { arity } from './table.js';
import { CError } from '../../c/error.js';

function assertion(returnsCond: boolean, extraArgs: boolean): (lw: Lowerer, e: CallExpr) => RValue {
  return (lw, e) => {
    if (!extraArgs) arity(e, 1);
    const c = e.args[0]!;
    const name = `${e.callee}(${exprText(c)})`;
    const id = lw.env.props.intern(name, `${e.callee} at ${e.loc.file}:${e.loc.line} never fires`, e.loc);
    const v = lw.rvalue(c);
    const t = lw.truth(v, e.loc);
    lw.em.emit({ op: 'assert', cond: t, property: id, loc: e.loc, text: name });
    return returnsCond ? { val: t, type: { kind: 'int', name: 'bool', lo: 0, hi: 1 } } : { val: constant(0), type: VOID };
  };
}

/**
 * `__hazard(property, cond)`: the model's own statement that `cond` here violates the named
 * always-property (an identifier, kebab-cased as WITNESS names are): for what the hardware
 * cannot see, such as a user store through a translation the kernel promised was gone. Its
 * name is shared with the hardware's hazard of the same name.
 */
const hazard = (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, 2);
  const p = e.args[0]!;
  if (p.kind !== 'ident') throw new CError(p.loc, '__hazard(property_name, condition): the property is an identifier (no_stale_tlb_after_sync)');
  const name = p.name.replace(/_/g, '-');
  const id = lw.env.props.intern(name, `${name} (stated at ${e.loc.file}:${e.loc.line})`, e.loc);
  const t = lw.truth(lw.rvalue(e.args[1]!), e.loc);
  lw.em.emit({ op: 'assert', cond: t, property: id, loc: e.loc, text: exprText(e) });
  return { val: constant(0), type: VOID };
};

export const assertBuiltins: BuiltinTable = {
  __hazard: hazard,
  BUG_ON: assertion(false, false),
  VM_BUG_ON: assertion(false, false),
  WARN_ON: assertion(true, false),
  WARN_ON_ONCE: assertion(true, false),
  VM_WARN_ON: assertion(true, false),
  VM_WARN_ON_ONCE: assertion(true, false),
  WARN: assertion(true, true),
  WARN_ONCE: assertion(true, true),
};
