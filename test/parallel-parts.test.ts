/**
 * The parts of the parallel BFS on their own, in one thread: the shared visited set is exact
 * (equal words found, different words inserted even where they probe the same slots), keeps working across
 * a rehash and arena growth, and names states by worker; edges are rewritten to dense
 * numbers; the progress judgement's passes and its fallback find the states that cannot reach
 * a finished one.
 */
import { describe, expect, it } from 'vitest';
import { ForwardEdges, type Adjacency } from '../src/engines/parallel/forward-edges.js';
import { complete, countStuck, Propagation } from '../src/engines/parallel/judge.js';
import { ARENA_MAX_BYTES, SharedVisited, workerBits } from '../src/engines/parallel/shared-visited.js';
import { Table } from '../src/engines/parallel/table.js';
import { hashWords } from '../src/engines/state-store.js';

const arena = (bytes = 0): SharedArrayBuffer => new SharedArrayBuffer(bytes, { maxByteLength: ARENA_MAX_BYTES });

function intern(v: SharedVisited, bytes: readonly number[]): number {
  v.keyBytes.set(bytes);
  expect(v.reserve(1)).toBe(true);
  return v.intern();
}

describe('parallel BFS parts', () => {
  it('worker bits: enough to name every worker', () => {
    expect([1, 2, 3, 4, 5, 64].map(workerBits)).toEqual([0, 1, 2, 2, 3, 6]);
  });

  it('the shared visited set finds equal states, inserts different ones, and survives rehash and growth', () => {
    const table = new Table(4);
    const arenas = [arena(), arena()];
    // Worker 1 of 2: its ids are odd.
    const v = new SharedVisited(6, 1, arenas, table.buffer);
    const states = Array.from({ length: 300 }, (_, i) => [i & 0xff, i >> 8, 7, 7, 7, (i * 37) & 0xff]);
    const ids: number[] = [];
    for (const s of states) {
      const r = intern(v, s);
      expect(r).toBeLessThan(0);
      ids.push(~r);
      if (v.count * 2 >= table.slots) {
        table.grow(v.count);
        v.useTable(table.take()!);
      }
    }
    expect(ids.every((id, i) => id === ((i << 1) | 1))).toBe(true);
    expect(v.count).toBe(300);
    states.forEach((s, i) => expect(intern(v, s)).toBe(ids[i]));
    const out = new Int32Array(v.words);
    v.read(ids[123]!, out);
    expect([...new Uint8Array(out.buffer, 0, 6)]).toEqual(states[123]);
    // Another worker's view sees the states after the arena grew under it.
    const other = new SharedVisited(6, 0, arenas, table.buffer);
    states.forEach((s, i) => expect(intern(other, s)).toBe(ids[i]));
    expect(other.count).toBe(0);
  });

  it('states probing the same few slots are told apart by their words', () => {
    // A two-slot table: every state probes the same few slots.
    const table = new Table(2);
    table.grow(2);
    const v = new SharedVisited(4, 0, [arena()], table.buffer);
    const a = intern(v, [1, 2, 3, 4]);
    const b = intern(v, [4, 3, 2, 1]);
    expect(a).toBeLessThan(0);
    expect(b).toBeLessThan(0);
    expect(intern(v, [1, 2, 3, 4])).toBe(~a);
    expect(intern(v, [4, 3, 2, 1])).toBe(~b);
  });

  it('two states with the same 32-bit hash are both kept: the set is exact', () => {
    // Birthday search for a collision among 8-byte states.
    const seen = new Map<number, number>();
    const key = new Int32Array(2);
    let pair: [number, number] | undefined;
    for (let i = 1; pair === undefined; i++) {
      key[0] = i;
      key[1] = Math.imul(i, 0x9e3779b1);
      const h = hashWords(key);
      const j = seen.get(h);
      if (j !== undefined) pair = [j, i];
      else seen.set(h, i);
    }
    const bytesOf = (i: number): number[] => [...new Uint8Array(Int32Array.of(i, Math.imul(i, 0x9e3779b1)).buffer)];
    const table = new Table(2);
    table.grow(4);
    const v = new SharedVisited(8, 0, [arena()], table.buffer);
    const a = intern(v, bytesOf(pair[0]));
    const b = intern(v, bytesOf(pair[1]));
    expect(a).toBeLessThan(0);
    expect(b).toBeLessThan(0);
    expect(intern(v, bytesOf(pair[1]))).toBe(~b);
    expect(intern(v, bytesOf(pair[0]))).toBe(~a);
  });

  it('edges are kept per source and rewritten to dense state numbers (worker offsets plus local index)', () => {
    const e = new ForwardEdges();
    // Two workers (1 bit): id 0 = w0#0, 1 = w1#0, 2 = w0#1, 5 = w1#2.
    e.source(0);
    e.add(1);
    e.add(5);
    e.source(5);
    e.source(1);
    e.add(2);
    const { sources, starts, targets } = e.dense([0, 10], 1);
    expect([...sources]).toEqual([0, 12, 10]);
    expect([...starts]).toEqual([0, 2, 2, 3]);
    expect([...targets]).toEqual([10, 12, 1]);
  });

  // 0 -> 1 -> 2 (finished); 3 <-> 4 never finish; 0 -> 3; 5 -> 0, expanded last, so the first
  // pass (from the end) meets 5 before 0 is marked and marks it only on the next.
  const graph: Adjacency[] = [
    { sources: Int32Array.of(0, 1, 5), starts: Int32Array.of(0, 2, 3, 4), targets: Int32Array.of(1, 3, 2, 0) },
    { sources: Int32Array.of(2, 3, 4), starts: Int32Array.of(0, 0, 1, 2), targets: Int32Array.of(4, 3) },
  ];
  const finished = (): Uint8Array => Uint8Array.of(0, 0, 1, 0, 0, 0);

  it('progress passes reach the least fixpoint: states that cannot finish stay unmarked', () => {
    const canFinish = finished();
    const workers = graph.map((g) => new Propagation(g, canFinish));
    const marks: number[] = [];
    for (let m = -1; m !== 0; ) marks.push((m = workers.reduce((a, w) => a + w.pass(), 0)));
    expect(marks).toEqual([2, 1, 0]);
    expect([...canFinish]).toEqual([1, 1, 1, 0, 0, 1]);
    expect(countStuck(canFinish)).toBe(2);
  });

  it('the coordinator completes the same marks by backward search, from any partial marking', () => {
    for (const start of [finished(), Uint8Array.of(0, 1, 1, 0, 0, 0)]) {
      complete(6, graph, start);
      expect([...start]).toEqual([1, 1, 1, 0, 0, 1]);
    }
    const released = Uint8Array.of(0, 0, 1, 0, 1, 0);
    complete(6, graph, released);
    expect(countStuck(released)).toBe(0);
  });
});
