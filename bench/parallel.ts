/**
 * Parallel BFS against one thread on the same run: the single-threaded BFS, then worker
 * threads (1 and 2) over the shared visited set, then two independent 1-worker explorations
 * at once (what a second core gives to work that shares nothing); time to verdict including the
 * progress judgement. On the mmu-gather x86-native baseline at 12 CPUs (issue #6's target)
 * and the eqs-kick arm64 baseline at 6. Used by bench/run.ts (a section of BENCHMARKS.md).
 */
import { readFileSync } from 'node:fs';
import type { ArchName } from '../src/arch/arch.js';
import { buildMachine } from '../src/check.js';
import { bfs } from '../src/engines/bfs.js';
import { parallelBfs, type ParallelPhases } from '../src/engines/parallel/pbfs.js';
import type { ParallelJob } from '../src/engines/parallel/protocol.js';
import { findScenario } from '../src/scenarios/index.js';

/** The mmu-gather size the speed-up is judged at: smaller runs are too short to tell. */
const MMU_GATHER_CPUS = 12;

const LIMITS = { maxStates: 1e8, timeoutMs: 600_000, maxEdges: 100_000_000 };

/** CPU seconds the whole machine has been busy (Linux: /proc/stat), or undefined. */
function machineBusySeconds(): number | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    return ((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0)) / 100;
  } catch {
    return undefined;
  }
}

/** Starts measuring other processes: the returned function tells the mean cores they used since. */
function otherLoad(): () => string {
  const busy0 = machineBusySeconds();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const busy1 = machineBusySeconds();
    if (busy0 === undefined || busy1 === undefined) return 'not measured';
    const own = process.cpuUsage(own0);
    const other = (busy1 - busy0 - (own.user + own.system) / 1e6) / ((performance.now() - t0) / 1000);
    return `${Math.max(0, other).toFixed(2)} cores`;
  };
}

/** Where the 2-worker run's time went, for the line under the table. */
function phasesLine(p: ParallelPhases, seconds: number): string {
  const pct = (x: number): string => `${((100 * x) / seconds).toFixed(0)}%`;
  return (
    `2 workers, ${seconds.toFixed(2)} s: BFS levels ${p.explore.toFixed(2)} s (${pct(p.explore)}; a worker expanded states ${((100 * p.busy) / Math.max(p.explore, 1e-9)).toFixed(0)}% of it, ` +
    `${p.levels} level barriers), table rehashes ${p.rehash.toFixed(2)} s (${p.rehashes}), progress judgement ${p.judge.toFixed(2)} s (${p.judgePasses} passes${p.judgeOnCoordinator ? ', finished on the coordinator' : ''}), ` +
    `start ${p.start.toFixed(2)} s.`
  );
}

async function speedUp(job: ParallelJob, log: (s: string) => void): Promise<string[]> {
  const sc = findScenario(job.scenario);
  if (sc === undefined) return [];
  const label = `${job.scenario} ${job.arch} ${job.variant}, ${job.cpus} CPUs`;
  const load = otherLoad();
  const one = bfs(buildMachine(sc, job.variant, job.arch, job.cpus, job.memoryModel), { ...LIMITS, symmetry: job.symmetry, progress: { maxEdges: LIMITS.maxEdges } });
  log(`parallel: ${label}: one thread ${one.states} states ${one.seconds.toFixed(2)} s`);
  const rows = [`| BFS, one thread | ${one.verdict} | ${one.states} | ${one.transitions} | ${one.seconds.toFixed(2)} | 1.00 | - |`];
  let perWorker = 0;
  let phases = '';
  for (const workers of [1, 2]) {
    const p = await parallelBfs(job, workers, LIMITS);
    log(`parallel: ${label}: ${workers} workers ${p.states} states ${p.seconds.toFixed(2)} s`);
    if (workers === 1) perWorker = p.seconds;
    else phases = phasesLine(p.phases, p.seconds);
    const name = `parallel BFS, ${workers} worker${workers > 1 ? 's' : ''}`;
    rows.push(`| ${name} | ${p.verdict} | ${p.states} | ${p.transitions} | ${p.seconds.toFixed(2)} | ${(one.seconds / p.seconds).toFixed(2)} | ${(perWorker / p.seconds).toFixed(2)} |`);
  }
  // Two independent, complete explorations at once: nothing shared but the machine.
  const t0 = performance.now();
  await Promise.all([parallelBfs(job, 1, LIMITS), parallelBfs(job, 1, LIMITS)]);
  const both = (performance.now() - t0) / 1000;
  log(`parallel: ${label}: two independent runs at once ${both.toFixed(2)} s`);
  rows.push(
    `| machine ceiling: two independent 1-worker runs at once | ${one.verdict} | 2 x ${one.states} | 2 x ${one.transitions} | ${both.toFixed(2)} | - | ${((2 * perWorker) / both).toFixed(2)} (throughput) |`,
  );
  return [
    `### ${label}, symmetry, progress judged (other processes used ${load()} meanwhile)`,
    '',
    '| engine | verdict | states | transitions | s | over one thread | over 1 worker |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    phases,
    '',
  ];
}

/** `cpus`: the mmu-gather size bench/run.ts asks for; raised to 12, the size judged. */
export async function parallelBench(cpus: number, log: (s: string) => void = () => {}): Promise<string[]> {
  const job = (scenario: string, arch: ArchName, n: number): ParallelJob => ({ scenario, variant: 'baseline', arch, cpus: n, memoryModel: 'sc', symmetry: true });
  return [
    '## Parallel BFS',
    '',
    'Same states and transitions by construction (tested). `over one thread` = one-thread s / this row s; `over 1 worker`',
    'compares with the parallel engine on one worker thread: the same code with no second thread (it beats the one-thread',
    'BFS by its own layout: hashes kept in the table, 4-byte edge log, progress judged by passes over the edges).',
    'The last row runs two complete 1-worker explorations side by side: their throughput over one alone is what a second',
    'core gives to work that shares nothing. Two workers can pass it: their one shared visited set is half the memory.',
    '',
    ...(await speedUp(job('mmu-gather', 'x86-native', Math.max(cpus, MMU_GATHER_CPUS)), log)),
    ...(await speedUp(job('eqs-kick', 'arm64', 6), log)),
  ];
}
