/**
 * The parallel BFS (`check --workers N`) explores exactly what the single-threaded BFS does:
 * same verdict, states, transitions, depth, race windows reached and progress judgement, for
 * 1 and 2 workers, with and without symmetry reduction; a violation is found too.
 */
import { describe, expect, it } from 'vitest';
import { buildMachine, defaultCheckOptions } from '../src/check.js';
import { runCheckParallel } from '../src/check-parallel.js';
import { bfs } from '../src/engines/bfs.js';
import { parallelBfs } from '../src/engines/parallel/pbfs.js';
import { findScenario } from '../src/scenarios/index.js';

const CASES = [
  ['mmu-gather', 'baseline', 'x86-native', 4, 'sc'],
  ['eqs-kick', 'skip-eqs-isb-after-exit', 'arm64', 3, 'weak'],
  ['preempt-wait', 'as-merged', 'x86-kvm-pv', 3, 'sc'],
] as const;

describe('parallel BFS', () => {
  for (const [scenario, variant, arch, cpus, memoryModel] of CASES) {
    for (const symmetry of [true, false]) {
      it(`${scenario}/${variant}/${arch}/${memoryModel} at ${cpus} CPUs, symmetry ${symmetry}: same space as one thread`, async () => {
        const one = bfs(buildMachine(findScenario(scenario)!, variant, arch, cpus, memoryModel), { symmetry, maxStates: 1e7, timeoutMs: 6e5, progress: { maxEdges: 1e8 } });
        expect(one.verdict).toBe('holds');
        if (one.verdict !== 'holds') return;
        const reached = Object.entries(one.reached).flatMap(([k, v]) => (v ? [k] : [])).sort();
        for (const workers of [1, 2]) {
          const p = await parallelBfs({ scenario, variant, arch, cpus, memoryModel, symmetry }, workers, { maxStates: 1e7, timeoutMs: 6e5, maxEdges: 1e8 });
          expect({ verdict: p.verdict, states: p.states, transitions: p.transitions, depth: p.depth, reached: p.reached, progress: p.progress }).toEqual({
            verdict: 'holds',
            states: one.states,
            transitions: one.transitions,
            depth: one.depth,
            reached,
            progress: one.progress?.verdict,
          });
        }
      }, 60_000);
    }
  }

  it('finds a violation, and check --workers re-derives the shortest counterexample on one thread', async () => {
    const p = await parallelBfs({ scenario: 'mmu-gather', variant: 'skip-sync', arch: 'x86-kvm-pv', cpus: 3, memoryModel: 'sc', symmetry: true }, 2, { maxStates: 1e7, timeoutMs: 6e5, maxEdges: 1e8 });
    expect(p.verdict).toBe('violated');
    expect(p.property).toBe('no-walker-reads-freed-table');
    const r = await runCheckParallel(findScenario('mmu-gather')!, 'skip-sync', 'x86-kvm-pv', { ...defaultCheckOptions, cpus: 3 }, 2);
    expect(r.verdict).toBe('violated');
    expect(r.trace?.length).toBe(11);
  }, 60_000);

  it('check --workers 2 gives the holds verdict of one thread, with the same counts', async () => {
    const s = findScenario('kick-async')!;
    const r = await runCheckParallel(s, 'baseline', 'x86-native', defaultCheckOptions, 2);
    expect(r.verdict).toBe('holds');
    expect(r.progress).toBe('checked');
    expect(r.states).toBe(54);
    expect(r.found.detail).toContain('parallel BFS, 2 workers');
  }, 60_000);
});
