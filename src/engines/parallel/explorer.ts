/**
 * One parallel BFS worker's exploration (driven by ./worker.ts): claims chunks of the current
 * level's frontier and expands them against the shared visited set. A new state goes into this
 * worker's own arena, which makes it part of the next level's frontier; no successor is routed
 * anywhere. It also logs the edges it took and which of its states are finished, and runs its
 * share of the progress judgement over them.
 */
import type { Machine } from '../../core/machine.js';
import { GrowableFlags } from '../progress.js';
import { CHUNK, cursor, FRONTIER, HALT, Halt, INSERTED, INSERT_BATCH, INSERT_LIMIT } from './control.js';
import { ForwardEdges, type Adjacency } from './forward-edges.js';
import { Propagation } from './judge.js';
import type { FromWorker, ParallelJob, Violation } from './protocol.js';
import type { SharedVisited } from './shared-visited.js';
import { SelfLoops } from '../self-loop.js';

/** One worker's exploration; lives for one parallel BFS. */
export class Explorer {
  private readonly symmetry: boolean;
  private readonly edges = new ForwardEdges();
  private adjacency: Adjacency | null = null;
  private canFinish: Uint8Array | null = null;
  private propagation: Propagation | null = null;
  private logEdges = true;
  private readonly done = new GrowableFlags();
  private readonly reached = new Set<string>();
  private violated: Violation | null = null;
  private transitions = 0;
  private busyMs = 0;
  /** Frontier ranges of the current level: start and length in each worker's arena. */
  private readonly starts: number[];
  private readonly lengths: number[];
  /** The range being claimed from (this worker's own first), and how many ranges are left. */
  private range = 0;
  private ranges = 0;
  /** The claimed chunk: positions `pos` (next to expand) to `end` of range `range`. */
  private pos = 0;
  private end = 0;
  private unflushed = 0;
  private readonly cur: Int32Array;
  private readonly curBytes: Uint8Array;
  private readonly loops: SelfLoops;
  private readonly acts: Int32Array;

  constructor(
    private readonly machine: Machine,
    private readonly visited: SharedVisited,
    private readonly ctl: Int32Array,
    private readonly workers: number,
    private readonly deadline: number,
    job: ParallelJob,
  ) {
    this.symmetry = job.symmetry && machine.symmetric;
    this.starts = new Array<number>(workers).fill(0);
    this.lengths = new Array<number>(workers).fill(0);
    this.cur = new Int32Array(visited.words);
    this.curBytes = new Uint8Array(this.cur.buffer, 0, machine.stateSize);
    this.acts = new Int32Array(machine.maxActions);
    this.loops = new SelfLoops(this.curBytes, visited.keyBytes, machine.stateSize);
  }

  /** Worker 0 inserts the initial state: the first level's frontier. */
  seed(): void {
    const s0 = this.machine.initial();
    if (this.symmetry) this.machine.canonicalize(s0);
    this.visited.keyBytes.set(s0);
    this.visited.reserve(1);
    const r = this.visited.intern();
    this.admit(~r);
  }

  /** Expands frontier states until the level is drained or the coordinator's HALT is raised. */
  run(level: boolean): void {
    const t0 = performance.now();
    const ctl = this.ctl;
    if (level) this.startLevel();
    this.unflushed = 0;
    for (;;) {
      if (Atomics.load(ctl, HALT) !== Halt.none) break;
      if (this.pos === this.end && !this.claim()) break;
      if (!this.visited.reserve(this.machine.maxActions)) {
        this.halt(Halt.full);
        break;
      }
      this.expand(this.visited.idAt(this.range, this.starts[this.range]! + this.pos));
      this.pos++;
    }
    this.busyMs += performance.now() - t0;
  }

  /** Asks every worker to return; the first reason raised stands (a lost one is raised again on resuming). */
  private halt(reason: number): void {
    Atomics.compareExchange(this.ctl, HALT, Halt.none, reason);
  }

  private startLevel(): void {
    for (let w = 0; w < this.workers; w++) {
      this.starts[w] = this.ctl[FRONTIER + 2 * w]!;
      this.lengths[w] = this.ctl[FRONTIER + 2 * w + 1]! - this.starts[w]!;
    }
    this.range = this.visited.me;
    this.ranges = this.workers;
    this.pos = 0;
    this.end = 0;
  }

  /** Takes the next chunk of the level, own range first; false once it is all taken. */
  private claim(): boolean {
    if (Date.now() > this.deadline) {
      this.halt(Halt.timeout);
      return false;
    }
    while (this.ranges > 0) {
      const len = this.lengths[this.range]!;
      const p = Atomics.add(this.ctl, cursor(this.range), CHUNK);
      if (p < len) {
        this.pos = p;
        this.end = Math.min(p + CHUNK, len);
        return true;
      }
      this.range = (this.range + 1) % this.workers;
      this.ranges--;
    }
    return false;
  }

  private expand(id: number): void {
    const { machine, visited, acts, curBytes } = this;
    const succ = visited.keyBytes;
    visited.read(id, this.cur);
    const n = this.symmetry ? machine.enabledDistinct(curBytes, acts) : machine.enabled(curBytes, acts);
    if (this.logEdges) this.edges.source(id);
    for (let k = 0; k < n; k++) {
      machine.apply(curBytes, acts[k]!, succ);
      if (this.loops.same()) {
        // Back to state `id` itself (./self-loop.ts).
        if (this.logEdges) this.edges.add(id);
        continue;
      }
      if (this.symmetry) machine.canonicalize(succ);
      const r = visited.intern();
      if (this.logEdges) this.edges.add(r >= 0 ? r : ~r);
      if (r < 0) this.admit(~r);
    }
    this.transitions += n;
  }

  /** A state this worker just inserted (its bytes are in `visited.keyBytes`). */
  private admit(id: number): void {
    const s = this.visited.keyBytes;
    const machine = this.machine;
    const local = this.visited.localOf(id);
    if (machine.finished(s)) this.done.set(local);
    const props = machine.properties;
    for (let i = 0; i < props.length; i++) {
      const p = props[i]!;
      if (p.kind === 'sometimes') {
        if (!this.reached.has(p.name) && p.check(s)) this.reached.add(p.name);
      } else if ((this.violated === null || i < this.violated.index) && !p.check(s)) {
        this.violated = { index: i, name: p.name };
      }
    }
    if (++this.unflushed === INSERT_BATCH) {
      this.unflushed = 0;
      if (Atomics.add(this.ctl, INSERTED, INSERT_BATCH) + INSERT_BATCH >= Atomics.load(this.ctl, INSERT_LIMIT)) this.halt(Halt.rehash);
    }
  }

  useTable(table: SharedArrayBuffer): void {
    this.visited.useTable(table);
  }

  dropEdges(): void {
    if (!this.logEdges) return;
    this.logEdges = false;
    this.edges.drop();
  }

  ran(): Extract<FromWorker, { kind: 'ran' }> {
    return { kind: 'ran', count: this.visited.count, transitions: this.transitions, violated: this.violated, busyMs: this.busyMs };
  }

  report(): FromWorker {
    return { kind: 'report', reached: [...this.reached].sort() };
  }

  /** Dense edges, and this worker's finished states marked in the shared `canFinish`. */
  densify(offsets: readonly number[], canFinish: SharedArrayBuffer): void {
    this.adjacency = this.edges.dense(offsets, this.visited.bits);
    this.canFinish = new Uint8Array(canFinish);
    this.canFinish.set(this.done.view(this.visited.count), offsets[this.visited.me]!);
  }

  /** One `Propagation` pass (the first comes after every worker densified). */
  propagate(): number {
    this.propagation ??= new Propagation(this.adjacency!, this.canFinish!);
    return this.propagation.pass();
  }

  /** The dense edges, to transfer: this worker no longer has them. */
  handOver(): { adjacency: Adjacency; transfer: ArrayBuffer[] } {
    const adjacency = this.adjacency!;
    this.adjacency = null;
    return { adjacency, transfer: [adjacency.sources.buffer as ArrayBuffer, adjacency.starts.buffer as ArrayBuffer, adjacency.targets.buffer as ArrayBuffer] };
  }
}
