/**
 * Registers that live across a step boundary are state fields of their CPU's block (`reg0`,
 * `reg1`, ...); the others are scratch. Roles share the fields (a CPU runs one role), so the
 * block has as many as the role that needs most; each unit of a role has its own, since an
 * interrupt handler's registers live while the code it interrupted keeps its own.
 */
import type { Reg } from '../ir.js';
import type { Frame } from '../exec/frame.js';
import type { RegAccess } from '../exec/codegen.js';
import type { UnitPlan } from '../steps/unit.js';

export interface RegisterFields {
  /** CPU-field slot (0-based among the register fields) of each persisted register, per plan. */
  readonly slotOf: ReadonlyMap<UnitPlan, ReadonlyMap<number, number>>;
  readonly count: number;
  /** What each slot holds, per role (for the state view). */
  readonly docs: readonly string[];
}

export function assignRegisterFields(rolePlans: readonly (readonly UnitPlan[])[], roleNames: readonly string[]): RegisterFields {
  const slotOf = new Map<UnitPlan, Map<number, number>>();
  const docs: string[][] = [];
  let count = 0;
  rolePlans.forEach((plans, ri) => {
    let next = 0;
    for (const p of plans) {
      const m = new Map<number, number>();
      for (const r of p.persisted) {
        m.set(r.id, next);
        (docs[next] ??= []).push(`${roleNames[ri]}: ${r.name}`);
        next++;
      }
      slotOf.set(p, m);
    }
    count = Math.max(count, next);
  });
  return { slotOf, count, docs: docs.map((d) => d.join('; ')) };
}

/**
 * Accessors for one unit's registers: persisted ones are encoded in their field (value - lo;
 * a value outside the register's type is a violation), scratch ones live in the frame.
 */
export function registerAccess(slots: ReadonlyMap<number, number>, firstField: number, cpuBase: number, cpuSize: number, outOfDomain: (x: Frame) => void): RegAccess {
  return {
    get: (r: Reg) => {
      if (r.selfId === true) return (x) => x.cpu;
      const slot = slots.get(r.id);
      if (slot === undefined) {
        const id = r.id;
        return (x) => x.scratch[id]!;
      }
      const f = firstField + slot;
      if (r.lo < 0) {
        return (x) => {
          const b = x.s[cpuBase + x.cpu * cpuSize + f]!;
          return b >= 128 ? b - 256 : b;
        };
      }
      return (x) => x.s[cpuBase + x.cpu * cpuSize + f]!;
    },
    set: (r: Reg) => {
      if (r.selfId === true) return () => {};
      const slot = slots.get(r.id);
      const id = r.id;
      if (slot === undefined) {
        return (x, v) => {
          x.scratch[id] = v;
        };
      }
      const f = firstField + slot;
      const lo = r.lo;
      const hi = r.hi;
      return (x, v) => {
        if (v < lo || v > hi || !Number.isInteger(v) || (lo >= 0 ? v > 255 : v < -128 || v > 127)) {
          outOfDomain(x);
          return;
        }
        x.s[cpuBase + x.cpu * cpuSize + f] = v & 0xff;
      };
    },
  };
}
