/**
 * Each role's code units, lowered: its programs (a ONCE role's functions, or a LOOP role's
 * first function), its alternatives (a LOOP role's other functions, started between two
 * iterations), and the interrupt handlers every CPU can take.
 */
import { CError } from '../../c/error.js';
import { inlineCall } from '../lower/call.js';
import { Emitter } from '../lower/emitter.js';
import type { LowerEnv } from '../lower/env.js';
import { Lowerer } from '../lower/lowerer.js';
import type { RoleDecl, InterruptDecl } from '../declarations.js';
import type { CodeUnit } from '../steps/unit.js';

export type UnitKind = 'program' | 'alt' | 'irq';

export interface RoleUnit {
  readonly kind: UnitKind;
  readonly unit: CodeUnit;
  /** The function the unit runs (the role function or the interrupt handler). */
  readonly fn: string;
}

export function lowerUnit(env: LowerEnv, fnName: string, unitName: string, loop: boolean): CodeUnit {
  const info = env.sym.functions.get(fnName);
  if (info === undefined) throw new Error(`no function ${fnName}`);
  const def = info.def;
  if (def.params.length > 0) throw new CError(def.loc, `${fnName}() runs as a role or handler and takes no parameters`);
  const em = new Emitter(unitName);
  const lw = new Lowerer(env, em);
  inlineCall(lw, def, [], def.loc);
  em.place(lw.unitEnd);
  em.emit({ op: 'end', loc: def.endLoc, text: `${fnName}() returns` });
  return { name: unitName, instrs: em.finish(), regs: em.regs, loop, labelsAt: lw.labelsAt };
}

export function lowerRoleUnits(env: LowerEnv, role: RoleDecl, interrupts: readonly InterruptDecl[]): RoleUnit[] {
  const out: RoleUnit[] = [];
  role.functions.forEach((fn, i) => {
    const kind: UnitKind = role.loop && i > 0 ? 'alt' : 'program';
    out.push({ kind, fn, unit: lowerUnit(env, fn, fn, kind === 'program' && role.loop) });
  });
  for (const irq of interrupts) out.push({ kind: 'irq', fn: irq.handler, unit: lowerUnit(env, irq.handler, `IRQ ${irq.handler}`, false) });
  return out;
}
