/**
 * When a role asked for SYMMETRIC, may its CPUs' blocks be permuted? The compiler checks what
 * the engines' symmetry reduction assumes (src/core/compile.ts sorts the blocks of a
 * symmetric role): no state names a CPU of the role by number. That fails when
 * - a register kept across steps (by a CPU of any role) may hold a CPU number or a pointer to
 *   one CPU's data;
 * - a store writes such a value into memory (unless a CPU of a role that is not symmetric
 *   stores its own number or the address of its own per-CPU instance);
 * - a per-CPU object's cpumask or NR_CPUS array (kept once per owner CPU) is written by code
 *   that may run on the role's CPUs (owner fields are named by CPU number);
 * - a CPU number is compared with a constant that names, or at a larger CPU count could name,
 *   a CPU of a symmetric role (`cpu == 2`).
 * Refused symmetry is reported with the reason; the verdict is then on the full state space.
 */
import type { ModelDecls } from '../declarations.js';
import type { Instr } from '../ir.js';
import type { UnitPlan } from '../steps/unit.js';
import type { Symbols } from '../symbols.js';
import { safeRef, valRef, type Orientation, type PairWrite } from './orientation.js';
import type { RoleUnit } from './units.js';

export interface SymmetryVerdict {
  readonly symmetric: boolean;
  readonly reason: string | null;
}

/** What the checks below establish, as the engines' symmetry check quotes it. */
export const SYMMETRY_ARGUMENT =
  'the C compiler found that no register keeps a CPU number across steps, none is stored to memory, none is compared with a constant that could name a CPU of a symmetric role, and every per-CPU pair written is named after a CPU outside those roles (src/cmodel/build/symmetry.ts)';

export function symmetryVerdict(
  decls: ModelDecls,
  plans: readonly (readonly UnitPlan[])[],
  units: readonly (readonly RoleUnit[])[],
  sym: Symbols,
  writes: ReadonlyMap<number, readonly PairWrite[]>,
  orient: ReadonlyMap<number, Orientation>,
  cpuRoles: readonly number[],
): SymmetryVerdict[] {
  const global = globalReason(units, sym, decls) ?? constantReason(units, decls) ?? pairReason(sym, decls, writes, orient, cpuRoles);
  return decls.roles.map((r) => {
    if (!r.symmetric) return { symmetric: false, reason: null };
    if (global !== null) return { symmetric: false, reason: global };
    // Any CPU's register, not only the role's own: the blocks it would name are permuted.
    for (const [rj, rolePlans] of plans.entries()) {
      for (const p of rolePlans) {
        const bad = p.persisted.find((reg) => reg.cpuValued && !safeRef(valRef({ k: 'r', r: reg }, rj), decls, cpuRoles, writes));
        if (bad !== undefined) return { symmetric: false, reason: `the register ${bad.name} of ${decls.roles[rj]!.name} holds a CPU number across steps` };
      }
    }
    return { symmetric: true, reason: null };
  });
}

function globalReason(units: readonly (readonly RoleUnit[])[], sym: Symbols, decls: ModelDecls): string | null {
  for (const [ri, role] of units.entries()) {
    // A CPU of a role that is not symmetric may store its own number or its own per-CPU
    // instance's address: that names no interchangeable CPU.
    const own = (r: Instr & { op: 'store' }): boolean => !decls.roles[ri]!.symmetric && r.val.k === 'r' && (r.val.r.selfPtr === true || r.val.r.selfId === true);
    for (const u of role) {
      for (const i of u.unit.instrs) {
        if (i.op === 'store' && i.val.k === 'r' && i.val.r.cpuValued && !isGhost(i, sym) && !own(i)) return `a CPU number or per-CPU pointer is stored to memory (${i.loc.file}:${i.loc.line}: ${i.text})`;
      }
    }
  }
  return null;
}

/**
 * A comparison of a CPU number with a constant that is, or at a larger CPU count could be, a
 * CPU of a symmetric role (`cpu == 2`, `cpu >= 1`): it tells that CPU from its peers.
 */
function constantReason(units: readonly (readonly RoleUnit[])[], decls: ModelDecls): string | null {
  const firsts = decls.roles.filter((r) => r.symmetric).map((r) => r.first);
  if (firsts.length === 0) return null;
  const lowest = Math.min(...firsts);
  for (const role of units) {
    for (const u of role) {
      for (const i of u.unit.instrs) {
        if (i.op === 'set' && i.comparesCpuWith !== undefined && i.comparesCpuWith >= lowest) return `a CPU number is compared with the constant ${i.comparesCpuWith} (${i.loc.file}:${i.loc.line}: ${i.text})`;
      }
    }
  }
  return null;
}

function isGhost(i: Extract<Instr, { op: 'store' }>, sym: Symbols): boolean {
  return i.addr.k === 'obj' && sym.objects[i.addr.obj]!.ghost;
}

/** A CPU-indexed part whose fields would be named after an interchangeable CPU. */
function pairReason(sym: Symbols, decls: ModelDecls, writes: ReadonlyMap<number, readonly PairWrite[]>, orient: ReadonlyMap<number, Orientation>, cpuRoles: readonly number[]): string | null {
  for (const [obj, ws] of writes) {
    const om = orient.get(obj) === 'owner-major';
    if (!sym.objects[obj]!.perCpu) continue;
    const bad = ws.find((w) => !safeRef(om ? w.index : w.owner, decls, cpuRoles, writes));
    if (bad !== undefined) return `per-CPU ${sym.objects[obj]!.name} is written for pairs of CPUs neither of which is known to be outside the symmetric roles (${bad.instr.loc.file}:${bad.instr.loc.line})`;
  }
  return null;
}
