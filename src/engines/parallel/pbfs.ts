/**
 * Parallel exhaustive BFS over worker threads (`--workers N`), level-synchronous over one
 * visited set in shared memory (./shared-visited.ts): every worker expands chunks of the
 * current level's frontier, looks each successor up in the shared set and appends the new
 * ones to its own arena, where they form its share of the next level. Nothing is routed
 * between workers. The coordinator only starts each level, rehashes the table when the workers
 * pause because it is half full, and stops after the first level with a violation.
 *
 * Which worker expands or inserts which state depends on timing; what a level holds does not
 * (the set of states at each BFS distance), so verdicts, state and transition counts and depth
 * equal the single-threaded BFS's, and the violated property reported is the first (in the
 * machine's order) violated at the first violating level. `maxStates` is checked between
 * levels, so a run may overshoot it by one level, as before.
 *
 * Progress (every-wait-completes) is judged on the union of the workers' edge logs. A
 * violation or a stuck state is reported without a trace: the caller re-derives the shortest
 * counterexample with the single-threaded BFS, whose parent pointers the workers do not keep.
 */
import { cursor, FRONTIER, HALT, Halt, INSERTED, INSERT_BATCH, INSERT_LIMIT, newControl } from './control.js';
import { complete, countStuck } from './judge.js';
import { WorkerPool } from './pool.js';
import type { FromWorker, ParallelJob, ToWorker, Violation } from './protocol.js';
import { ARENA_MAX_BYTES } from './shared-visited.js';
import { Table } from './table.js';

export interface ParallelLimits {
  readonly maxStates: number;
  readonly timeoutMs: number;
  /** Transitions logged for the progress judgement (4 bytes each, and 8 per state); above, it is not judged. */
  readonly maxEdges: number;
}

export interface ParallelResult {
  readonly verdict: 'holds' | 'violated' | 'inconclusive';
  readonly property?: string;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly bytesPerState: number;
  readonly reached: readonly string[];
  /** For holds: can every wait still complete from every reachable state? */
  readonly progress?: 'progresses' | 'stuck' | 'inconclusive';
  readonly phases: ParallelPhases;
}

/** Where the wall-clock time went (seconds), to tell what limits the speed-up. */
export interface ParallelPhases {
  /** Spawning the workers and compiling the model in each. */
  readonly start: number;
  /** Running the BFS levels, rehashes excluded. */
  readonly explore: number;
  /** Of `explore`, the mean time a worker spent expanding states (the rest it waited). */
  readonly busy: number;
  readonly levels: number;
  /** Rehashing the table on the coordinator while the workers paused, and how often. */
  readonly rehash: number;
  readonly rehashes: number;
  /** Judging progress, how many parallel passes, and whether the coordinator had to finish it. */
  readonly judge: number;
  readonly judgePasses: number;
  readonly judgeOnCoordinator: boolean;
}

/**
 * How big the shared structures start (both grow) and how many progress passes the workers
 * run before the coordinator takes over. Tests set them tiny to take the rarer paths.
 */
export interface ParallelTuning {
  /** Table slots (a power of two, 8 bytes each); raised to what the workers' slack needs. */
  readonly initialSlots: number;
  /** Bytes of each worker's arena (a multiple of 4). */
  readonly initialArenaBytes: number;
  /**
   * Progress passes (./judge.ts). A pass costs the sources still unmarked, so a long tail of
   * passes that each mark few is cheap; past this many, the coordinator finishes.
   */
  readonly judgePasses: number;
}

export const DEFAULT_TUNING: ParallelTuning = { initialSlots: 1 << 18, initialArenaBytes: 1 << 20, judgePasses: 64 };

function firstViolation(vs: readonly (Violation | null)[]): Violation | null {
  let first: Violation | null = null;
  for (const v of vs) if (v !== null && (first === null || v.index < first.index)) first = v;
  return first;
}

/** Seconds since the last lap. */
class PhaseClock {
  constructor(private last: number) {}

  lap(): number {
    const now = performance.now();
    const s = (now - this.last) / 1000;
    this.last = now;
    return s;
  }
}

const sum = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0);

export async function parallelBfs(job: ParallelJob, workers: number, limits: ParallelLimits, tuning = DEFAULT_TUNING): Promise<ParallelResult> {
  const t0 = performance.now();
  const deadline = Date.now() + limits.timeoutMs;
  const pool = new WorkerPool(workers);
  try {
    const control = newControl(workers);
    const ctl = new Int32Array(control);
    const arenas = Array.from({ length: workers }, () => new SharedArrayBuffer(tuning.initialArenaBytes, { maxByteLength: ARENA_MAX_BYTES }));
    const table = new Table(tuning.initialSlots);
    const started = await pool.all((id) => ({ kind: 'start', job, id, arenas, table: table.buffer, control, deadline }), 'started');
    const clock = new PhaseClock(t0);
    const phases = { start: clock.lap(), explore: 0, busy: 0, levels: 0, rehash: 0, rehashes: 0, judge: 0, judgePasses: 0, judgeOnCoordinator: false };
    const { words, maxActions } = started[0]!;
    // What may be inserted past the limit before every worker has seen HALT: a batch not yet
    // counted and the successors of the state in hand, per worker.
    const slack = workers * (INSERT_BATCH + maxActions);
    table.grow(2 * slack);

    /** Runs the workers over the frontier set up in `ctl` until it is drained or halted. */
    const runLevel = async (counts: readonly number[], logEdges: boolean): Promise<{ ran: Extract<FromWorker, { kind: 'ran' }>[]; halt: number }> => {
      let level = true;
      for (;;) {
        ctl[INSERTED] = sum(counts);
        ctl[INSERT_LIMIT] = table.slots / 2 - slack;
        ctl[HALT] = Halt.none;
        const m: ToWorker = { kind: 'run', level, table: table.take(), logEdges };
        const ran = await pool.all(m, 'ran');
        level = false;
        counts = ran.map((r) => r.count);
        const halt = ctl[HALT]!;
        phases.explore += clock.lap();
        if (halt !== Halt.rehash) return { ran, halt };
        table.grow(sum(counts));
        phases.rehash += clock.lap();
        phases.rehashes++;
      }
    };

    let prev = started.map(() => 0);
    let counts = started.map((r) => r.count);
    let violated = firstViolation(started.map((r) => r.violated));
    let transitions = 0;
    let depth = 0;
    let logEdges = true;
    let stop: 'max-states' | 'timeout' | null = null;
    while (violated === null && sum(counts) > sum(prev)) {
      if (sum(counts) >= limits.maxStates) stop = 'max-states';
      else if (Date.now() > deadline) stop = 'timeout';
      if (stop !== null) break;
      counts.forEach((c, w) => {
        ctl[FRONTIER + 2 * w] = prev[w]!;
        ctl[FRONTIER + 2 * w + 1] = c;
      });
      for (let w = 0; w < workers; w++) ctl[cursor(w)] = 0;
      const { ran, halt } = await runLevel(counts, logEdges);
      phases.levels++;
      prev = counts;
      counts = ran.map((r) => r.count);
      transitions = sum(ran.map((r) => r.transitions));
      violated = firstViolation(ran.map((r) => r.violated));
      phases.busy = sum(ran.map((r) => r.busyMs)) / workers / 1000;
      if (halt === Halt.timeout) stop = 'timeout';
      else if (halt === Halt.full) stop = 'max-states';
      if (stop !== null) break;
      // Depth = the deepest level holding a state, as the single-threaded BFS counts it.
      if (sum(counts) > sum(prev) || violated !== null) depth++;
      if (transitions > limits.maxEdges) logEdges = false;
    }

    const states = sum(counts);
    const reports = await pool.all({ kind: 'report' }, 'report');
    const reached = [...new Set(reports.flatMap((r) => r.reached))].sort();
    const bytes = states * words * 4 + table.slots * 8 + (logEdges ? transitions * 4 + states * 8 : 0);
    const base = { states, transitions, depth, reached, bytesPerState: states === 0 ? 0 : bytes / states };
    const seconds = (): number => (performance.now() - t0) / 1000;
    if (violated !== null) return { verdict: 'violated', property: violated.name, ...base, seconds: seconds(), phases };
    if (stop !== null) return { verdict: 'inconclusive', ...base, seconds: seconds(), phases };
    clock.lap();
    const progress = logEdges ? await judge(pool, counts, tuning.judgePasses, phases) : 'inconclusive';
    phases.judge = clock.lap();
    return { verdict: 'holds', progress, ...base, seconds: seconds(), phases };
  } finally {
    await pool.terminate();
  }
}

/** Progress on the explored graph (./judge.ts): parallel passes, then the coordinator if needed. */
async function judge(pool: WorkerPool, counts: readonly number[], maxPasses: number, phases: { judgePasses: number; judgeOnCoordinator: boolean }): Promise<'progresses' | 'stuck'> {
  const states = sum(counts);
  const offsets = counts.map((_, w) => sum(counts.slice(0, w)));
  const shared = new SharedArrayBuffer(states);
  const canFinish = new Uint8Array(shared);
  await pool.all({ kind: 'densify', offsets, canFinish: shared }, 'densified');
  let marked = 1;
  while (marked > 0 && phases.judgePasses < maxPasses) {
    marked = sum((await pool.all({ kind: 'propagate' }, 'propagated')).map((r) => r.marked));
    phases.judgePasses++;
  }
  if (marked > 0) {
    phases.judgeOnCoordinator = true;
    const adjs = await pool.all({ kind: 'edges' }, 'edges');
    complete(states, adjs.map((r) => r.adjacency), canFinish);
  }
  return countStuck(canFinish) > 0 ? 'stuck' : 'progresses';
}
