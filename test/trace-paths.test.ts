/**
 * The tracing view footprints and the sticky check run closures on (src/core/trace-paths.ts):
 * every path through a closure is enumerated, a first read of a byte branching over its
 * domain; a byte written reads back what was written; a read or write past the state is
 * dropped like a typed array's, and recorded as neither; anything but indexing the state and
 * asking its length is refused; and a closure with more paths than the limit is refused.
 */
import { describe, expect, it } from 'vitest';
import type { State } from '../src/core/model.js';
import { StepBlocked } from '../src/core/step-blocked.js';
import { MAX_PATHS, TooManyPaths, tracePaths } from '../src/core/trace-paths.js';

const values = (n: number) => () => Array.from({ length: n }, (_, v) => v);

describe('the paths through a closure', () => {
  it('are every combination of the values of the bytes it reads, in order, each with what it returned', () => {
    const r = tracePaths(4, values(3), (s) => s[1]! + s[3]! === 2);
    expect(r.paths.length).toBe(9);
    expect(r.paths.filter((p) => p.result).map((p) => p.reads)).toEqual([
      [[1, 0], [3, 2]],
      [[1, 1], [3, 1]],
      [[1, 2], [3, 0]],
    ]);
    expect([...r.reads]).toEqual([1, 3]);
  });

  it('read back a byte written, which is then not a read', () => {
    const r = tracePaths(2, values(2), (s) => {
      s[0] = 1;
      return s[0] === 1 && s[1] === 0;
    });
    expect([...r.writes]).toEqual([0]);
    expect([...r.reads]).toEqual([1]);
    expect(r.paths.map((p) => p.result)).toEqual([true, false]);
  });

  it('drop a read or a write past the state, and record neither', () => {
    const r = tracePaths(2, values(2), (s) => {
      s[2] = 1;
      return s[2] === undefined && s[999999] === undefined && s.length === 2;
    });
    expect(r.paths).toEqual([{ reads: [], result: true }]);
    expect([...r.writes]).toEqual([]);
    expect([...r.reads]).toEqual([]);
  });

  it('refuse anything but indexing the state', () => {
    const uses = (f: (s: State) => unknown) => () => tracePaths(2, values(2), (s) => void f(s));
    expect(uses((s) => s.subarray(0, 1))).toThrow('footprint: a step used state.subarray; steps may only index the state');
    for (const key of ['', '-1', '1x', ' 1', '1234567']) expect(uses((s) => (s as unknown as Record<string, unknown>)[key])).toThrow(`a step used state.${key};`);
    expect(uses((s) => ((s as unknown as Record<string, number>)['x'] = 1))).toThrow('footprint: a step wrote state.x');
  });

  // A step runs only where it is enabled: what its code does on a state where it blocks is
  // not the step's footprint (a C step's wait ran over by the POR footprints, issue 14).
  it('leave out a path on which the closure throws StepBlocked: its reads, its writes, the path itself', () => {
    const r = tracePaths(3, values(2), (s) => {
      if (s[0] === 0) {
        s[2] = 1;
        if (s[1] === 1) throw new StepBlocked('blocked');
        return true;
      }
      return false;
    });
    expect(r.paths).toEqual([
      { reads: [[0, 0], [1, 0]], result: true },
      { reads: [[0, 1]], result: false },
    ]);
    expect([...r.writes]).toEqual([2]);
    expect([...r.reads].sort()).toEqual([0, 1]);
    const blockedOnly = tracePaths(2, values(2), (s) => {
      s[0] = 1;
      if (s[1] === 0) throw new StepBlocked('blocked');
    });
    expect(blockedOnly.paths).toEqual([{ reads: [[1, 1]], result: false }]);
    expect([...blockedOnly.writes]).toEqual([0]);
    const never = tracePaths(2, values(2), (s) => {
      s[0] = s[1]!;
      throw new StepBlocked('blocked');
    });
    expect([never.paths, [...never.reads], [...never.writes]]).toEqual([[], [], []]);
    expect(() => tracePaths(1, values(2), () => { throw new Error('a real error'); })).toThrow('a real error');
  });

  it('count blocked paths towards the limit', () => {
    expect(() => tracePaths(1, values(5), (s) => { if (s[0] !== 4) throw new StepBlocked('blocked'); }, 4)).toThrow(TooManyPaths);
  });

  it('are refused past the limit, and enumerated at exactly the limit', () => {
    const five = (s: State) => s[0] === 4;
    expect(tracePaths(1, values(5), five, 5).paths.length).toBe(5);
    expect(() => tracePaths(1, values(5), five, 4)).toThrow(TooManyPaths);
    expect(new TooManyPaths(4).message).toBe('more than 4 paths through one step');
    expect(new TooManyPaths().message).toBe(`more than ${MAX_PATHS} paths through one step`);
  });
});
