/**
 * The transition log of the progress check (src/engines/edge-log.ts): it keeps every edge up
 * to its limit, in order, past its first 16,384 (where its arrays grow); once over the limit
 * it says so (incomplete) and stops storing; and `cannotReach` marks exactly the states from
 * which no path reaches a done state, compared with a naive search forward from each state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EdgeLog } from '../src/engines/edge-log.js';

/** Naive: can `x` reach a done state along `edges`? Forward search from x over an adjacency list. */
function naiveCannotReach(states: number, edges: readonly (readonly [number, number])[], done: Uint8Array): number[] {
  const out: number[] = [];
  for (let x = 0; x < states; x++) {
    const seen = new Set<number>([x]);
    const todo = [x];
    let ok = false;
    while (todo.length > 0 && !ok) {
      const y = todo.pop()!;
      if (done[y] === 1) ok = true;
      for (const [a, b] of edges) if (a === y && !seen.has(b)) (seen.add(b), todo.push(b));
    }
    out.push(ok ? 0 : 1);
  }
  return out;
}

describe('EdgeLog', () => {
  it('keeps every edge in order, also past the 16,384 its arrays start with', () => {
    const n = 20_000;
    const log = new EdgeLog(n);
    for (let e = 0; e < n; e++) log.add(e, (e * 7) % n);
    expect(log.complete).toBe(true);
    const p = log.pairs();
    expect(p.length).toBe(2 * n);
    let wrong = 0;
    for (let e = 0; e < n; e++) if (p[2 * e] !== e || p[2 * e + 1] !== (e * 7) % n) wrong++;
    expect(wrong).toBe(0);
  });

  it('is complete with exactly its limit of edges, incomplete past it, and then stores no more', () => {
    const log = new EdgeLog(3);
    log.add(0, 1);
    log.add(1, 2);
    log.add(2, 0);
    expect(log.complete).toBe(true);
    expect(Array.from(log.pairs())).toEqual([0, 1, 1, 2, 2, 0]);
    log.add(2, 1);
    expect(log.complete).toBe(false);
    for (let e = 0; e < 10; e++) log.add(1, 0);
    expect(log.complete).toBe(false);
    // Stops storing: the count stays one past the limit, the pairs are the first three.
    expect(log.count).toBe(4);
    expect(Array.from(log.pairs())).toEqual([0, 1, 1, 2, 2, 0]);
  });

  it('a limit of 0 is over at the first edge', () => {
    const log = new EdgeLog(0);
    expect(log.complete).toBe(true);
    log.add(0, 0);
    expect(log.complete).toBe(false);
    expect(log.pairs().length).toBe(0);
  });

  it('cannotReach: exactly the states with no path to a done state (random graphs, naive forward search)', () => {
    const graph = fc.integer({ min: 1, max: 9 }).chain((states) =>
      fc.record({
        states: fc.constant(states),
        edges: fc.array(fc.tuple(fc.nat({ max: states - 1 }), fc.nat({ max: states - 1 })), { maxLength: 20 }),
        done: fc.array(fc.boolean(), { minLength: states, maxLength: states }),
      }),
    );
    fc.assert(
      fc.property(graph, ({ states, edges, done }) => {
        const log = new EdgeLog(1000);
        for (const [a, b] of edges) log.add(a, b);
        const d = Uint8Array.from(done, (x) => (x ? 1 : 0));
        expect(Array.from(log.cannotReach(states, d))).toEqual(naiveCannotReach(states, edges, d));
      }),
      { seed: 18, numRuns: 400 },
    );
  });

  it('cannotReach by hand: a chain 3 -> 2 -> 1 into done 1, and 0 -> 0 apart', () => {
    const log = new EdgeLog(10);
    log.add(3, 2);
    log.add(2, 1);
    log.add(0, 0);
    expect(Array.from(log.cannotReach(4, Uint8Array.from([0, 1, 0, 0])))).toEqual([1, 0, 0, 0]);
  });
});
