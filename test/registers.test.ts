/**
 * Register fields (src/cmodel/build/registers.ts) on random units: random control flow (the
 * liveness test's programs) cut into steps at random instructions. Two persisted registers
 * share a field only if neither is ever written where the other is live after the write (a
 * write lands in the field whether or not its value is read), and none live at the same step
 * start. Regression: an initialiser overwritten before its first use (`int err = 0; ... err =
 * f();`) shared a field with a pointer live across it, and its dead write cleared the pointer
 * (a per-CPU pointer passed to smp_call_function_single() arrived as NULL).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instr } from '../src/cmodel/ir.js';
import { assignRegisterFields } from '../src/cmodel/build/registers.js';
import { successors, usesDefs } from '../src/cmodel/steps/liveness.js';
import { planUnit } from '../src/cmodel/steps/unit.js';
import { instrOf, registerPool, shapeArb } from './toys/random-unit.js';

const regs = registerPool(12, 2000);

/** Instructions, which of them start a step (observable), and whether the unit loops. */
const unitArb = fc.integer({ min: 2, max: 20 }).chain((n) => fc.tuple(fc.array(shapeArb(n, regs.length, 2), { minLength: n, maxLength: n }), fc.array(fc.boolean(), { minLength: n + 1, maxLength: n + 1 }), fc.boolean()));

describe('register fields', () => {
  it('no write lands in the field of another register live after it, and no two registers live at one step start share a field', () => {
    fc.assert(
      fc.property(unitArb, ([shapes, observable, loop]) => {
        const instrs: Instr[] = [...shapes, { op: 'end' as const }].map(instrOf(regs));
        const visible = new Set(instrs.filter((_, k) => observable[k] === true));
        const plan = planUnit({ name: 'u', instrs, regs, loop, labelsAt: new Map() }, (i) => visible.has(i));
        const slot = assignRegisterFields([[plan]], [['program']], ['r'], [loop]).slotOf.get(plan)!;
        const persisted = new Set(plan.persisted.map((r) => r.id));
        instrs.forEach((ins, k) => {
          const after = new Set(successors(ins, k, loop).filter((n) => n < instrs.length).flatMap((n) => [...plan.liveAt[n]!]));
          for (const d of usesDefs(ins).defs) {
            if (!persisted.has(d)) continue;
            for (const o of after) if (o !== d && persisted.has(o)) expect(slot.get(o), `instruction ${k} writes r${d} while r${o} is live`).not.toBe(slot.get(d));
          }
        });
        for (const start of plan.starts) {
          const live = [...plan.liveAt[start]!].filter((r) => persisted.has(r)).map((r) => slot.get(r));
          expect(new Set(live).size).toBe(live.length);
        }
      }),
      { seed: 14, numRuns: 500 },
    );
  });
});
