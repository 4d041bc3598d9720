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
import type { Instr, Reg, Val } from '../src/cmodel/ir.js';
import { assignRegisterFields } from '../src/cmodel/build/registers.js';
import { successors, usesDefs } from '../src/cmodel/steps/liveness.js';
import { planUnit } from '../src/cmodel/steps/unit.js';

const loc = { file: 'unit.c', line: 1, col: 1 };
const regs: Reg[] = Array.from({ length: 12 }, (_, i) => ({ id: 2000 + 3 * i, name: `f.r${i}`, lo: 0, hi: 3, cpuValued: false }));
const val = (r: number | null): Val => (r === null ? { k: 'c', v: 1 } : { k: 'r', r: regs[r]! });

type Shape = { op: 'set'; dst: number; args: (number | null)[] } | { op: 'br'; cond: number | null; t: number; f: number } | { op: 'jmp'; t: number };

const shape = (n: number): fc.Arbitrary<Shape> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), dst: fc.nat(11), args: fc.array(fc.option(fc.nat(11)), { maxLength: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('br' as const), cond: fc.option(fc.nat(11)), t: fc.nat(n), f: fc.nat(n) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('jmp' as const), t: fc.nat(n) }) },
  );

/** Instructions, which of them start a step (observable), and whether the unit loops. */
const unitArb = fc.integer({ min: 2, max: 20 }).chain((n) => fc.tuple(fc.array(shape(n), { minLength: n, maxLength: n }), fc.array(fc.boolean(), { minLength: n + 1, maxLength: n + 1 }), fc.boolean()));

function instrOf(s: Shape): Instr {
  switch (s.op) {
    case 'set':
      return { loc, text: 'x = ...', op: 'set', dst: regs[s.dst]!, args: s.args.map(val), fn: () => 0 };
    case 'br':
      return { loc, text: 'if (...)', op: 'br', cond: val(s.cond), t: s.t, f: s.f };
    case 'jmp':
      return { loc, text: 'goto', op: 'jmp', t: s.t };
  }
}

describe('register fields', () => {
  it('no write lands in the field of another register live after it, and no two registers live at one step start share a field', () => {
    fc.assert(
      fc.property(unitArb, ([shapes, observable, loop]) => {
        const instrs: Instr[] = [...shapes.map(instrOf), { loc, text: '}', op: 'end' }];
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
