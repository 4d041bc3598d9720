/**
 * Parallel exhaustive BFS over worker threads (`--workers N`): states are partitioned by hash,
 * each worker owns a share of the visited set and explores it one BFS level at a time; the
 * coordinator routes the successors each worker does not own to their owner and stops at the
 * first violation. The same states are reached as by the single-threaded BFS (same canonical
 * forms, same levels), so verdicts, state and transition counts and depth are identical.
 *
 * Progress (every-wait-completes) is judged on the union of the workers' edge logs. A
 * violation or a stuck state is reported without a trace: the caller re-derives the shortest
 * counterexample with the single-threaded BFS, whose parent pointers the workers do not keep.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { EdgeLog } from '../edge-log.js';
import type { Batch, FromWorker, ParallelJob, ToWorker } from './protocol.js';

export interface ParallelLimits {
  readonly maxStates: number;
  readonly timeoutMs: number;
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
}

function spawn(): Worker {
  // Under vitest/tsx the sources are .ts: a plain-JS bootstrap registers tsx, then loads them.
  const ts = import.meta.url.endsWith('.ts');
  return new Worker(new URL(ts ? './worker-tsx.mjs' : './worker.js', import.meta.url));
}

async function ask<K extends FromWorker['kind']>(w: Worker, m: ToWorker, kind: K, transfer: ArrayBuffer[] = []): Promise<Extract<FromWorker, { kind: K }>> {
  const reply = once(w, 'message');
  w.postMessage(m, transfer);
  const [r] = (await reply) as [FromWorker];
  if (r.kind !== kind) throw new Error(`parallel BFS: expected '${kind}' from a worker, got '${r.kind}'`);
  return r as Extract<FromWorker, { kind: K }>;
}

export async function parallelBfs(job: ParallelJob, workers: number, limits: ParallelLimits): Promise<ParallelResult> {
  const t0 = performance.now();
  const pool = Array.from({ length: workers }, spawn);
  try {
    const maxEdges = Math.ceil(limits.maxEdges / workers);
    const started = await Promise.all(pool.map((w, id) => ask(w, { kind: 'start', job, id, workers, maxEdges }, 'started')));
    let frontier = started.reduce((a, r) => a + r.frontier, 0);
    let violated = started.find((r) => r.violated !== null)?.violated ?? null;
    let depth = 0;
    let states = frontier;
    let transitions = 0;
    let stop: 'max-states' | 'timeout' | null = null;
    while (violated === null && frontier > 0) {
      if (states >= limits.maxStates) stop = 'max-states';
      else if (performance.now() - t0 > limits.timeoutMs) stop = 'timeout';
      if (stop !== null) break;
      const expanded = await Promise.all(pool.map((w) => ask(w, { kind: 'expand' }, 'expanded')));
      transitions = expanded.reduce((a, r) => a + r.transitions, 0);
      violated = expanded.find((r) => r.violated !== null)?.violated ?? null;
      const inbox: Batch[][] = pool.map(() => []);
      for (const r of expanded) for (const b of r.batches) inbox[b.to]!.push(b);
      const delivered = await Promise.all(
        pool.map((w, id) => ask(w, { kind: 'deliver', batches: inbox[id]! }, 'delivered', inbox[id]!.map((b) => b.buffer))),
      );
      violated ??= delivered.find((r) => r.violated !== null)?.violated ?? null;
      frontier = delivered.reduce((a, r) => a + r.frontier, 0);
      states = delivered.reduce((a, r) => a + r.states, 0);
      // Depth = the deepest level holding a state, as the single-threaded BFS counts it.
      if (frontier > 0 || violated !== null) depth++;
    }
    const finished = await Promise.all(pool.map((w) => ask(w, { kind: 'finish' }, 'finished')));
    transitions = finished.reduce((a, r) => a + r.transitions, 0);
    states = finished.reduce((a, r) => a + r.states, 0);
    const reached = [...new Set(finished.flatMap((r) => r.reached))].sort();
    const bytes = finished.reduce((a, r) => a + r.bytes, 0);
    const base = { states, transitions, depth, reached, bytesPerState: states === 0 ? 0 : bytes / states };
    const seconds = (): number => (performance.now() - t0) / 1000;
    if (violated !== null) return { verdict: 'violated', property: violated, ...base, seconds: seconds() };
    if (stop !== null) return { verdict: 'inconclusive', ...base, seconds: seconds() };
    return { verdict: 'holds', progress: judge(finished, workers, states), ...base, seconds: seconds() };
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Backward reachability over the union of the workers' edges, on dense state numbers. */
function judge(finished: readonly Extract<FromWorker, { kind: 'finished' }>[], workers: number, states: number): 'progresses' | 'stuck' | 'inconclusive' {
  if (finished.some((r) => !r.edgesComplete)) return 'inconclusive';
  const offset: number[] = [];
  let acc = 0;
  for (const r of finished) {
    offset.push(acc);
    acc += r.states;
  }
  const dense = (gid: number): number => offset[gid % workers]! + Math.floor(gid / workers);
  const log = new EdgeLog(finished.reduce((a, r) => a + r.edgeCount, 0));
  const done = new Uint8Array(states);
  finished.forEach((r, w) => {
    const pairs = new Int32Array(r.edges);
    for (let e = 0; e < pairs.length; e += 2) log.add(dense(pairs[e]!), dense(pairs[e + 1]!));
    done.set(new Uint8Array(r.done), offset[w]!);
  });
  const stuck = log.cannotReach(states, done);
  return stuck.some((x) => x !== 0) ? 'stuck' : 'progresses';
}
