/**
 * The parallel BFS (src/engines/parallel, `check --workers N`) on small models, fast enough for
 * the mutation test set (vitest.stryker.config.ts): seconds in all, most of it starting worker
 * threads. Workers rebuild the machine from a scenario name (closures cannot cross threads), so
 * the models here are the smallest configurations of real scenarios and a C model fixture, not
 * the ModelSpec toys of the single-threaded engine tests.
 *
 * Every answer is checked against an explorer written here, level by level over the same
 * Machine (a Map of printed states, no hashing or shared memory of its own), and against the
 * single-threaded BFS (src/engines/bfs.ts): the parallel BFS must explore exactly the states at
 * each BFS distance whatever the workers do, or its `holds` is no proof.
 */
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCGrammar } from '../src/c/grammar.js';
import { buildMachine } from '../src/check.js';
import type { Machine } from '../src/core/machine.js';
import { bfs } from '../src/engines/bfs.js';
import { cursor, FRONTIER, HALT, INSERTED, INSERT_LIMIT, MAX_WORKERS, newControl } from '../src/engines/parallel/control.js';
import { DEFAULT_TUNING, parallelBfs, type ParallelLimits, type ParallelResult } from '../src/engines/parallel/pbfs.js';
import type { ParallelJob } from '../src/engines/parallel/protocol.js';
import { findScenario } from '../src/scenarios/index.js';

/** kick-async at 3 CPUs: 54 states with symmetry reduction, 89 without; two race windows. */
const KICK = { scenario: 'kick-async', variant: 'baseline', arch: 'x86-native', cpus: 3, memoryModel: 'sc' } as const;
/** mmu-gather at 3 CPUs: enough states that a tiny table must be rehashed in the middle of levels. */
const GATHER = { scenario: 'mmu-gather', variant: 'baseline', arch: 'x86-native', cpus: 3, memoryModel: 'sc' } as const;
/** Lance Yang's skipped sync IPI under KVM's PV flush: violated at BFS distance 11. */
const SKIP_SYNC = { scenario: 'mmu-gather', variant: 'skip-sync', arch: 'x86-kvm-pv', cpus: 2, memoryModel: 'sc', symmetry: true } as const;
/** A C model with two assertions violated at the same BFS distance, by different states (test/fixtures/cmodels/pbfs-two-bugs.c). */
const TWO_BUGS = { scenario: 'test/fixtures/cmodels/pbfs-two-bugs.c', variant: 'baseline', arch: 'x86-native', cpus: 2, memoryModel: 'sc', symmetry: true } as const;
/** Two assertions violated at BFS distance 2, the model's second found first (test/fixtures/cmodels/pbfs-late-first.c). */
const LATE_FIRST = { scenario: 'test/fixtures/cmodels/pbfs-late-first.c', variant: 'baseline', arch: 'x86-native', cpus: 4, memoryModel: 'sc', symmetry: true } as const;
/** A C model whose CPU0 never finishes but always has a step: cycles of states (test/fixtures/cmodels/pbfs-livelock.c). */
const LIVELOCK = { scenario: 'test/fixtures/cmodels/pbfs-livelock.c', variant: 'baseline', arch: 'x86-native', cpus: 2, memoryModel: 'sc', symmetry: true } as const;
/** A C model whose safety holds but whose waiter spins for ever (test/fixtures/cmodels/pbfs-stuck.c). */
const STUCK = { scenario: 'test/fixtures/cmodels/pbfs-stuck.c', variant: 'baseline', arch: 'x86-native', cpus: 2, memoryModel: 'sc', symmetry: true } as const;

const LIMITS: ParallelLimits = { maxStates: 1e6, timeoutMs: 6e5, maxEdges: 1e7 };
/** Structures that start as small as they can: the table is rehashed and the arenas grow mid-level, the coordinator finishes the progress judgement. */
const TINY = { initialSlots: 1, initialArenaBytes: 0, judgePasses: 1 };

function machineOf(job: ParallelJob): Machine {
  return buildMachine(findScenario(job.scenario)!, job.variant, job.arch, job.cpus, job.memoryModel);
}

interface Level {
  /** States at this BFS distance. */
  readonly states: number;
  /** Transitions taken from the states of the level before. */
  readonly transitions: number;
  /** Sometimes-properties (race windows) true in some state up to this level. */
  readonly reached: readonly string[];
  /** The first always-property (in the machine's order) violated by a state of this level. */
  readonly violated?: string;
}

/** The reachable states level by level, canonical under symmetry if asked; stops after the first violating level. */
function levels(m: Machine, symmetry: boolean): Level[] {
  const sym = symmetry && m.symmetric;
  const keyOf = (s: Uint8Array): string => s.join(',');
  const s0 = m.initial();
  if (sym) m.canonicalize(s0);
  const seen = new Set([keyOf(s0)]);
  const reached = new Set<string>();
  const judge = (states: readonly Uint8Array[]): string | undefined => {
    let first: number | undefined;
    for (const s of states) {
      m.properties.forEach((p, i) => {
        if (p.kind === 'sometimes') {
          if (p.check(s)) reached.add(p.name);
        } else if (!p.check(s) && (first === undefined || i < first)) first = i;
      });
    }
    return first === undefined ? undefined : m.properties[first]!.name;
  };
  const out: Level[] = [];
  let frontier = [s0];
  let violated = judge(frontier);
  out.push({ states: 1, transitions: 0, reached: [...reached].sort(), ...(violated === undefined ? {} : { violated }) });
  const acts = new Int32Array(m.maxActions);
  const distinct = new Int32Array(m.maxActions);
  while (violated === undefined) {
    const next: Uint8Array[] = [];
    let transitions = 0;
    for (const s of frontier) {
      const n = m.enabled(s, acts);
      // With symmetry the searches take no action of a CPU equal to its predecessor, whose
      // successor is the predecessor's (test/enabled-distinct.test.ts): the states still come
      // from the full list.
      transitions += sym ? m.enabledDistinct(s, distinct) : n;
      for (let k = 0; k < n; k++) {
        const t = new Uint8Array(s.length);
        m.apply(s, acts[k]!, t);
        if (sym) m.canonicalize(t);
        const key = keyOf(t);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(t);
        }
      }
    }
    if (next.length === 0) {
      // The last level's expansion: its transitions count, no state is added.
      out.push({ states: 0, transitions, reached: [...reached].sort() });
      break;
    }
    violated = judge(next);
    out.push({ states: next.length, transitions, reached: [...reached].sort(), ...(violated === undefined ? {} : { violated }) });
    frontier = next;
  }
  return out;
}

const total = (ls: readonly Level[], upTo: number, f: (l: Level) => number): number => ls.slice(0, upTo + 1).reduce((a, l) => a + f(l), 0);

/** What the parallel BFS must report after exploring levels 0..d (`d` the last level explored). */
function expectedAfter(ls: readonly Level[], d: number): Pick<ParallelResult, 'states' | 'transitions' | 'reached'> {
  return { states: total(ls, d, (l) => l.states), transitions: total(ls, d, (l) => l.transitions), reached: ls[d]!.reached };
}

function seen(p: ParallelResult): Pick<ParallelResult, 'verdict' | 'property' | 'states' | 'transitions' | 'depth' | 'reached' | 'progress'> {
  return { verdict: p.verdict, property: p.property, states: p.states, transitions: p.transitions, depth: p.depth, reached: p.reached, progress: p.progress };
}

beforeAll(async () => {
  await loadCGrammar();
});

describe('parallel BFS on small models', () => {
  // The broadest test first: a mutant the mutation run kills is then killed by it alone.
  it('holds: every state and transition at every BFS distance, the race windows reached and the progress judgement of one thread, through rehashes and arena growth mid-level (3 workers without symmetry reduction, 2 with)', async () => {
    // Soundness: a parallel `holds` is a proof only if the workers together expanded every
    // reachable state exactly once: a state lost (or two distinct states merged) hides its
    // successors, a state counted twice inflates the counts. A rehash pauses the workers
    // mid-level: a state inserted before it must still be found after it, and the level must
    // resume where it stopped. Symmetry reduction must reduce, and only when asked.
    const gather = { ...GATHER, symmetry: false };
    const kick = { ...KICK, symmetry: true };
    const t0 = performance.now();
    const [p, q] = await Promise.all([parallelBfs(gather, 3, LIMITS, TINY), parallelBfs(kick, 2, LIMITS)]);
    const wall = (performance.now() - t0) / 1000;
    for (const [job, r] of [
      [gather, p],
      [kick, q],
    ] as const) {
      const m = machineOf(job);
      const ls = levels(m, job.symmetry);
      const depth = ls.length - 2;
      const want = { verdict: 'holds', property: undefined, ...expectedAfter(ls, ls.length - 1), depth, progress: 'progresses' };
      expect(seen(r)).toEqual(want);
      expect(r.phases.levels).toBe(ls.length - 1);
      const one = bfs(m, { symmetry: job.symmetry, maxStates: 1e6, timeoutMs: 6e4, progress: { maxEdges: 1e7 } });
      expect(one.verdict === 'holds' && { states: one.states, transitions: one.transitions, depth: one.depth, progress: one.progress?.verdict }).toEqual({
        states: want.states,
        transitions: want.transitions,
        depth,
        progress: 'progresses',
      });
    }
    expect(machineOf(kick).symmetric).toBe(true);
    expect([p.states, q.states]).toEqual([1618, 54]);
    expect(q.reached).toEqual(['request-queued-after-del-all', 'request-queued-during-handler']);
    expect(p.phases.rehashes).toBeGreaterThan(0);
    expect(p.phases.judgeOnCoordinator).toBe(true);
    expect(p.phases.judgePasses).toBe(1);
    expect(q.phases.rehashes).toBe(0);
    expect(q.phases.judgeOnCoordinator).toBe(false);
    expect(q.phases.judgePasses).toBeGreaterThan(1);
    expect(q.phases.judgePasses).toBeLessThan(DEFAULT_TUNING.judgePasses);
    // Where the time went: laps of one clock, within the run's wall time; a worker is busy only
    // while the coordinator waits for its level.
    for (const r of [p, q]) {
      const { start, explore, busy, rehash, judge } = r.phases;
      for (const t of [start, explore, busy, rehash, judge]) expect(t).toBeGreaterThanOrEqual(0);
      expect(start + explore + rehash + judge).toBeLessThanOrEqual(r.seconds);
      expect(r.seconds).toBeLessThanOrEqual(wall);
      expect(busy).toBeLessThanOrEqual(explore);
    }
    expect(p.phases.rehash).toBeGreaterThan(0);
  }, 60_000);

  it('violated: the property violated first (in the model\'s order) at the first violating level, at its BFS distance, and the single-threaded trace replays to a state violating it', async () => {
    // Soundness: a violation is only as good as the counterexample re-derived from it
    // (check --workers re-runs the single-threaded BFS): the property and the distance the
    // parallel run reports must be the ones a replayable trace reaches.
    const m = machineOf(SKIP_SYNC);
    const ls = levels(m, true);
    const d = ls.length - 1;
    expect(ls[d]!.violated).toBe('no-walker-reads-freed-table');
    const [p, late, ...two] = await Promise.all([parallelBfs(SKIP_SYNC, 2, LIMITS), parallelBfs(LATE_FIRST, 1, LIMITS), parallelBfs(TWO_BUGS, 1, LIMITS), parallelBfs(TWO_BUGS, 2, LIMITS)]);
    expect(seen(p)).toEqual({ verdict: 'violated', property: 'no-walker-reads-freed-table', ...expectedAfter(ls, d), depth: d, progress: undefined });
    // Two properties violated at distance 1, CPU0's first in the model's order, CPU1's by the
    // state found last: the first in order is reported, on one worker and on two.
    const bugs = machineOf(TWO_BUGS);
    const bugLevels = levels(bugs, true);
    expect(bugLevels.length).toBe(2);
    expect(bugLevels[1]!.violated).toBe('BUG_ON(READ_ONCE(x) == 0)');
    for (const r of two) expect(seen(r)).toEqual({ verdict: 'violated', property: 'BUG_ON(READ_ONCE(x) == 0)', ...expectedAfter(bugLevels, 1), depth: 1, progress: undefined });
    // And where the model's first is violated by a state found after one violating its second.
    const lateLevels = levels(machineOf(LATE_FIRST), true);
    expect(lateLevels.length).toBe(3);
    expect(lateLevels[2]!.violated).toBe('BUG_ON(READ_ONCE(b) == 1)');
    expect(seen(late)).toEqual({ verdict: 'violated', property: 'BUG_ON(READ_ONCE(b) == 1)', ...expectedAfter(lateLevels, 2), depth: 2, progress: undefined });
    const one = bfs(m, { symmetry: true, maxStates: 1e6, timeoutMs: 6e4 });
    expect(one.verdict).toBe('violated');
    if (one.verdict !== 'violated') return;
    expect(one.property).toBe(p.property);
    expect(one.trace.length).toBe(p.depth);
    let s = m.initial();
    for (const a of one.trace) {
      const out = new Uint8Array(s.length);
      m.apply(s, a, out);
      s = out;
    }
    expect(m.properties.find((q) => q.name === p.property)!.check(s)).toBe(false);
  }, 60_000);

  it('limits: --max-states stops at the first level boundary at or past it, with the race windows reached so far; a passed deadline and too many edges to judge give inconclusive (1 worker, symmetry off on a symmetric model)', async () => {
    // Soundness: a search cut short is no proof (inconclusive, never holds), and what it
    // reports is what it explored: windows not reached yet are not claimed.
    const job = { ...KICK, symmetry: false };
    const ls = levels(machineOf(job), false);
    const all = total(ls, ls.length - 1, (l) => l.states);
    expect(all).toBe(89);
    // A cap reached one level before both race windows are.
    const r = ls.findIndex((l) => l.reached.length === 2);
    expect(r).toBeGreaterThan(1);
    const cap = total(ls, r - 1, (l) => l.states);
    const transitions = total(ls, ls.length - 1, (l) => l.transitions);
    const [cut, exact, late, edges, logged] = await Promise.all([
      parallelBfs(job, 1, { ...LIMITS, maxStates: cap }),
      parallelBfs(job, 1, { ...LIMITS, maxStates: all }),
      parallelBfs(job, 1, { ...LIMITS, timeoutMs: -1 }),
      parallelBfs(job, 1, { ...LIMITS, maxEdges: 10 }),
      parallelBfs(job, 1, { ...LIMITS, maxEdges: transitions }),
    ]);
    // Level r - 1 is known but not expanded: its transitions are not taken.
    expect(seen(cut)).toEqual({ verdict: 'inconclusive', property: undefined, ...expectedAfter(ls, r - 1), depth: r - 1, progress: undefined });
    expect(cut.reached.length).toBe(ls[r - 1]!.reached.length);
    // Exactly as many states as allowed: the next level was not explored, so nothing says it adds none.
    expect(seen(exact)).toMatchObject({ verdict: 'inconclusive', states: all, progress: undefined });
    expect(seen(late)).toEqual({ verdict: 'inconclusive', property: undefined, states: 1, transitions: 0, depth: 0, reached: [], progress: undefined });
    // Safety is still judged on every state; progress is not judged on a partial edge log.
    expect(seen(edges)).toEqual({ verdict: 'holds', property: undefined, ...expectedAfter(ls, ls.length - 1), depth: ls.length - 2, progress: 'inconclusive' });
    // Exactly as many transitions as may be logged: all are, and progress is judged.
    expect(seen(logged)).toEqual({ ...seen(edges), progress: 'progresses' });
    // Memory per state: the stored words and the table, and the edge log only while it is kept
    // (4 bytes a transition, 8 a state).
    const words = Math.ceil(machineOf(job).stateSize / 4);
    expect(edges.bytesPerState * all).toBeCloseTo(all * words * 4 + DEFAULT_TUNING.initialSlots * 8, 6);
    expect((logged.bytesPerState - edges.bytesPerState) * all).toBeCloseTo(transitions * 4 + all * 8, 6);
  }, 60_000);

  it('a job naming no scenario fails with that reason, not as a verdict, and its workers are ended; more workers than the control block has room for are refused', async () => {
    // Soundness: a worker that cannot build the model must not let the run report anything.
    // Its threads are ended all the same (a matrix runs many checks in one process).
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    await expect(parallelBfs({ ...KICK, scenario: 'no-such-scenario', symmetry: true }, 2, LIMITS)).rejects.toThrow('worker: unknown scenario no-such-scenario');
    expect(terminate).toHaveBeenCalledTimes(2);
    terminate.mockRestore();
    expect(() => newControl(MAX_WORKERS + 1)).toThrow(`parallel BFS: at most ${MAX_WORKERS} workers`);
    // The control block: every worker's cursor, the shared counters and every worker's frontier
    // range are distinct words inside it; what different workers write often (their cursors,
    // the insertion count, HALT) sits on distinct 64-byte cache lines.
    for (const workers of [1, 2, MAX_WORKERS]) {
      const words = newControl(workers).byteLength / 4;
      const fields = [...Array.from({ length: workers }, (_, w) => cursor(w)), INSERTED, INSERT_LIMIT, HALT, ...Array.from({ length: 2 * workers }, (_, i) => FRONTIER + i)];
      expect(new Set(fields).size).toBe(fields.length);
      for (const f of fields) {
        expect(Number.isInteger(f)).toBe(true);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThan(words);
      }
      expect(words).toBe(FRONTIER + 2 * workers);
    }
    const lines = [...Array.from({ length: MAX_WORKERS }, (_, w) => cursor(w)), INSERTED, HALT, FRONTIER].map((f) => Math.floor(f / 16));
    expect(new Set(lines).size).toBe(lines.length);
  }, 60_000);

  it('progress: a wait that can never complete, or a CPU that cycles for ever, is reported stuck, as one thread finds (2 workers)', async () => {
    // Soundness: `holds` must not hide a wait that can never complete (every-wait-completes).
    // A state with a path to a finished one is marked only through real edges.
    const m = machineOf(STUCK);
    const one = bfs(m, { symmetry: true, maxStates: 1e6, timeoutMs: 6e4, progress: { maxEdges: 1e7 } });
    expect(one.verdict === 'holds' && one.progress?.verdict).toBe('stuck');
    const ls = levels(m, true);
    const [p, loop] = await Promise.all([parallelBfs(STUCK, 2, LIMITS), parallelBfs(LIVELOCK, 2, LIMITS)]);
    expect(seen(p)).toEqual({ verdict: 'holds', property: undefined, ...expectedAfter(ls, ls.length - 1), depth: ls.length - 2, progress: 'stuck' });
    // Stuck in cycles: every state has a successor, found new or already known, and none can
    // finish. The edges into new states and into known ones must both be logged as they are.
    const lm = machineOf(LIVELOCK);
    const lone = bfs(lm, { symmetry: true, maxStates: 1e6, timeoutMs: 6e4, progress: { maxEdges: 1e7 } });
    expect(lone.verdict === 'holds' && lone.progress).toMatchObject({ verdict: 'stuck', stuckStates: 5 });
    const lls = levels(lm, true);
    expect(seen(loop)).toEqual({ verdict: 'holds', property: undefined, ...expectedAfter(lls, lls.length - 1), depth: lls.length - 2, progress: 'stuck' });
  }, 60_000);
});
