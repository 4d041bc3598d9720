/**
 * The checks of `Machine.enabledDistinct` (src/core/compile.ts) that test/enabled-distinct.test.ts
 * runs on committed models and test/enabled-distinct-toy.test.ts on a toy: state by state against
 * the full list, and the searches against themselves run on the full list.
 */
import { expect } from 'vitest';
import type { Machine } from '../../src/core/machine.js';
import { bfs } from '../../src/engines/bfs.js';
import { dfs } from '../../src/engines/dfs.js';
import { reachableStates } from './reachable-states.js';

/** The same machine with no twin left out: what the searches did before. */
export const fullList = (m: Machine): Machine => ({ ...m, enabledDistinct: (s, out) => m.enabled(s, out) });

const representatives = (m: Machine, s: Uint8Array, acts: Int32Array, n: number): string[] => {
  const keys = new Set<string>();
  for (let k = 0; k < n; k++) {
    const t = new Uint8Array(m.stateSize);
    m.apply(s, acts[k]!, t);
    m.canonicalize(t);
    keys.add(t.join(','));
  }
  return [...keys].sort();
};

/**
 * In every canonical state (up to `cap`), the distinct list is a sublist of the full one in the
 * same order, leads to the same representatives, drops only the actions of a CPU equal to the one
 * before it of the same role, and drops all of them (the interchangeable CPUs of the models
 * checked are one run of neighbours, so the one before is the group's); some are dropped.
 */
export function checkDistinctLists(m: Machine, cap: number): void {
    expect(m.symmetric).toBe(true);
    const roles = m.cpuRoles;
    const all = new Int32Array(m.maxActions);
    const few = new Int32Array(m.maxActions);
    let dropped = 0;
    for (const s of reachableStates(m, cap, true)) {
      const n = m.enabled(s, all);
      const d = m.enabledDistinct(s, few);
      const kept = Array.from(few.subarray(0, d));
      const full = Array.from(all.subarray(0, n));
      // In the same order, a sublist of the full list.
      expect(full.filter((a) => kept.includes(a))).toEqual(kept);
      expect(representatives(m, s, few, d)).toEqual(representatives(m, s, all, n));
      const cpus = m.decode(s).cpus;
      for (const a of full.filter((x) => !kept.includes(x))) {
        const cpu = m.info(s, a).cpu;
        // A CPU of the same role just before it, in the same state field for field.
        expect(cpu).toBeGreaterThan(0);
        expect(roles[cpu - 1]).toBe(roles[cpu]);
        expect(cpus[cpu - 1]).toEqual(cpus[cpu]);
        dropped++;
      }
      // And every such CPU's actions are dropped (each of these models' interchangeable CPUs
      // are one run of neighbours, so the one before is the group's).
      for (const a of kept) {
        const cpu = m.info(s, a).cpu;
        if (cpu > 0 && roles[cpu - 1] === roles[cpu]) expect(cpus[cpu - 1], `CPU${cpu} equals CPU${cpu - 1}, yet acts`).not.toEqual(cpus[cpu]);
      }
    }
    expect(dropped).toBeGreaterThan(0);
}

/** BFS and DFS find the same states, verdict, trace and progress as on the full list, in fewer transitions. */
export function checkDistinctSearches(m: Machine): void {
    const limits = { symmetry: true, maxStates: 1e6, timeoutMs: 6e4 };
    const same = (r: ReturnType<typeof bfs>): unknown => ({ ...r, seconds: 0, transitions: 0, bytesPerState: 0 });
    const withProgress = { ...limits, progress: { maxEdges: 1e7 } };
    const a = bfs(m, withProgress);
    const b = bfs(fullList(m), withProgress);
    expect(same(a)).toEqual(same(b));
    expect(a.transitions).toBeLessThan(b.transitions);
    const d = dfs(m, limits);
    const e = dfs(fullList(m), limits);
    expect(same(d)).toEqual(same(e));
    expect(d.transitions).toBeLessThan(e.transitions);
}
