/**
 * The progress counterexample's lasso (src/core/lasso.ts) on explicit graphs whose answer is
 * read off the drawing: the stem is a shortest path to the first state, in breadth-first order,
 * that lies on a cycle; the cycle is a shortest one back to it; a preferred state on a cycle
 * (a CPU blocked in its wait) starts the cycle instead; with no cycle, the stem leads to the
 * first dead end; a region larger than the state cap gives no lasso.
 */
import { describe, expect, it } from 'vitest';
import { lassoFrom, type Lasso } from '../src/core/lasso.js';
import type { Machine } from '../src/core/machine.js';
import { graphMachine, node, nodeOf, type Edge } from './toys/graph-machine.js';

/** The node reached from `start` by `actions`, each of which must be enabled where it is taken. */
function walk(m: Machine, start: number, actions: readonly number[]): number {
  let s = node(start);
  const acts = new Int32Array(m.maxActions);
  for (const a of actions) {
    const n = m.enabled(s, acts);
    expect(Array.from(acts.subarray(0, n))).toContain(a);
    const next = new Uint8Array(m.stateSize);
    m.apply(s, a, next);
    s = next;
  }
  return nodeOf(s);
}

/**
 * The lasso from node 0, checked to be one: the cycle leads back to where the stem ends, or,
 * with no cycle, the stem ends where nothing is enabled.
 */
function lassoOf(edges: readonly Edge[], maxStates = 100, prefer?: (n: number) => boolean): Lasso | undefined {
  const m = graphMachine(edges);
  const l = prefer === undefined ? lassoFrom(m, node(0), maxStates) : lassoFrom(m, node(0), maxStates, (s) => prefer(nodeOf(s)));
  if (l !== undefined) {
    const end = walk(m, 0, l.stem);
    if (l.cycle.length > 0) expect(walk(m, end, l.cycle)).toBe(end);
    else expect(m.enabled(node(end), new Int32Array(m.maxActions))).toBe(0);
  }
  return l;
}

describe('the lasso of a stuck region', () => {
  it('has a shortest stem to the first state on a cycle and the shortest cycle through it', () => {
    // 0 -> 1 -> 2, then from 2 a cycle of two (2 -> 3 -> 2) and one of three (2 -> 5 -> 3 -> 2);
    // 5 is met before 3, so the longer way to 3 is seen before 3 is expanded.
    const edges: Edge[] = [[0, 1], [1, 2], [2, 5], [2, 3], [5, 3], [3, 2]];
    expect(lassoOf(edges)).toEqual({ stem: [0, 1], cycle: [3, 5] });
  });

  it('finds the cycle through the start state, by an edge back to it', () => {
    expect(lassoOf([[0, 1], [1, 0]])).toEqual({ stem: [], cycle: [0, 1] });
  });

  it('starts the cycle at the first preferred state on a cycle, and ignores a preferred state on none', () => {
    const edges: Edge[] = [[0, 1], [1, 2], [2, 1]];
    expect(lassoOf(edges)).toEqual({ stem: [0], cycle: [1, 2] });
    expect(lassoOf(edges, 100, (n) => n === 2)).toEqual({ stem: [0, 1], cycle: [2, 1] });
    expect(lassoOf(edges, 100, (n) => n === 0)).toEqual({ stem: [0], cycle: [1, 2] });
  });

  it('without a cycle, leads to the first dead end breadth-first order meets, with an empty cycle', () => {
    // Dead ends at 3 (one step) and 2 (two steps).
    expect(lassoOf([[0, 1], [0, 3], [1, 2]])).toEqual({ stem: [1], cycle: [] });
    expect(lassoOf([])).toEqual({ stem: [], cycle: [] });
  });

  it('is a true lasso or none where the cycle lies far down a long stem', () => {
    const chain: Edge[] = Array.from({ length: 600 }, (_, i) => [i, i + 1] as const);
    lassoOf([...chain, [600, 600]], 1000);
  });

  it('is found with a state cap of exactly the region size, and not one below it', () => {
    const ring: Edge[] = [[0, 1], [1, 2], [2, 3], [3, 4], [4, 0]];
    expect(lassoOf(ring, 5)).toEqual({ stem: [], cycle: [0, 1, 2, 3, 4] });
    expect(lassoOf(ring, 4)).toBeUndefined();
  });
});
