/**
 * The transitions of a compiled model, numbered statically (every program step, event and
 * program choice of every CPU), with their footprints instantiated as byte sets for the CPU
 * count being checked, and the static dependency relation partial-order reduction uses.
 *
 * Two transitions are dependent when one may write a byte the other reads (its guard included)
 * or writes: only then can they fail to commute, or one enable or disable the other.
 */
import type { Layout } from './layout.js';
import type { ModelSpec } from './model.js';
import type { GuardTree, ModelFootprints, RelFootprint, RelLoc } from './footprint.js';

export type TransitionKind = 'step' | 'event' | 'choose';

export interface TransitionTable {
  readonly count: number;
  readonly cpu: Int32Array;
  readonly kind: readonly TransitionKind[];
  /** For steps and choices: the program (1-based, as in the `prog` field); else 0. */
  readonly program: Int32Array;
  /** For steps: the index in the program; for events: the event index. */
  readonly index: Int32Array;
  /** For steps: whether the program loops. */
  readonly loops: Uint8Array;
  /** For steps: the program's length. */
  readonly length: Int32Array;
  /** Transitions dependent on t: `depList.subarray(depStart[t], depStart[t + 1])`. */
  readonly depStart: Int32Array;
  readonly depList: Int32Array;
  /** Transitions that may write a byte t's guard reads (t's necessary enabling set when its guard is false). */
  readonly enablerStart: Int32Array;
  readonly enablerList: Int32Array;
  /** May change what an always-property reads. */
  readonly visible: Uint8Array;
  /** First transition of each CPU; step transitions of program p start at `stepBase[cpu][p - 1]`. */
  readonly cpuFirst: Int32Array;
  readonly stepBase: readonly Int32Array[];
  readonly eventBase: Int32Array;
  readonly chooseBase: Int32Array;
  /** Bytes each transition may write, and its guard may read (for checking footprints against what a step did). */
  readonly writes: readonly Uint32Array[];
  readonly guardReads: readonly Uint32Array[];
  /** Transitions that may write each byte. */
  readonly writersOfByte: readonly Int32Array[];
  /** Each transition's guard paths (relative to its CPU), when known. */
  readonly guardTree: readonly (GuardTree | undefined)[];
}

/** Bitset over the state's bytes. */
type Bits = Uint32Array;

function bits(size: number): Bits {
  return new Uint32Array(Math.ceil(size / 32));
}

function setBit(b: Bits, i: number): void {
  b[i >>> 5]! |= 1 << (i & 31);
}

function intersects(a: Bits, b: Bits): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i]! & b[i]!) !== 0) return true;
  return false;
}

/** The absolute bytes a relative location stands for, for a step of `cpu`. */
export function bytesOf(L: Layout<string, string>, cpuRoles: readonly number[], cpu: number, l: RelLoc): number[] {
  if (l.scope === 'global') return [l.field];
  if (l.scope === 'self') return [L.base(cpu) + l.field];
  const out: number[] = [];
  for (let d = 0; d < L.cpus; d++) if (d !== cpu && cpuRoles[d] === l.role) out.push(L.base(d) + l.field);
  return out;
}

function instantiate(L: Layout<string, string>, cpuRoles: readonly number[], cpu: number, locs: readonly RelLoc[], into: Bits): void {
  for (const l of locs) for (const b of bytesOf(L, cpuRoles, cpu, l)) setBit(into, b);
}

export function transitionTable(spec: ModelSpec, fp: ModelFootprints): TransitionTable {
  const L = spec.layout;
  const cpus = L.cpus;
  const cpu: number[] = [];
  const kind: TransitionKind[] = [];
  const program: number[] = [];
  const index: number[] = [];
  const loops: number[] = [];
  const length: number[] = [];
  const feet: RelFootprint[] = [];
  const cpuFirst = new Int32Array(cpus + 1);
  const stepBase: Int32Array[] = [];
  const eventBase = new Int32Array(cpus);
  const chooseBase = new Int32Array(cpus);
  for (let c = 0; c < cpus; c++) {
    cpuFirst[c] = cpu.length;
    const ri = spec.cpuRoles[c]!;
    const role = spec.roles[ri]!;
    const rf = fp.roles[ri]!;
    const sb = new Int32Array(role.programs.length);
    role.programs.forEach((p, pi) => {
      sb[pi] = cpu.length;
      p.steps.forEach((_, i) => {
        cpu.push(c);
        kind.push('step');
        program.push(pi + 1);
        index.push(i);
        loops.push(p.loop ? 1 : 0);
        length.push(p.steps.length);
        feet.push(rf.steps[pi]![i]!);
      });
    });
    stepBase.push(sb);
    eventBase[c] = cpu.length;
    role.events.forEach((_, e) => {
      cpu.push(c);
      kind.push('event');
      program.push(0);
      index.push(e);
      loops.push(0);
      length.push(0);
      feet.push(rf.events[e]!);
    });
    chooseBase[c] = cpu.length;
    if (role.programs.length > 1) {
      role.programs.forEach((_, pi) => {
        cpu.push(c);
        kind.push('choose');
        program.push(pi + 1);
        index.push(0);
        loops.push(0);
        length.push(0);
        feet.push(rf.choose);
      });
    }
  }
  cpuFirst[cpus] = cpu.length;
  const n = cpu.length;
  const G: Bits[] = [];
  const R: Bits[] = [];
  const W: Bits[] = [];
  for (let t = 0; t < n; t++) {
    const g = bits(L.size);
    const r = bits(L.size);
    const w = bits(L.size);
    instantiate(L, spec.cpuRoles, cpu[t]!, feet[t]!.guardReads, g);
    instantiate(L, spec.cpuRoles, cpu[t]!, feet[t]!.guardReads, r);
    instantiate(L, spec.cpuRoles, cpu[t]!, feet[t]!.reads, r);
    instantiate(L, spec.cpuRoles, cpu[t]!, feet[t]!.writes, w);
    G.push(g);
    R.push(r);
    W.push(w);
  }
  const propBits = bits(L.size);
  for (let c = 0; c < cpus; c++) instantiate(L, spec.cpuRoles, c, fp.alwaysReads.filter((l) => l.scope !== 'role'), propBits);
  const visible = new Uint8Array(n);
  for (let t = 0; t < n; t++) visible[t] = intersects(W[t]!, propBits) ? 1 : 0;

  const dep: number[][] = Array.from({ length: n }, () => []);
  const enablers: number[][] = Array.from({ length: n }, () => []);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      if (intersects(W[b]!, G[a]!)) enablers[a]!.push(b);
      if (b < a) continue;
      if (intersects(W[a]!, R[b]!) || intersects(W[a]!, W[b]!) || intersects(W[b]!, R[a]!)) {
        dep[a]!.push(b);
        dep[b]!.push(a);
      }
    }
  }
  const csr = (lists: number[][]): { start: Int32Array; list: Int32Array } => {
    const start = new Int32Array(n + 1);
    let k = 0;
    for (let t = 0; t < n; t++) {
      start[t] = k;
      k += lists[t]!.length;
    }
    start[n] = k;
    const list = new Int32Array(k);
    let i = 0;
    for (const l of lists) for (const x of l) list[i++] = x;
    return { start, list };
  };
  const writersOfByte: Int32Array[] = [];
  for (let i = 0; i < L.size; i++) {
    const ws: number[] = [];
    for (let t = 0; t < n; t++) if ((W[t]![i >>> 5]! >>> (i & 31)) & 1) ws.push(t);
    writersOfByte.push(Int32Array.from(ws));
  }
  const d = csr(dep);
  const e = csr(enablers);
  return {
    count: n,
    cpu: Int32Array.from(cpu),
    kind,
    program: Int32Array.from(program),
    index: Int32Array.from(index),
    loops: Uint8Array.from(loops),
    length: Int32Array.from(length),
    depStart: d.start,
    depList: d.list,
    enablerStart: e.start,
    enablerList: e.list,
    visible,
    cpuFirst,
    stepBase,
    eventBase,
    chooseBase,
    writes: W,
    guardReads: G,
    writersOfByte,
    guardTree: feet.map((f) => f.guardTree),
  };
}
