/**
 * Register liveness (src/cmodel/steps/liveness.ts) on bit sets, against the dataflow equations
 * solved the plain way (sets, one instruction at a time until nothing changes) on random
 * control-flow graphs: straight-line code, branches both ways, jumps back (loops), a looping
 * unit's end going back to its start, and more than 32 registers (several words per set).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instr } from '../src/cmodel/ir.js';
import { liveIn, successors, usesDefs } from '../src/cmodel/steps/liveness.js';
import { instrOf as instrOver, registerPool, shapeArb } from './toys/random-unit.js';

const regs = registerPool(40, 1000);
const instrOf = instrOver(regs);

const program = fc.integer({ min: 1, max: 24 }).chain((n) => fc.tuple(fc.array(shapeArb(n, regs.length), { minLength: n, maxLength: n }), fc.boolean()));

/** The equations solved with sets, as the definition reads. */
function plainLiveIn(instrs: readonly Instr[], loop: boolean): Set<number>[] {
  const live = instrs.map(() => new Set<number>());
  for (let changed = true; changed; ) {
    changed = false;
    instrs.forEach((ins, k) => {
      const { uses, defs } = usesDefs(ins);
      const out = new Set(successors(ins, k, loop).flatMap((s) => [...(live[s] ?? [])]));
      const next = new Set([...uses, ...[...out].filter((r) => !defs.has(r))]);
      if (next.size !== live[k]!.size) {
        live[k] = next;
        changed = true;
      }
    });
  }
  return live;
}

const sorted = (xs: readonly Set<number>[]): number[][] => xs.map((s) => [...s].sort((a, b) => a - b));

describe('liveIn', () => {
  it('solves the liveness equations as the plain set-based fixed point does', () => {
    fc.assert(
      fc.property(program, ([body, loop]) => {
        const instrs = [...body.map(instrOf), instrOf({ op: 'end' })];
        expect(sorted(liveIn(instrs, loop))).toEqual(sorted(plainLiveIn(instrs, loop)));
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  it('keeps a register read after a loop live around it, and one redefined before its use dead', () => {
    // 0: r0 = r1   1: if (r2) goto 0 else 2   2: r1 = 1   3: r3 = r0 + r1   4: end
    const instrs = [
      instrOf({ op: 'set', dst: 0, args: [1] }),
      instrOf({ op: 'br', cond: 2, t: 0, f: 2 }),
      instrOf({ op: 'set', dst: 1, args: [null] }),
      instrOf({ op: 'set', dst: 3, args: [0, 1] }),
      instrOf({ op: 'end' }),
    ];
    const ids = (...rs: number[]): number[] => rs.map((r) => regs[r]!.id).sort((a, b) => a - b);
    expect(sorted(liveIn(instrs, false))).toEqual([ids(1, 2), ids(0, 1, 2), ids(0), ids(0, 1), []]);
    // Looping: the end goes back to the start, so r1 and r2 are live at the end.
    expect(sorted(liveIn(instrs, true))[4]).toEqual(ids(1, 2));
  });
});
