/**
 * Random code units for the register tests (liveness, register fields): straight-line `set`s,
 * branches both ways and jumps back over a fixed pool of registers, then `end`.
 */
import fc from 'fast-check';
import type { Instr, Reg, Val } from '../../src/cmodel/ir.js';

const loc = { file: 'unit.c', line: 1, col: 1 };

export type Shape = { op: 'set'; dst: number; args: (number | null)[] } | { op: 'br'; cond: number | null; t: number; f: number } | { op: 'jmp'; t: number } | { op: 'end' };

/** `count` registers with ids spread apart (ids are not indices). */
export function registerPool(count: number, firstId: number): Reg[] {
  return Array.from({ length: count }, (_, i) => ({ id: firstId + 7 * i, name: `f.r${i}`, lo: 0, hi: 3, cpuValued: false }));
}

/** One instruction of a unit of `n` instructions, over `regs` registers: jump targets 0..n-1, or n (the unit's end). */
export const shapeArb = (n: number, regs: number, args = 3): fc.Arbitrary<Shape> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), dst: fc.nat(regs - 1), args: fc.array(fc.option(fc.nat(regs - 1)), { maxLength: args }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('br' as const), cond: fc.option(fc.nat(regs - 1)), t: fc.nat(n), f: fc.nat(n) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('jmp' as const), t: fc.nat(n) }) },
  );

export function instrOf(regs: readonly Reg[]): (s: Shape) => Instr {
  const val = (r: number | null): Val => (r === null ? { k: 'c', v: 1 } : { k: 'r', r: regs[r]! });
  return (s) => {
    switch (s.op) {
      case 'set':
        return { loc, text: 'x = ...', op: 'set', dst: regs[s.dst]!, args: s.args.map(val), fn: () => 0 };
      case 'br':
        return { loc, text: 'if (...)', op: 'br', cond: val(s.cond), t: s.t, f: s.f };
      case 'jmp':
        return { loc, text: 'goto', op: 'jmp', t: s.t };
      case 'end':
        return { loc, text: '}', op: 'end' };
    }
  };
}
