/**
 * When a role asked for SYMMETRIC, may its CPUs' blocks be permuted? The compiler checks what
 * the engines' symmetry reduction assumes (src/core/compile.ts sorts the blocks of a
 * symmetric role): no state names a CPU of the role by number. That fails when
 * - a register kept across steps may hold a CPU number or a pointer to one CPU's data;
 * - a store writes such a value into memory;
 * - a per-CPU object's cpumask or NR_CPUS array (kept once per owner CPU) is written by code
 *   that may run on the role's CPUs (owner fields are named by CPU number).
 * Refused symmetry is reported with the reason; the verdict is then on the full state space.
 */
import type { ModelDecls } from '../declarations.js';
import type { Instr } from '../ir.js';
import type { UnitPlan } from '../steps/unit.js';
import type { Symbols } from '../symbols.js';
import type { CType } from '../types.js';
import type { RoleUnit } from './units.js';

export interface SymmetryVerdict {
  readonly symmetric: boolean;
  readonly reason: string | null;
}

export function symmetryVerdict(decls: ModelDecls, plans: readonly (readonly UnitPlan[])[], units: readonly (readonly RoleUnit[])[], sym: Symbols, _private: ReadonlySet<number>): SymmetryVerdict[] {
  const global = globalReason(units, sym);
  return decls.roles.map((r, ri) => {
    if (!r.symmetric) return { symmetric: false, reason: null };
    if (global !== null) return { symmetric: false, reason: global };
    for (const p of plans[ri]!) {
      const bad = p.persisted.find((reg) => reg.cpuValued);
      if (bad !== undefined) return { symmetric: false, reason: `the register ${bad.name} holds a CPU number across steps` };
    }
    for (const u of units[ri]!) {
      for (const i of u.unit.instrs) {
        const w = ownerFieldWrite(i, sym);
        if (w !== null) return { symmetric: false, reason: `${u.fn}() writes ${w}, kept per owner CPU (${i.loc.file}:${i.loc.line})` };
      }
    }
    return { symmetric: true, reason: null };
  });
}

function globalReason(units: readonly (readonly RoleUnit[])[], sym: Symbols): string | null {
  for (const role of units) {
    for (const u of role) {
      for (const i of u.unit.instrs) {
        if (i.op === 'store' && i.val.k === 'r' && i.val.r.cpuValued && !isGhost(i, sym)) return `a CPU number or per-CPU pointer is stored to memory (${i.loc.file}:${i.loc.line}: ${i.text})`;
      }
    }
  }
  return null;
}

function isGhost(i: Extract<Instr, { op: 'store' }>, sym: Symbols): boolean {
  return i.addr.k === 'obj' && sym.objects[i.addr.obj]!.ghost;
}

function ownerFieldWrite(i: Instr, sym: Symbols): string | null {
  if (i.op !== 'store' && i.op !== 'rmw') return null;
  const a = i.addr;
  if (a.k !== 'obj') return null;
  const d = sym.objects[a.obj]!;
  if (!d.perCpu || !hasByCpu(d.type)) return null;
  return `part of per-CPU ${d.name}`;
}

function hasByCpu(t: CType): boolean {
  if (t.kind === 'cpumask') return true;
  if (t.kind === 'array') return t.length < 0 || hasByCpu(t.elem);
  if (t.kind === 'struct') return t.fields.some((f) => hasByCpu(f.type));
  return false;
}
