/**
 * Why a guard is false (src/core/why-blocked.ts), on small layouts: a single field is reported
 * with its CPU (none for a global) and its current value, only values of the field's domain are
 * tried, skipped fields are never reported, a guard already true has no answer, and pairs of
 * one CPU's fields are tried only where no single field unblocks, each probe starting again
 * from the state asked about.
 */
import { describe, expect, it } from 'vitest';
import { defineLayout, type Layout } from '../src/core/layout.js';
import type { State } from '../src/core/model.js';
import { formatField, formatSets, unblockingFields, unblockingSets } from '../src/core/why-blocked.js';

const bit = (name: string) => ({ name, values: ['no', 'yes'] });
type L = Layout<string, string>;

/** A state of layout `L` with the given bytes set. */
function state(L: L, set: Record<number, number>): State {
  const s = new Uint8Array(L.size);
  for (const [i, v] of Object.entries(set)) s[Number(i)] = v;
  return s;
}

describe('the single fields that unblock a guard', () => {
  // One global and two CPUs of two fields each: CPU1's `b` is at offset 1 + 2 + 1 = 4.
  const L = defineLayout([bit('g')], [bit('a'), bit('b')], 2);

  it('names a CPU field with its CPU and current value, a global without a CPU', () => {
    const s = state(L, { [L.base(1) + 1]: 1 });
    const guard = (x: State) => x[L.base(1) + 1] === 0 || x[0] === 1;
    expect(unblockingFields(L, s, guard)).toStrictEqual([
      { field: 'g', value: 'no' },
      { cpu: 1, field: 'b', value: 'yes' },
    ]);
  });

  it('has no answer for a guard that already holds, and none from a value outside the field\'s domain', () => {
    expect(unblockingFields(L, state(L, {}), () => true)).toStrictEqual([]);
    expect(unblockingFields(L, state(L, {}), (x) => x[L.base(0)] === 2)).toStrictEqual([]);
  });

  it('never reports a skipped field', () => {
    const guard = (x: State) => x[0] === 1;
    expect(unblockingFields(L, state(L, {}), guard, (f) => f.name === 'g')).toStrictEqual([]);
    expect(unblockingFields(L, state(L, {}), guard, (f) => f.name === 'a')).toStrictEqual([{ field: 'g', value: 'no' }]);
  });

  it('works on a layout with global fields only', () => {
    const G = defineLayout([bit('g'), bit('h')], [], 1);
    expect(unblockingFields(G, state(G, {}), (x) => x[1] === 1)).toStrictEqual([{ field: 'h', value: 'no' }]);
  });
});

describe('the pairs of fields that unblock a guard', () => {
  // Two CPUs of four fields after one global; CPU1's block starts at 5.
  const L = defineLayout([bit('g')], [bit('w'), bit('x'), bit('y'), bit('z')], 2);
  const at = (cpu: number, f: number) => L.base(cpu) + f;

  it('are tried only where no single field unblocks, and where the guard does not already hold', () => {
    const s = state(L, {});
    const one = (x: State) => x[at(1, 2)] === 1;
    expect(unblockingSets(L, s, one, 1)).toStrictEqual([[{ cpu: 1, field: 'y', value: 'no' }]]);
    expect(unblockingSets(L, s, () => true, 1)).toStrictEqual([]);
  });

  it('change both fields of the pair, and each probe starts again from the state asked about', () => {
    // CPU0's fields are all 0 and CPU1's all 1. The guard needs CPU1's x kept at 1 and its y
    // and z both changed to 0: only the pair (y, z) unblocks it. A probe that left x changed,
    // or compared with CPU0's bytes, would miss it or find another.
    const s = state(L, { [at(1, 0)]: 1, [at(1, 1)]: 1, [at(1, 2)]: 1, [at(1, 3)]: 1 });
    const guard = (x: State) => x[at(1, 1)] === 1 && x[at(1, 2)] === 0 && x[at(1, 3)] === 0;
    expect(unblockingFields(L, s, guard)).toStrictEqual([]);
    expect(unblockingSets(L, s, guard, 1)).toStrictEqual([
      [
        { cpu: 1, field: 'y', value: 'yes' },
        { cpu: 1, field: 'z', value: 'yes' },
      ],
    ]);
     // The last field, z, must keep its value while x and y change: probes of z with w, x and
    // y came before, and each must have put z back.
    const keepZ = (x: State) => x[at(1, 1)] === 0 && x[at(1, 2)] === 0 && x[at(1, 3)] === 1;
    expect(unblockingSets(L, s, keepZ, 1)).toStrictEqual([
      [
        { cpu: 1, field: 'x', value: 'yes' },
        { cpu: 1, field: 'y', value: 'yes' },
      ],
    ]);
  });

  it('try only values of the fields\' domains', () => {
    const s = state(L, { [at(1, 0)]: 1, [at(1, 1)]: 1 });
    const outside = (x: State) => (x[at(1, 0)] === 2 && x[at(1, 1)] === 0) || (x[at(1, 0)] === 0 && x[at(1, 1)] === 2);
    expect(unblockingSets(L, s, outside, 1)).toStrictEqual([]);
  });

  it('never include a skipped field', () => {
    const s = state(L, {});
    const both = (x: State) => x[at(1, 0)] === 1 && x[at(1, 1)] === 1;
    const pair = [
      { cpu: 1, field: 'w', value: 'no' },
      { cpu: 1, field: 'x', value: 'no' },
    ];
    expect(unblockingSets(L, s, both, 1, (f) => f.name === 'g')).toStrictEqual([pair]);
    expect(unblockingSets(L, s, both, 1, (f) => f.name === 'w')).toStrictEqual([]);
    expect(unblockingSets(L, s, both, 1, (f) => f.name === 'x')).toStrictEqual([]);
  });
});

describe('the fields as text', () => {
  it('names the CPU of a CPU field only, joins a pair with "and" and alternatives with ", or"', () => {
    expect(formatField({ field: 'g', value: 'no' })).toBe('g=no');
    expect(formatField({ cpu: 2, field: 'a', value: 'yes' })).toBe('CPU2.a=yes');
    expect(formatSets([[{ cpu: 1, field: 'a', value: 'no' }, { cpu: 1, field: 'b', value: 'yes' }], [{ field: 'g', value: 'no' }]])).toBe('CPU1.a=no and CPU1.b=yes, or g=no');
  });
});
