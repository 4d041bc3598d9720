/**
 * Registers that live across a step boundary are state fields of their CPU's block (`reg0`,
 * `reg1`, ...); the others are scratch. Roles share the fields (a CPU runs one role), so the
 * block has as many as the role that needs most. Within a role, units that never run at the
 * same time share fields: the functions of a ONCE role (a CPU runs one of them), and the
 * alternatives of a LOOP role (one at a time, between two iterations of the loop, which then
 * has its own fields); an interrupt handler has its own, since its registers live while the
 * code it interrupted keeps its own. A unit's registers are all zero whenever it is not
 * running (dead registers are cleared), so a field shared in time holds one unit's at a time.
 * Within a unit, two registers share a field when no step has both live at its start or at
 * a start it can end at (../steps/unit.ts `stepSuccessors`), and neither is written where the
 * other is live after the write (a value nobody reads, such as an initialiser overwritten
 * before its first use, still lands in the register's field): a step never writes one while
 * the other still has to be read.
 */
import type { Reg } from '../ir.js';
import type { Frame } from '../exec/frame.js';
import { match } from 'ts-pattern';
import type { RegAccess } from '../exec/codegen.js';
import { stepSuccessors, type UnitPlan } from '../steps/unit.js';
import { successors, usesDefs } from '../steps/liveness.js';
import type { UnitKind } from './units.js';

export interface RegisterFields {
  /** CPU-field slot (0-based among the register fields) of each persisted register, per plan. */
  readonly slotOf: ReadonlyMap<UnitPlan, ReadonlyMap<number, number>>;
  /** Slots of a plan that hold no live register at the start of a step (cleared there). */
  readonly deadSlots: (plan: UnitPlan, start: number) => readonly number[];
  readonly count: number;
  /** What each slot holds, per role (for the state view). */
  readonly docs: readonly string[];
}

export function assignRegisterFields(rolePlans: readonly (readonly UnitPlan[])[], roleKinds: readonly (readonly UnitKind[])[], roleNames: readonly string[], loops: readonly boolean[]): RegisterFields {
  const slotOf = new Map<UnitPlan, Map<number, number>>();
  const docs: Set<string>[] = [];
  let count = 0;
  rolePlans.forEach((plans, ri) => {
    const kinds = roleKinds[ri]!;
    const width = (k: UnitKind): number => Math.max(0, ...plans.filter((_, ui) => kinds[ui] === k).map((p) => new Set(colourRegisters(p).values()).size));
    // ONCE: the functions share from 0; LOOP: the loop from 0, its alternatives after it;
    // INIT runs before everything (from 0); handlers after all of them.
    const altBase = loops[ri] === true ? width('program') : 0;
    // A context switch's unit and take_cpu_down() (a CPU's, with tasks) run inside one step, like INIT from 0.
    const irqBase = Math.max(width('program'), altBase + width('alt'), width('init'), width('switch'), width('hotplug'));
    let irqNext = irqBase;
    plans.forEach((p, ui) => {
      const kind = kinds[ui]!;
      const base = kind === 'alt' ? altBase : kind === 'irq' ? irqNext : 0;
      const colour = colourRegisters(p);
      const m = new Map<number, number>();
      for (const r of p.persisted) {
        const slot = base + colour.get(r.id)!;
        m.set(r.id, slot);
        (docs[slot] ??= new Set()).add(`${roleNames[ri]}: ${r.name}`);
      }
      const next = base + width(kind);
      if (kind === 'irq') irqNext = base + Math.max(0, ...colour.values()) + (colour.size > 0 ? 1 : 0);
      slotOf.set(p, m);
      count = Math.max(count, next, irqNext);
    });
  });
  const deadSlots = (plan: UnitPlan, start: number): number[] => {
    const m = slotOf.get(plan)!;
    const live = new Set(plan.persisted.filter((r) => plan.liveAt[start]!.has(r.id)).map((r) => m.get(r.id)!));
    return [...new Set(plan.persisted.map((r) => m.get(r.id)!))].filter((s) => !live.has(s));
  };
  return { slotOf, count, docs: docs.map((d) => [...(d ?? [])].join('; ')), deadSlots };
}

const colours = new WeakMap<UnitPlan, Map<number, number>>();

/** Colours of a unit's persisted registers: registers that interfere get different ones. */
function colourRegisters(plan: UnitPlan): Map<number, number> {
  const hit = colours.get(plan);
  if (hit !== undefined) return hit;
  const ids = new Set(plan.persisted.map((r) => r.id));
  const interferes = new Map<number, Set<number>>([...ids].map((id) => [id, new Set<number>()]));
  const liveIds = (start: number): number[] => [...plan.liveAt[start]!].filter((id) => ids.has(id));
  const succ = stepSuccessors(plan);
  plan.starts.forEach((start, k) => {
    const group = new Set([...liveIds(start), ...succ[k]!.flatMap((s) => liveIds(plan.starts[s]!))]);
    for (const a of group) for (const b of group) if (a !== b) interferes.get(a)!.add(b);
  });
  // A write interferes with every register live after it, whether or not its own value is read.
  const instrs = plan.unit.instrs;
  instrs.forEach((ins, k) => {
    const defs = [...usesDefs(ins).defs].filter((d) => ids.has(d));
    if (defs.length === 0) return;
    const after = new Set(successors(ins, k, plan.unit.loop).filter((n) => n < instrs.length).flatMap((n) => liveIds(n)));
    for (const d of defs) {
      for (const o of after) {
        if (o === d) continue;
        interferes.get(d)!.add(o);
        interferes.get(o)!.add(d);
      }
    }
  });
  const colour = new Map<number, number>();
  for (const r of plan.persisted) {
    const taken = new Set([...interferes.get(r.id)!].map((o) => colour.get(o)).filter((c) => c !== undefined));
    let c = 0;
    while (taken.has(c)) c++;
    colour.set(r.id, c);
  }
  colours.set(plan, colour);
  return colour;
}

/** Where a register lives, for code that reads and writes it (./registers.ts, ../steps/jit.ts). */
export type RegShape =
  | { readonly k: 'self' }
  /** A frame slot, holding the value (checked against the register's range on every write, as a field is). */
  | { readonly k: 'scratch'; readonly id: number; readonly lo: number; readonly hi: number }
  /** A byte of the actor's block at `field`, holding the value (`lo` < 0: a signed byte). */
  | { readonly k: 'field'; readonly field: number; readonly lo: number; readonly hi: number };

/** Persisted registers are fields of the actor's block (`firstField` + their slot); the rest are scratch; smp_processor_id() is the CPU. */
export function registerShape(slots: ReadonlyMap<number, number>, firstField: number): (r: Reg) => RegShape {
  return (r) => {
    if (r.selfId === true) return { k: 'self' };
    const slot = slots.get(r.id);
    return slot === undefined ? { k: 'scratch', id: r.id, lo: r.lo, hi: r.hi } : { k: 'field', field: firstField + slot, lo: r.lo, hi: r.hi };
  };
}

/**
 * Accessors for one unit's registers: persisted ones live in their field, scratch ones in the
 * frame; a value outside the register's type is a violation wherever the register lives.
 */
export function registerAccess(shape: (r: Reg) => RegShape, cpuBase: number, cpuSize: number, outOfDomain: (x: Frame) => void): RegAccess {
  return {
    get: (r: Reg) =>
      match(shape(r))
        .with({ k: 'self' }, () => (x: Frame) => x.cpu)
        .with({ k: 'scratch' }, ({ id }) => (x: Frame) => x.scratch[id]!)
        .with({ k: 'field' }, ({ field: f, lo }) =>
          lo < 0
            ? (x: Frame) => {
                const b = x.s[cpuBase + x.task * cpuSize + f]!;
                return b >= 128 ? b - 256 : b;
              }
            : (x: Frame) => x.s[cpuBase + x.task * cpuSize + f]!,
        )
        .exhaustive(),
    set: (r: Reg) =>
      match(shape(r))
        .with({ k: 'self' }, () => () => {})
        .with({ k: 'scratch' }, ({ id, lo, hi }) => (x: Frame, v: number) => {
          if (v < lo || v > hi || !Number.isInteger(v)) {
            outOfDomain(x);
            return;
          }
          x.scratch[id] = v;
        })
        .with({ k: 'field' }, ({ field: f, lo, hi }) => (x: Frame, v: number) => {
          if (v < lo || v > hi || !Number.isInteger(v) || (lo >= 0 ? v > 255 : v < -128 || v > 127)) {
            outOfDomain(x);
            return;
          }
          x.s[cpuBase + x.task * cpuSize + f] = v & 0xff;
        })
        .exhaustive(),
  };
}
