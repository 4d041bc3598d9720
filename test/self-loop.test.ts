/**
 * Self-loops (src/engines/self-loop.ts): the comparison itself, and BFS (serial and parallel)
 * on toy models where many transitions lead back to their own state: the counts equal the
 * naive explorer's, and the progress judgement equals the one made by its own search
 * (src/engines/progress.ts), which takes no such shortcut.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { checkProgress } from '../src/engines/progress.js';
import { SelfLoops } from '../src/engines/self-loop.js';
import { naiveExplore } from './toys/naive-explorer.js';
import { field, toy } from './toys/toy-spec.js';

describe('SelfLoops', () => {
  it('compares every word and every byte past the last whole word', () => {
    const a = new Uint8Array(11);
    const b = new Uint8Array(11);
    const loops = new SelfLoops(a, b, 11);
    expect(loops.same()).toBe(true);
    for (const at of [0, 3, 4, 7, 8, 10]) {
      b[at] = 1;
      expect(loops.same()).toBe(false);
      b[at] = 0;
      expect(loops.same()).toBe(true);
    }
    // A difference in a later word, then in an earlier one only: the hint is not the only word read.
    b[5] = 2;
    expect(loops.same()).toBe(false);
    b[5] = 0;
    b[1] = 2;
    expect(loops.same()).toBe(false);
  });

  it('refuses a buffer shorter than a state or not on a 4-byte boundary', () => {
    const big = new Uint8Array(16);
    expect(() => new SelfLoops(big.subarray(1, 9), new Uint8Array(8), 8)).toThrow(/aligned/);
    expect(() => new SelfLoops(new Uint8Array(4), new Uint8Array(8), 8)).toThrow(/shorter/);
  });

  it('takes buffers at any 4-byte-aligned offset, and compares there', () => {
    const big = new Uint8Array(24);
    const a = big.subarray(4, 13);
    const b = big.subarray(16, 24);
    a[0] = 1;
    b[0] = 1;
    // Against a buffer at offset 0 holding zeros: the words read are a's, at its offset.
    expect(new SelfLoops(a, new Uint8Array(8), 8).same()).toBe(false);
    const twin = new SelfLoops(a, b, 8);
    expect(twin.same()).toBe(true);
    a[7] = 3;
    expect(twin.same()).toBe(false);
    b[7] = 3;
    expect(twin.same()).toBe(true);
    // The byte past the state (a is 9 bytes long) is not part of it.
    a[8] = 5;
    expect(twin.same()).toBe(true);
  });
});

/**
 * Workers that may poll (an event that changes nothing: a self-loop) at any time, or choose a
 * program: `set` publishes `go`, `idle` loops doing nothing (self-loops too). The controller
 * waits for `go`; with every worker idle it waits for ever.
 */
const polling = toy({
  globals: [field('go'), field('seen')],
  cpuFields: [field('n', 3)],
  controllers: 1,
  controller: [{ name: 'wait for go', enabled: (s, _c, t) => s[t.g('go')] === 1, run: (s, _c, t) => void (s[t.g('seen')] = 1) }],
  worker: [[{ name: 'set go', run: (s, c, t) => void ((s[t.g('go')] = 1), (s[t.at(c, 'n')] = Math.min(2, s[t.at(c, 'n')]! + 1))) }], [{ name: 'idle', run: () => {} }]],
  workerEvents: [{ name: 'poll', run: () => {} }],
  workerLoops: true,
  bad: () => false,
});

describe('BFS with self-loops', () => {
  it('counts every self-loop as a transition and finds the states the naive explorer finds', () => {
    for (const cpus of [2, 3, 4]) {
      const spec = polling(cpus);
      const naive = naiveExplore(spec);
      const plain = bfs(compileModel(spec), { symmetry: false, maxStates: 1e6, timeoutMs: 6e4 });
      expect({ states: plain.states, transitions: plain.transitions }).toEqual({ states: naive.states, transitions: naive.transitions });
      const sym = bfs(compileModel(spec), { symmetry: true, maxStates: 1e6, timeoutMs: 6e4 });
      expect(sym.states).toBe(naive.orbits);
    }
  });

  it('judges progress as the progress search does, self-loops included', () => {
    for (const symmetry of [false, true]) {
      const m = compileModel(polling(3));
      const r = bfs(m, { symmetry, maxStates: 1e6, timeoutMs: 6e4, progress: { maxEdges: 1e6 } });
      const own = checkProgress(m, 1e6, undefined, symmetry);
      expect(r.verdict).toBe('holds');
      if (r.verdict !== 'holds') return;
      expect(r.progress?.verdict).toBe(own.verdict);
      expect(own.verdict).toBe('stuck');
    }
  });

  it('logs a self-loop as an edge: the progress budget counts every transition, as before the shortcut', () => {
    const m = compileModel(polling(3));
    const full = bfs(m, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4 });
    const judged = bfs(m, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4, progress: { maxEdges: full.transitions } });
    const over = bfs(m, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4, progress: { maxEdges: full.transitions - 1 } });
    expect(judged.verdict === 'holds' ? judged.progress?.verdict : judged.verdict).toBe('stuck');
    expect(over.verdict === 'holds' ? over.progress?.verdict : over.verdict).toBe('inconclusive');
  });
});
