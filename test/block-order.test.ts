/**
 * The block order symmetry reduction sorts by (src/core/block-order.ts) is the bytes'
 * lexicographic order, whatever the block size and wherever the blocks start: four bytes read
 * at a time as one big-endian word must order blocks as the bytes one by one do, or orbits
 * would get other representatives (and traces other states).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockOrder } from '../src/core/block-order.js';

const byteOrder = (s: Uint8Array, x: number, y: number, size: number): number => {
  for (let i = 0; i < size; i++) if (s[x + i] !== s[y + i]) return s[x + i]! - s[y + i]!;
  return 0;
};

describe('BlockOrder', () => {
  it('orders two blocks as their bytes compared one by one do, at any offsets and sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 13 }), fc.nat(7), fc.nat(7), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 40, maxLength: 40 }), fc.nat(3), (size, x, gap, bytes, lead) => {
        // Blocks often share a prefix: copy part of the first into the second.
        const s = Uint8Array.from(bytes);
        const y = x + size + gap;
        for (let i = 0; i < Math.min(size, lead * 4); i++) s[y + i] = s[x + i]!;
        const o = new BlockOrder(size);
        const buf = new Uint8Array(48);
        buf.set(s, 3);
        const view = buf.subarray(3, 43);
        o.view(view);
        expect(Math.sign(o.compare(view, x, y))).toBe(Math.sign(byteOrder(s, x, y, size)));
        expect(Math.sign(o.compare(view, y, x))).toBe(Math.sign(byteOrder(s, y, x, size)));
        expect(o.compare(view, x, x)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('swaps two blocks and nothing else, and follows a new buffer', () => {
    const o = new BlockOrder(5);
    const a = Uint8Array.from([1, 2, 3, 4, 5, 9, 6, 7, 8, 9, 10]);
    o.view(a);
    o.swap(a, 0, 6);
    expect([...a]).toEqual([6, 7, 8, 9, 10, 9, 1, 2, 3, 4, 5]);
    const b = Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    o.view(b);
    expect(o.compare(b, 0, 5)).toBeGreaterThan(0);
    // Another window on the same memory: read from its own start, not the previous one's.
    const shared = Uint8Array.from([9, 0, 0, 0, 0, 1, 0, 5, 0, 0, 0, 0]);
    const first = shared.subarray(0, 10);
    o.view(first);
    expect(o.compare(first, 0, 5)).toBeGreaterThan(0);
    const second = shared.subarray(2, 12);
    o.view(second);
    expect(o.compare(second, 0, 5)).toBeLessThan(0);
    expect(o.compare(second, 5, 0)).toBeGreaterThan(0);
  });
});
