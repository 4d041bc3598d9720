/**
 * The generated event list (src/core/event-guards.ts) on hand-made roles, without a C model:
 * events with and without guards, ignoring the runnable test or not, with `onlyWhen` claims of
 * one or several values (and none), over random states. It must list exactly what a plain loop
 * that calls every guard lists, in event order, and never call a guard its `onlyWhen` rules
 * out. (test/event-guards.test.ts checks the C compiler's claims themselves.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventGuards } from '../src/core/event-guards.js';
import type { Role, State, Step } from '../src/core/model.js';

interface EventShape {
  readonly guard: number | null;
  readonly ignoresRunnable: boolean;
  readonly onlyWhen: { readonly field: number; readonly values: readonly number[] } | null;
}

const BLOCK = 4;
const shape: fc.Arbitrary<EventShape> = fc.record({
  guard: fc.option(fc.nat(BLOCK * 3 - 1)),
  ignoresRunnable: fc.boolean(),
  onlyWhen: fc.option(fc.record({ field: fc.nat(BLOCK - 1), values: fc.uniqueArray(fc.nat(3), { maxLength: 3 }) })),
});

/** A guard reading one byte of the state: true when it is odd. Counts its calls by state byte. */
function roleOf(shapes: readonly EventShape[], calls: { made: { event: number; base: number }[] }): Role {
  const events: Step[] = shapes.map((sh, e) => ({
    name: `e${e}`,
    source: 'test',
    run: () => undefined,
    ...(sh.ignoresRunnable ? { ignoresRunnable: true } : {}),
    ...(sh.onlyWhen !== null ? { onlyWhen: sh.onlyWhen } : {}),
    ...(sh.guard !== null
      ? {
          enabled: (s: State, cpu: number): boolean => {
            calls.made.push({ event: e, base: cpu * BLOCK });
            return (s[sh.guard!]! & 1) === 1;
          },
        }
      : {}),
  }));
  return { name: 'r', symmetric: false, programs: [{ name: 'p', source: 'p()', loop: false, steps: [] }], events };
}

describe('eventGuards', () => {
  it('lists what calling every guard lists, and calls no guard its onlyWhen rules out', () => {
    fc.assert(
      fc.property(
        fc.array(shape, { maxLength: 8 }),
        fc.uint8Array({ minLength: BLOCK * 3, maxLength: BLOCK * 3, max: 3 }),
        fc.nat(2),
        fc.boolean(),
        fc.nat(50),
        (shapes, s, cpu, runnable, at) => {
          const calls = { made: [] as { event: number; base: number }[] };
          const role = roleOf(shapes, calls);
          const base = cpu * BLOCK;
          const atByte = (sh: EventShape): boolean => sh.onlyWhen === null || sh.onlyWhen.values.includes(s[base + sh.onlyWhen.field]!);
          const want = shapes.flatMap((sh, e) => ((runnable || sh.ignoresRunnable) && atByte(sh) && (sh.guard === null || (s[sh.guard]! & 1) === 1) ? [at + e] : []));
          const out = new Int32Array(shapes.length + 3).fill(-1);
          out[0] = 7;
          const n = eventGuards(role)(s, cpu, base, runnable, out, 1, at);
          // Written after what was there, in event order.
          expect(out[0]).toBe(7);
          expect(Array.from(out.subarray(1, n))).toEqual(want);
          for (const c of calls.made) expect(atByte(shapes[c.event]!), `guard of e${c.event} called where onlyWhen rules it out`).toBe(true);
        },
      ),
      { numRuns: 500, seed: 12 },
    );
  });

  it('refuses an onlyWhen that is not a byte offset and whole values', () => {
    const calls = { made: [] };
    for (const onlyWhen of [
      { field: -1, values: [0] },
      { field: 1.5, values: [0] },
      { field: 0, values: [0.5] },
    ]) {
      const role = roleOf([{ guard: null, ignoresRunnable: true, onlyWhen }], calls);
      expect(() => eventGuards(role)).toThrow(/malformed onlyWhen/);
    }
  });
});
