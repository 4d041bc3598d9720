/**
 * The parallel BFS (`check --workers N`) explores exactly what the single-threaded BFS does:
 * same verdict, states, transitions, depth, race windows reached and progress judgement, for
 * 1 and 2 workers, with and without symmetry reduction; a violation is found too. The counts do
 * not depend on which worker expands or inserts which state, nor on the table and arenas
 * growing in the middle of a level; limits give inconclusive.
 */
import { describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { buildMachine, defaultCheckOptions } from '../src/check.js';
import { runCheckParallel } from '../src/check-parallel.js';
import { bfs } from '../src/engines/bfs.js';
import { parallelBfs } from '../src/engines/parallel/pbfs.js';
import { findScenario } from '../src/scenarios/index.js';
import { naiveExplore } from './toys/naive-explorer.js';

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
    expect(r.states).toBe(naiveExplore(s.build('baseline', ARCHES['x86-native'], r.cpus)).orbits);
    expect(r.found.detail).toContain('parallel BFS, 2 workers');
  }, 60_000);

  it('a table and arenas that start tiny grow in the middle of levels, and the coordinator finishes the progress judgement, without changing the answers (2 and 3 workers)', async () => {
    const tiny = { initialSlots: 1, initialArenaBytes: 0, judgePasses: 1 };
    for (const [scenario, variant, arch, cpus, memoryModel, symmetry] of [
      ['mmu-gather', 'baseline', 'x86-native', 4, 'sc', false],
      ['eqs-kick', 'skip-eqs-isb-after-exit', 'arm64', 3, 'weak', false],
    ] as const) {
      const one = bfs(buildMachine(findScenario(scenario)!, variant, arch, cpus, memoryModel), { symmetry, maxStates: 1e7, timeoutMs: 6e5, progress: { maxEdges: 1e8 } });
      for (const workers of [2, 3]) {
        const p = await parallelBfs({ scenario, variant, arch, cpus, memoryModel, symmetry }, workers, { maxStates: 1e7, timeoutMs: 6e5, maxEdges: 1e8 }, tiny);
        expect(p.phases.rehashes).toBeGreaterThan(3);
        expect(p.phases.judgeOnCoordinator).toBe(true);
        expect({ verdict: p.verdict, states: p.states, transitions: p.transitions, depth: p.depth, progress: p.progress }).toEqual({
          verdict: one.verdict,
          states: one.states,
          transitions: one.transitions,
          depth: one.depth,
          progress: one.verdict === 'holds' ? one.progress?.verdict : undefined,
        });
      }
    }
  }, 60_000);

  it('a violation is reported with the same property and counts on every run', async () => {
    const job = { scenario: 'mmu-gather', variant: 'skip-sync', arch: 'x86-kvm-pv', cpus: 4, memoryModel: 'sc', symmetry: true } as const;
    const runs = [];
    for (const workers of [1, 2, 2, 3]) runs.push(await parallelBfs(job, workers, { maxStates: 1e7, timeoutMs: 6e5, maxEdges: 1e8 }, { initialSlots: 1, initialArenaBytes: 0, judgePasses: 1 }));
    const seen = runs.map((r) => ({ verdict: r.verdict, property: r.property, states: r.states, transitions: r.transitions, depth: r.depth }));
    expect(seen[0]!.verdict).toBe('violated');
    for (const s of seen) expect(s).toEqual(seen[0]);
  }, 60_000);

  it('--max-states and --timeout give inconclusive; max-states stops at the same level boundary whatever the workers', async () => {
    const job = { scenario: 'mmu-gather', variant: 'baseline', arch: 'x86-native', cpus: 4, memoryModel: 'sc', symmetry: false } as const;
    const capped = await Promise.all([1, 2].map((w) => parallelBfs(job, w, { maxStates: 1000, timeoutMs: 6e5, maxEdges: 1e8 })));
    for (const r of capped) {
      expect(r.verdict).toBe('inconclusive');
      expect(r.states).toBeGreaterThanOrEqual(1000);
      expect(r.progress).toBeUndefined();
    }
    expect(capped[1]!.states).toBe(capped[0]!.states);
    expect(capped[1]!.transitions).toBe(capped[0]!.transitions);
    const late = await parallelBfs(job, 2, { maxStates: 1e7, timeoutMs: 0, maxEdges: 1e8 });
    expect(late.verdict).toBe('inconclusive');
  }, 60_000);

  it('too many transitions to log leaves progress unjudged, the safety verdict stands', async () => {
    const job = { scenario: 'mmu-gather', variant: 'baseline', arch: 'x86-native', cpus: 4, memoryModel: 'sc', symmetry: true } as const;
    const p = await parallelBfs(job, 2, { maxStates: 1e7, timeoutMs: 6e5, maxEdges: 100 });
    expect(p.verdict).toBe('holds');
    expect(p.progress).toBe('inconclusive');
  }, 60_000);
});
