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
import { hashWords, StateStore } from '../src/engines/state-store.js';
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

  it('keeps states of every size, 1 to 13 bytes: a state is its bytes, not its padded words', () => {
    for (let size = 1; size <= 13; size++) {
      const store = new StateStore(size);
      // Distinct in the first byte or the last one only, so padding must not hide the difference.
      const all = Array.from({ length: 40 }, (_, i) => Array.from({ length: size }, (_, b) => (b === 0 ? i % 20 : b === size - 1 ? (size === 1 ? i : i >> 1) & 0xff : 7)));
      const distinct = [...new Map(all.map((s) => [s.join(','), s])).values()];
      const ids = distinct.map((s) => store.intern(Uint8Array.from(s)));
      expect(ids, `size ${size}`).toEqual(distinct.map((_, i) => ~i));
      distinct.forEach((s, i) => expect([...store.read(i, new Uint8Array(size))], `size ${size}`).toEqual(s));
    }
  });

  it('reports its bytes: the words states differ in per state plus a table of two words per slot, never more than half full', () => {
    // The memory figure benchmarks quote (bytes per state). The table starts with a power of two
    // of at least twice the capacity asked for, and doubles as soon as it is more than half full.
    // These states differ in their first byte only: one word of each is kept (none of the first,
    // while it is the only one).
    for (const [size, capacity] of [[7, 4], [5, 3], [13, 1], [4, 1 << 12]] as const) {
      const store = new StateStore(size, capacity);
      let slots = 1;
      while (slots < 2 * capacity) slots *= 2;
      for (let n = 1; n <= 70; n++) {
        store.intern(Uint8Array.from({ length: size }, (_, b) => (b === 0 ? n : 0)));
        if (2 * n > slots) slots *= 2;
        const words = n === 1 ? 0 : 1;
        expect(store.activeWords).toBe(words);
        expect(store.bytes, `size ${size}, capacity ${capacity}, ${n} states`).toBe(n * 4 * words + slots * 8);
        expect(store.bytes).toBeGreaterThanOrEqual(n * (4 * words + 16));
      }
    }
  });

  it('keeps a word only once some state differs from the first in it, and every earlier state reads back exact after each such rewrite', () => {
    // 12-byte states (three words); states differ first in word 0, later also in word 2, last in
    // word 1, each rewrite coming after the table was resized; duplicates interned in between.
    const size = 12;
    const all: number[][] = [];
    const store = new StateStore(size, 2);
    const check = (): void => {
      all.forEach((s, i) => expect([...store.read(i, new Uint8Array(size))], `state ${i}`).toEqual(s));
      all.forEach((s, i) => expect(store.intern(Uint8Array.from(s)), `state ${i} again`).toBe(i));
    };
    const add = (s: number[]): void => {
      expect(store.intern(Uint8Array.from(s))).toBe(~all.length);
      all.push(s);
    };
    for (let i = 0; i < 40; i++) add([i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(store.activeWords).toBe(1);
    check();
    for (let i = 0; i < 40; i++) add([i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, i === 0 ? 0 : 11 + i]);
    expect(store.activeWords).toBe(2);
    check();
    add([3, 1, 2, 3, 4, 5, 99, 7, 8, 9, 10, 11]);
    expect(store.activeWords).toBe(3);
    check();
    expect(store.count).toBe(81);
  });

  it('makes every word active at once when a large store has been rewritten often', () => {
    // A rewrite costs a pass over every record; once the store was rewritten 8 times while it
    // held 65,536 states or more, the next state in a new word makes all of them active.
    const words = 12;
    const store = new StateStore(4 * words, undefined, hashWords);
    const state = (v: number, w: number): Uint8Array => {
      const s = new Uint8Array(4 * words);
      s[0] = v & 0xff;
      s[1] = v >> 8;
      s[4 * w + 2] = w === 0 ? 0 : 1;
      return s;
    };
    for (let v = 0; v < 1 << 16; v++) expect(store.intern(state(v, 0))).toBe(~v);
    for (let w = 1; w <= 8; w++) {
      store.intern(state(7, w));
      expect(store.activeWords).toBe(w + 1);
    }
    store.intern(state(7, 9));
    expect(store.activeWords).toBe(words);
    expect(store.count).toBe((1 << 16) + 9);
    for (const v of [0, 255, 256, 65535]) expect(store.intern(state(v, 0))).toBe(v);
    for (let w = 1; w <= 9; w++) expect([...store.read((1 << 16) + w - 1, new Uint8Array(4 * words))]).toEqual([...state(7, w)]);
  });

  it('hashes every word of a state, and spreads states over the low bits a table slot is taken from', () => {
    // The store is exact whatever the hash; a hash that ignores words or bunches states makes
    // every probe a long scan, and a large check then runs out of time (inconclusive, not holds).
    const states = Array.from({ length: 4096 }, (_, i) => Int32Array.from({ length: 3 }, (_, k) => (k === i % 3 ? (i * 0x9e3779b1) | 0 : k)));
    const hashes = states.map((w) => hashWords(w));
    expect(new Set(hashes).size).toBe(states.length);
    expect(new Set(hashes.map((h) => h & 0xfff)).size).toBeGreaterThan(2000);
    for (let k = 0; k < 3; k++) {
      const w = Int32Array.from([1, 2, 3]);
      const before = hashWords(w);
      w[k] = w[k]! + 1;
      expect(hashWords(w), `word ${k}`).not.toBe(before);
    }
  });

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
