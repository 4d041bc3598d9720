/**
 * A parallel BFS worker: rebuilds the machine from the job, owns the states whose hash falls to
 * it (visited set, frontier, the edges into them, which are finished), expands its frontier one
 * level at a time and hands successors it does not own to their owner through the coordinator.
 */
import { parentPort } from 'node:worker_threads';
import { match } from 'ts-pattern';
import { ARCHES } from '../../arch/index.js';
import { compileModel } from '../../core/compile.js';
import type { Machine } from '../../core/machine.js';
import type { State } from '../../core/model.js';
import { findScenario } from '../../scenarios/index.js';
import { EdgeLog } from '../edge-log.js';
import { GrowableFlags } from '../progress.js';
import { StateStore } from '../state-store.js';
import { ownerOf } from './owner.js';
import type { Batch, FromWorker, ParallelJob, ToWorker } from './protocol.js';

/** Growable byte buffer of (int32 source id, state bytes) records for one owner. */
class Outbox {
  private bytes = new Uint8Array(1 << 16);
  private view = new DataView(this.bytes.buffer);
  count = 0;
  private used = 0;

  constructor(private readonly record: number) {}

  push(src: number, s: State): void {
    if (this.used + this.record > this.bytes.length) {
      const b = new Uint8Array(this.bytes.length * 2);
      b.set(this.bytes.subarray(0, this.used));
      this.bytes = b;
      this.view = new DataView(b.buffer);
    }
    this.view.setInt32(this.used, src, true);
    this.bytes.set(s, this.used + 4);
    this.used += this.record;
    this.count++;
  }

  /** Hands the whole buffer over (transferred, not copied); the next level starts a new one. */
  take(to: number): Batch {
    const batch = { to, count: this.count, buffer: this.bytes.buffer as ArrayBuffer };
    this.bytes = new Uint8Array(Math.max(1 << 16, this.used));
    this.view = new DataView(this.bytes.buffer);
    this.count = 0;
    this.used = 0;
    return batch;
  }
}

function buildMachine(job: ParallelJob): Machine {
  const scenario = findScenario(job.scenario);
  if (scenario === undefined) throw new Error(`worker: unknown scenario ${job.scenario}`);
  return compileModel(scenario.build(job.variant, ARCHES[job.arch], job.cpus, job.memoryModel));
}

const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread');

let machine: Machine;
let store: StateStore;
let edges: EdgeLog;
const done = new GrowableFlags();
let me = 0;
let W = 1;
let symmetry = false;
let frontier: number[] = [];
let next: number[] = [];
let transitions = 0;
const reached = new Set<string>();

/** Takes a (canonical) state reached from global id `src` (-1: initial). Returns a violated property. */
function admit(src: number, s: State): string | null {
  const r = store.intern(s);
  const idx = r >= 0 ? r : ~r;
  if (src >= 0) edges.add(src, idx * W + me);
  if (r >= 0) return null;
  next.push(idx);
  if (machine.finished(s)) done.set(idx);
  for (const p of machine.properties) {
    if (p.kind === 'sometimes') {
      if (!reached.has(p.name) && p.check(s)) reached.add(p.name);
    } else if (!p.check(s)) return p.name;
  }
  return null;
}

/** Expands this worker's frontier: own successors admitted here, the others batched per owner. */
function expand(): { batches: Batch[]; bad: string | null } {
  const cur = new Uint8Array(machine.stateSize);
  const succ = new Uint8Array(machine.stateSize);
  const acts = new Int32Array(machine.maxActions);
  const out = Array.from({ length: W }, () => new Outbox(4 + machine.stateSize));
  let bad: string | null = null;
  for (let f = 0; f < frontier.length; f++) {
    const idx = frontier[f]!;
    const src = idx * W + me;
    store.read(idx, cur);
    const n = machine.enabled(cur, acts);
    for (let k = 0; k < n; k++) {
      machine.apply(cur, acts[k]!, succ);
      transitions++;
      if (symmetry) machine.canonicalize(succ);
      const owner = ownerOf(succ, W);
      if (owner === me) {
        const v = admit(src, succ);
        if (v !== null && bad === null) bad = v;
      } else out[owner]!.push(src, succ);
    }
  }
  return { batches: out.flatMap((o, to) => (to === me || o.count === 0 ? [] : [o.take(to)])), bad };
}

/** Admits the successors other workers found for states this worker owns. */
function deliver(batches: readonly Batch[]): string | null {
  let bad: string | null = null;
  const rec = 4 + machine.stateSize;
  for (const b of batches) {
    const bytes = new Uint8Array(b.buffer);
    const view = new DataView(b.buffer);
    for (let k = 0; k < b.count; k++) {
      const off = k * rec;
      const v = admit(view.getInt32(off, true), bytes.subarray(off + 4, off + rec));
      if (v !== null && bad === null) bad = v;
    }
  }
  return bad;
}

function post(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(m, transfer);
}

port.on('message', (m: ToWorker) => {
  match(m)
    .with({ kind: 'start' }, (s) => start(s.job, s.id, s.workers, s.maxEdges))
    .with({ kind: 'expand' }, () => {
      const { batches, bad } = expand();
      post({ kind: 'expanded', batches, transitions, violated: bad }, batches.map((b) => b.buffer));
    })
    .with({ kind: 'deliver' }, (d) => {
      const bad = deliver(d.batches);
      frontier = next;
      next = [];
      post({ kind: 'delivered', frontier: frontier.length, states: store.count, violated: bad });
    })
    .with({ kind: 'finish' }, () => finish())
    .exhaustive();
});

function start(job: ParallelJob, id: number, workers: number, maxEdges: number): void {
  machine = buildMachine(job);
  store = new StateStore(machine.stateSize);
  edges = new EdgeLog(maxEdges);
  me = id;
  W = workers;
  symmetry = job.symmetry && machine.symmetric;
  const s0 = machine.initial();
  if (symmetry) machine.canonicalize(s0);
  const bad = ownerOf(s0, W) === me ? admit(-1, s0) : null;
  frontier = next;
  next = [];
  post({ kind: 'started', frontier: frontier.length, violated: bad });
}

function finish(): void {
  const pairs = edges.pairs();
  const flags = done.view(store.count);
  post(
    {
      kind: 'finished',
      states: store.count,
      transitions,
      reached: [...reached].sort(),
      edgeCount: edges.count,
      edgesComplete: edges.complete,
      edges: pairs.buffer as ArrayBuffer,
      done: flags.buffer as ArrayBuffer,
      bytes: store.bytes + edges.count * 8,
    },
    [pairs.buffer as ArrayBuffer, flags.buffer as ArrayBuffer],
  );
}
