/**
 * Exhaustive depth-first search: the same visited set as BFS but a stack of (state, next
 * action) frames instead of a queue and parent pointers, so memory is the visited set plus the
 * current path. The first violation found is on the current path (not necessarily shortest);
 * with symmetry the path is mapped back to concrete CPUs like BFS's.
 */
import type { Machine } from '../core/machine.js';
import type { State } from '../core/model.js';
import { concretize } from './concretize.js';
import type { ExploreResult } from './result.js';
import type { BfsOptions } from './bfs.js';
import { StateStore } from './state-store.js';

export function dfs(machine: Machine, opts: BfsOptions): ExploreResult {
  const t0 = performance.now();
  const symmetry = opts.symmetry && machine.symmetric;
  const always = machine.properties.filter((p) => p.kind === 'always');
  const sometimes = machine.properties.filter((p) => p.kind === 'sometimes');
  const reached: Record<string, boolean> = Object.fromEntries(sometimes.map((p) => [p.name, false]));
  const store = new StateStore(machine.stateSize);
  const found = { engine: 'exhaustive' as const, detail: symmetry ? 'DFS, symmetry reduction' : 'DFS' };
  let transitions = 0;
  let maxDepth = 0;
  const stats = () => ({
    states: store.count,
    transitions,
    depth: maxDepth,
    seconds: (performance.now() - t0) / 1000,
    bytesPerState: store.count === 0 ? 0 : store.bytes / store.count,
  });
  const check = (s: State): string | undefined => {
    for (const p of sometimes) if (!reached[p.name] && p.check(s)) reached[p.name] = true;
    for (const p of always) if (!p.check(s)) return p.name;
    return undefined;
  };
  interface Frame {
    readonly idx: number;
    readonly state: Uint8Array;
    readonly actions: Int32Array;
    readonly n: number;
    k: number;
    readonly via: number;
  }
  const buf = new Int32Array(machine.maxActions);
  const frame = (idx: number, state: Uint8Array, via: number): Frame => {
    const n = symmetry ? machine.enabledDistinct(state, buf) : machine.enabled(state, buf);
    return { idx, state, actions: buf.slice(0, n), n, k: 0, via };
  };
  const s0 = machine.initial();
  if (symmetry) machine.canonicalize(s0);
  store.intern(s0);
  const violated = (path: readonly Frame[], property: string): ExploreResult => {
    const canon = path.slice(1).map((f) => f.state);
    const trace = symmetry ? concretize(machine, canon) : path.slice(1).map((f) => f.via);
    return { verdict: 'violated', property, trace, found, reached: { ...reached }, ...stats() };
  };
  const bad0 = check(s0);
  const stack: Frame[] = [frame(0, s0, -1)];
  if (bad0 !== undefined) return violated(stack, bad0);
  let steps = 0;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.k >= top.n) {
      stack.pop();
      continue;
    }
    const a = top.actions[top.k++]!;
    const next = new Uint8Array(machine.stateSize);
    machine.apply(top.state, a, next);
    transitions++;
    if (symmetry) machine.canonicalize(next);
    const r = store.intern(next);
    if (r >= 0) continue;
    stack.push(frame(~r, next, a));
    if (stack.length - 1 > maxDepth) maxDepth = stack.length - 1;
    const bad = check(next);
    if (bad !== undefined) return violated(stack, bad);
    if ((++steps & 0x3fff) === 0) {
      const now = performance.now();
      if (store.count >= opts.maxStates || now - t0 > opts.timeoutMs) {
        return { verdict: 'inconclusive', reason: store.count >= opts.maxStates ? 'max-states' : 'timeout', found, reached: { ...reached }, ...stats() };
      }
      opts.onProgress?.({ states: store.count, transitions, depth: stack.length, queue: stack.length, seconds: (now - t0) / 1000 });
    }
  }
  return { verdict: 'holds', found, reached: { ...reached }, ...stats() };
}
