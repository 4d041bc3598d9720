/**
 * Parallel BFS against one thread on the same run: mmu-gather x86-native baseline with
 * symmetry, single-threaded BFS, then worker threads (1 and 2); time to verdict including the
 * progress judgement, and the speed-up over one thread. Used by bench/run.ts (a section of
 * BENCHMARKS.md).
 */
import { buildMachine } from '../src/check.js';
import { bfs } from '../src/engines/bfs.js';
import { parallelBfs } from '../src/engines/parallel/pbfs.js';
import { findScenario } from '../src/scenarios/index.js';

export async function parallelBench(cpus: number, log: (s: string) => void = () => {}): Promise<string[]> {
  const sc = findScenario('mmu-gather');
  if (sc === undefined) return [];
  const limits = { maxStates: 1e8, timeoutMs: 600_000 };
  const one = bfs(buildMachine(sc, 'baseline', 'x86-native', cpus), { ...limits, symmetry: true, progress: { maxEdges: 100_000_000 } });
  log(`parallel: one thread N=${cpus}: ${one.states} states ${one.seconds.toFixed(2)} s`);
  const rows = [`| BFS, one thread | ${one.verdict} | ${one.states} | ${one.transitions} | ${one.seconds.toFixed(2)} | 1.00 |`];
  for (const workers of [1, 2]) {
    const p = await parallelBfs({ scenario: 'mmu-gather', variant: 'baseline', arch: 'x86-native', cpus, memoryModel: 'sc', symmetry: true }, workers, { ...limits, maxEdges: 100_000_000 });
    log(`parallel: ${workers} workers N=${cpus}: ${p.states} states ${p.seconds.toFixed(2)} s`);
    rows.push(`| parallel BFS, ${workers} worker${workers > 1 ? 's' : ''} | ${p.verdict} | ${p.states} | ${p.transitions} | ${p.seconds.toFixed(2)} | ${(one.seconds / p.seconds).toFixed(2)} |`);
  }
  // The machine's own ceiling: two independent, complete explorations at once (no sharing).
  const job = { scenario: 'mmu-gather', variant: 'baseline', arch: 'x86-native' as const, cpus, memoryModel: 'sc' as const, symmetry: true };
  const t0 = performance.now();
  await Promise.all([parallelBfs(job, 1, { ...limits, maxEdges: 100_000_000 }), parallelBfs(job, 1, { ...limits, maxEdges: 100_000_000 })]);
  const both = (performance.now() - t0) / 1000;
  log(`parallel: two independent runs at once N=${cpus}: ${both.toFixed(2)} s`);
  rows.push(`| two independent 1-worker runs at once (machine ceiling) | holds | 2 x ${one.states} | 2 x ${one.transitions} | ${both.toFixed(2)} | ${((2 * one.seconds) / both).toFixed(2)} (throughput) |`);
  return [
    `## Parallel BFS (mmu-gather x86-native baseline, ${cpus} CPUs, symmetry, progress judged)`,
    '',
    'Same states and transitions by construction (tested); `speed-up` = one thread s / this row s. The last row runs two',
    'complete explorations side by side: their throughput over one alone is the most any parallel engine can gain here.',
    '',
    '| engine | verdict | states | transitions | s | speed-up |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}
