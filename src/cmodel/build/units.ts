/**
 * Each role's code units, lowered: its programs (a ONCE role's functions, or a LOOP role's
 * first function), its alternatives (a LOOP role's other functions, started between two
 * iterations), its INIT function (run before the first step), and the interrupt handlers every
 * CPU can take.
 */
import { CError } from '../../c/error.js';
import { inlineCall } from '../lower/call.js';
import { Emitter } from '../lower/emitter.js';
import type { LowerEnv } from '../lower/env.js';
import { Lowerer } from '../lower/lowerer.js';
import type { RoleDecl, InterruptDecl } from '../declarations.js';
import type { Instr } from '../ir.js';
import type { CodeUnit } from '../steps/unit.js';
import { TASK_END_CHECK } from './tasks.js';

export type UnitKind = 'program' | 'alt' | 'irq' | 'init' | 'switch' | 'hotplug';

/**
 * In a model with tasks, the kernel function a CPU runs at every context switch, as the CPU
 * role's `switch` unit (./tasks.ts): the prelude's `context_switch()` (kernel/sched/core.c: the
 * mm switch, then switch_to() -> __switch_to(), the architecture's).
 */
export const SWITCH_FN = 'context_switch';

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
  // A task's function returns with its preempt and migrate-disable counts back at 0 (./tasks.ts).
  if (env.tasks === true) em.emit({ op: 'hw', name: TASK_END_CHECK, args: [], dst: null, addrs: [], loc: def.endLoc, text: `${fnName}() returns` });
  em.emit({ op: 'end', loc: def.endLoc, text: `${fnName}() returns` });
  return { name: unitName, instrs: em.finish(), regs: em.regs, loop, labelsAt: lw.labelsAt, lowered: em.lowered };
}

/**
 * The units of every role. Interrupt handlers are included only if some code raises an IPI
 * (so a model that sends none carries no handler and none of the state it touches); a
 * handler's own IPIs count too. And only in the roles an IPI may be sent to: a CPU that is
 * never sent one never takes the interrupt (the call-function vector is the only one), so its
 * handler would be code that never runs, yet whose writes (to the CPU's own call_single_queue,
 * named by its number) would cost the role its symmetry.
 */
export function lowerAllRoles(env: LowerEnv, roles: readonly RoleDecl[], interrupts: readonly InterruptDecl[]): RoleUnit[][] {
  const main = roles.map((role) => [
    ...role.functions.map((fn, i): RoleUnit => {
      const kind: UnitKind = role.loop && i > 0 ? 'alt' : 'program';
      return { kind, fn, unit: lowerUnit(env, fn, fn, kind === 'program' && role.loop) };
    }),
    ...(role.init === null ? [] : [{ kind: 'init' as const, fn: role.init, unit: lowerUnit(env, role.init, `INIT ${role.init}`, false) }]),
  ]);
  if (!main.some((units) => units.some((u) => u.unit.instrs.some(isIpiSend)))) return main;
  const handlers = (): RoleUnit[] => interrupts.map((irq): RoleUnit => ({ kind: 'irq', fn: irq.handler, unit: lowerUnit(env, irq.handler, `IRQ ${irq.handler}`, false) }));
  const receives = ipiReceivers(env.cpus, roles, [...main.flat(), ...handlers()].map((u) => u.unit));
  return main.map((units, ri) => (receives[ri] === true ? [...units, ...handlers()] : units));
}

function isIpiSend(i: Instr): boolean {
  return i.op === 'hw' && (i.name === 'ipi_send_mask' || i.name === 'ipi_send_one');
}

/**
 * Per role, whether an IPI may be sent to one of its CPUs: a send to a constant CPU reaches that
 * CPU's role; bit c of a mask sent to reaches CPU c's role unless it is the constant 0; a send
 * to a CPU number computed at run time may reach every role.
 */
export function ipiReceivers(cpus: number, roles: readonly RoleDecl[], units: readonly CodeUnit[]): boolean[] {
  const out = roles.map(() => false);
  const reach = (cpu: number): void => {
    const r = roles.findIndex((role) => cpu >= role.first && cpu < role.first + (role.count ?? cpus - role.first));
    if (r >= 0) out[r] = true;
  };
  for (const u of units) {
    for (const i of u.instrs) {
      if (i.op !== 'hw') continue;
      if (i.name === 'ipi_send_one') {
        const to = i.args[0];
        if (to?.k === 'c') reach(to.v);
        else out.fill(true);
      } else if (i.name === 'ipi_send_mask') {
        i.args.forEach((bit, cpu) => {
          if (bit.k !== 'c' || bit.v !== 0) reach(cpu);
        });
      }
    }
  }
  return out;
}
