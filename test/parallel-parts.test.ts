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

  it('words per state: the state size rounded up to whole 32-bit words, at least one', () => {
    // Soundness: two states differing only in their last bytes must differ in the stored words.
    const table = new Table(4);
    expect([0, 1, 3, 4, 5, 8, 9].map((size) => new SharedVisited(size, 0, [arena()], table.buffer).words)).toEqual([1, 1, 1, 1, 2, 2, 3]);
    const v = new SharedVisited(5, 0, [arena()], table.buffer);
    const a = intern(v, [1, 2, 3, 4, 5]);
    const b = intern(v, [1, 2, 3, 4, 6]);
    expect([a < 0, b < 0, a !== b]).toEqual([true, true, true]);
  });

  it('a hash of 0 is stored as another value: a slot holding it is not taken for empty and overwritten', () => {
    // Soundness: 0 marks an empty slot; a state whose hash is 0, stored as 0, would be lost
    // when the next state claimed its slot, and found again as new (explored twice).
    const table = new Table(8);
    const v = new SharedVisited(4, 0, [arena()], table.buffer, () => 0);
    const states = [
      [1, 0, 0, 0],
      [2, 0, 0, 0],
      [3, 0, 0, 0],
    ];
    const ids = states.map((s) => intern(v, s));
    expect(ids.every((r) => r < 0)).toBe(true);
    states.forEach((s, i) => expect(intern(v, s)).toBe(~ids[i]!));
    expect(v.count).toBe(3);
  });

  it('a state that ends exactly at the end of its arena is found again, and read whole into a longer buffer without writing past its words', () => {
    // Soundness: the comparison must stop at the state's last word, not run into what lies
    // past it (nothing, at the arena's end): else the state is not found and is inserted again.
    const table = new Table(8);
    const v = new SharedVisited(8, 0, [arena(8)], table.buffer);
    v.keyBytes.set([1, 2, 3, 4, 5, 6, 7, 8]);
    const r = v.intern();
    expect(r).toBe(~0);
    // Looked up again with no room reserved: the arena still ends where the state does.
    v.keyBytes.set([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(v.intern()).toBe(0);
    expect(v.count).toBe(1);
    const out = Int32Array.of(-1, -1, -1);
    v.read(0, out);
    expect([...new Uint8Array(out.buffer, 0, 8)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(out[2]).toBe(-1);
  });

  it("another worker's view made before an arena grew still reads and finds every state in it, the last ones too", () => {
    // Soundness: a reader's fixed-length view of a worker's arena must be refreshed when an id
    // lies past it, else that state reads as nothing and is inserted a second time.
    const table = new Table(1 << 12);
    const arenas = [arena(), arena()];
    const other = new SharedVisited(12, 0, arenas, table.buffer);
    const v = new SharedVisited(12, 1, arenas, table.buffer);
    const states = Array.from({ length: 100 }, (_, i) => [i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, i >> 3]);
    const ids: number[] = [];
    const out = new Int32Array(3);
    const check = (from: number, to: number): void => {
      for (let i = from; i < to; i++) {
        expect(intern(other, states[i]!)).toBe(ids[i]);
        other.read(ids[i]!, out);
        expect([...new Uint8Array(out.buffer)]).toEqual(states[i]);
      }
    };
    // The reader's view is refreshed while the arena holds 10 states (room for 16), then the
    // arena grows under it: the 16th state is the first wholly past the view.
    for (let i = 0; i < 10; i++) ids.push(~intern(v, states[i]!));
    check(0, 10);
    expect(arenas[1]!.byteLength).toBe(16 * 12);
    for (let i = 10; i < 100; i++) ids.push(~intern(v, states[i]!));
    check(10, 100);
    expect(other.count).toBe(0);
  });

  it('an arena grows only when it must, then at least doubles (bounded by its reservation); a worker asking for more states than the id format can name is refused', () => {
    // Memory: a reserve with room to spare must not grow the arena (the explorer reserves
    // before every state it expands), and growth must be geometric so grows are few.
    const a = arena();
    const v = new SharedVisited(4, 0, [a], new Table(1 << 12).buffer);
    let grows = 0;
    for (let i = 0; i < 600; i++) {
      const before = a.byteLength;
      v.keyBytes.set([i & 0xff, i >> 8, 0, 0]);
      expect(v.reserve(1)).toBe(true);
      if (a.byteLength !== before) {
        grows++;
        expect(a.byteLength).toBeGreaterThanOrEqual(2 * before);
      }
      expect(a.byteLength).toBeLessThanOrEqual(Math.max(8, 2 * (v.count + 1) * 4));
      expect(v.intern()).toBe(~i);
    }
    expect(grows).toBeLessThan(12);
    // The most states an arena can hold: by its reservation, or by the ids (31 bits less the worker's).
    const many = Array.from({ length: 64 }, () => arena());
    const wide = new SharedVisited(4096, 0, [arena()], new Table(4).buffer);
    const narrow = new SharedVisited(4, 63, many, new Table(4).buffer);
    expect(wide.capacity).toBe(Math.floor(ARENA_MAX_BYTES / 4096));
    expect(narrow.capacity).toBe(2 ** 25 - 2);
    expect(narrow.reserve(narrow.capacity + 1)).toBe(false);
    expect(many[63]!.byteLength).toBe(0);
    expect(wide.reserve(wide.capacity + 1)).toBe(false);
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

  it('the edge log grows past its first few thousand sources and targets, keeps one end per source, and drops everything when told', () => {
    const e = new ForwardEdges();
    // 5,000 sources with 5 targets each: past the first 4,096 sources and 16,384 targets.
    for (let s = 0; s < 5000; s++) {
      e.source(s);
      for (let t = 1; t <= 5; t++) e.add((s + t) % 5000);
    }
    const { sources, starts, targets } = e.dense([0], 0);
    expect(sources.length).toBe(5000);
    expect(starts.length).toBe(5001);
    expect(targets.length).toBe(25000);
    expect([sources[4999], starts[4999], starts[5000], targets[24999]]).toEqual([4999, 24995, 25000, 4]);
    expect([...targets.subarray(20480, 20485)]).toEqual([4097, 4098, 4099, 4100, 4101]);
    // Exactly as many sources as the first arrays hold, less one: the end of the last is kept.
    const f = new ForwardEdges();
    for (let s = 0; s < 4095; s++) f.source(s);
    f.add(7);
    const d = f.dense([0], 0);
    expect([d.starts.length, d.starts[4094], d.starts[4095]]).toEqual([4096, 0, 1]);
    const g = new ForwardEdges();
    for (let s = 0; s < 4096; s++) g.source(s);
    g.add(7);
    const h = g.dense([0], 0);
    expect([h.starts.length, h.starts[4095], h.starts[4096]]).toEqual([4097, 0, 1]);
    e.drop();
    expect(e.count).toBe(0);
    const none = e.dense([0], 0);
    expect([none.sources.length, none.starts.length, none.targets.length]).toEqual([0, 1, 0]);
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
    // Only a state's own predecessors are marked: 0 has none, and 1 <-> 2 never finish.
    const lone = Uint8Array.of(1, 0, 0);
    complete(3, [{ sources: Int32Array.of(1, 2), starts: Int32Array.of(0, 1, 2), targets: Int32Array.of(2, 1) }], lone);
    expect([...lone]).toEqual([1, 0, 0]);
    // A cycle through finished states ends: a state is pushed once, when it is marked.
    const cycle = Uint8Array.of(1, 0, 0);
    complete(3, [{ sources: Int32Array.of(0, 1, 2), starts: Int32Array.of(0, 1, 2, 3), targets: Int32Array.of(1, 0, 0) }], cycle);
    expect([...cycle]).toEqual([1, 1, 1]);
    const released = Uint8Array.of(0, 0, 1, 0, 1, 0);
    complete(6, graph, released);
    expect(countStuck(released)).toBe(0);
  });
});
