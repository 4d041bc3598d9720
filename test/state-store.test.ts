/**
 * The visited set is exact: a state is found only by comparing all its bytes, never by its hash
 * alone, so a `holds` never rests on a lucky hash. Forced collisions (a hash that is the same
 * for every state, or that sees only the first word) must not merge distinct states, in the
 * store, in the parallel engine's shared table, and in a whole BFS, whose state count must then
 * still be the one a naive explorer derives.
 */
import { describe, expect, it, vi } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { ARENA_MAX_BYTES, SharedVisited } from '../src/engines/parallel/shared-visited.js';
import { Table } from '../src/engines/parallel/table.js';
import { StateStore } from '../src/engines/state-store.js';
import { naiveExplore } from './toys/naive-explorer.js';
import { countWorkers, field, toy } from './toys/toy-spec.js';

// Every visited set BFS creates in this file hashes only the low bit of the first word.
vi.mock('../src/engines/state-store.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/engines/state-store.js')>();
  class Colliding extends real.StateStore {
    constructor(size: number, capacity?: number, hash?: (w: Int32Array) => number) {
      super(size, capacity, hash ?? ((w) => w[0]! & 1));
    }
  }
  return { ...real, StateStore: Colliding };
});

/** 300 distinct 7-byte states (two words, the second padded), differing in every byte somewhere, the last byte included. */
const states = Array.from({ length: 300 }, (_, i) => [i & 3, (i >> 2) & 3, 5, 5, (i >> 4) & 1, 9, i >> 5]);

describe('visited set', () => {
  for (const [name, hash] of [
    ['one hash for every state', () => 42],
    ['a hash of the first word only', (w: Int32Array) => w[0]!],
  ] as const) {
    it(`keeps distinct states apart under ${name}, through rehashes`, () => {
      const store = new StateStore(7, 4, hash);
      const ids = states.map((s) => store.intern(Uint8Array.from(s)));
      expect(ids).toEqual(states.map((_, i) => ~i));
      expect(store.count).toBe(states.length);
      states.forEach((s, i) => expect(store.intern(Uint8Array.from(s))).toBe(i));
      states.forEach((s, i) => expect([...store.read(i, new Uint8Array(7))]).toEqual(s));
    });

    it(`keeps distinct states apart in the parallel engine's shared table under ${name}`, () => {
      const table = new Table(4);
      table.grow(states.length);
      const v = new SharedVisited(7, 0, [new SharedArrayBuffer(0, { maxByteLength: ARENA_MAX_BYTES })], table.buffer, hash);
      const intern = (s: readonly number[]): number => {
        v.keyBytes.set(s);
        expect(v.reserve(1)).toBe(true);
        return v.intern();
      };
      expect(states.map(intern)).toEqual(states.map((_, i) => ~i));
      expect(states.map(intern)).toEqual(states.map((_, i) => i));
    });
  }

  it('a BFS whose visited set collides on every other state counts what the naive explorer counts', () => {
    const build = toy({
      globals: [field('done')],
      cpuFields: [field('ready'), field('round', 3)],
      controllers: 1,
      controller: [{ name: 'wait for all', enabled: (s, _c, t) => countWorkers(s, t, 'ready') === t.workers.length, run: (s, _c, t) => void (s[t.g('done')] = 1) }],
      worker: [
        [
          { name: 'round', run: (s, c, t) => void (s[t.at(c, 'round')] = (s[t.at(c, 'round')]! + 1) % 3) },
          { name: 'mark ready', run: (s, c, t) => void (s[t.at(c, 'ready')] = 1) },
        ],
      ],
      bad: () => false,
    });
    for (const cpus of [3, 4]) {
      const naive = naiveExplore(build(cpus));
      expect(bfs(compileModel(build(cpus)), { symmetry: false, maxStates: 1e6, timeoutMs: 1e4 })).toMatchObject({ verdict: 'holds', states: naive.states, transitions: naive.transitions, depth: naive.depth });
      expect(bfs(compileModel(build(cpus)), { symmetry: true, maxStates: 1e6, timeoutMs: 1e4 }).states).toBe(naive.orbits);
    }
  });
});
