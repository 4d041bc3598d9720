/**
 * From a symbolic address (an object instance and a path of fields and indices, or a pointer
 * value and a path) to the state byte it names, as a closure over the frame. Indices and
 * pointers are checked when the step runs: an index out of bounds or a NULL pointer
 * dereference is a violation of a built-in property, never a silent wrap.
 */
import type { State } from '../../core/model.js';
import type { Addr, CpuSel, PathElem, Val } from '../ir.js';
import type { AddressTable } from '../addresses.js';
import type { ObjectStorage, Shape } from '../storage.js';
import { typeName, type CType } from '../types.js';
import type { Frame } from './frame.js';
import { pointeeCompatible } from '../pointees.js';

export type Fault = 'index-in-bounds' | 'no-null-dereference' | 'pointer-type';

export interface LayoutGeometry {
  readonly cpus: number;
  readonly cpuBase: number;
  readonly cpuSize: number;
  /** Byte of the fault sink: where a faulting access lands (never read by the model). */
  readonly sink: number;
}

export interface Resolved {
  readonly offset: (x: Frame) => number;
  readonly type: CType;
  /**
   * Where the byte is known without running anything: a fixed byte of the state (`at`), or a
   * fixed byte of the executing CPU's block (`at0 + cpu * cpuSize`). Generated code
   * (../steps/jit.ts) computes these in place instead of calling `offset`.
   */
  readonly fixed?: { readonly k: 'state'; readonly at: number } | { readonly k: 'own-cpu'; readonly at0: number; readonly cpuSize: number };
}

export interface LocationContext {
  readonly geo: LayoutGeometry;
  readonly storage: readonly ObjectStorage[];
  readonly addrs: AddressTable;
  readonly val: (v: Val) => (x: Frame) => number;
  /** Records a fault in the state (the property checks it). */
  readonly fault: (x: Frame, f: Fault) => void;
  /**
   * Per-task data that is gone (a model with tasks; code only, never a witness): the instance
   * of a DEFINE_PER_TASK object owned by actor `owner` is dead once that task's function has
   * returned, and an access to it through a pointer is `report`ed (it still reads or writes
   * the old bytes, as the kernel's stale pointer would).
   */
  readonly deadTaskData?: { readonly dead: (s: State, owner: number) => boolean; readonly report: (x: Frame) => void };
}

export function resolveAddr(cx: LocationContext, a: Addr): Resolved {
  if (a.k === 'obj') return objectAddr(cx, a.obj, a.cpu, a.path);
  const ptr = cx.val(a.ptr);
  const candidates = new Map<number, Resolved | null>();
  const { objOf, cpuOf } = cx.addrs;
  for (let p = 0; p < cx.addrs.size; p++) {
    const obj = objOf[p]!;
    if (obj < 0) continue;
    if (!candidates.has(obj)) {
      // An object of another type than the pointer's is a fault (src/cmodel/pointees.ts).
      if (!pointeeCompatible(a.to, cx.storage[obj]!.decl.type)) {
        candidates.set(obj, null);
        continue;
      }
      try {
        candidates.set(obj, objectAddrAt(cx, obj, a.path));
      } catch {
        candidates.set(obj, null);
      }
    }
  }
  const byPtr: ((x: Frame) => number)[] = [];
  for (let p = 0; p < cx.addrs.size; p++) {
    const obj = objOf[p]!;
    const cpu = cpuOf[p]!;
    const r = obj < 0 ? null : candidates.get(obj) ?? null;
    if (r === null) {
      byPtr.push((x) => sinkWith(cx, x, obj < 0 ? 'no-null-dereference' : 'pointer-type'));
      continue;
    }
    const at = withCpu(r, cpu);
    const dd = cx.deadTaskData;
    byPtr.push(
      dd !== undefined && cx.storage[obj]!.decl.perTask === true && cpu >= 0
        ? (x) => {
            if (dd.dead(x.s, cpu)) dd.report(x);
            return at(x);
          }
        : at,
    );
  }
  const type = firstType(candidates);
  return {
    type,
    offset: (x) => {
      const p = ptr(x);
      const f = byPtr[p];
      return f === undefined ? sinkWith(cx, x, 'no-null-dereference') : f(x);
    },
  };
}

function firstType(c: Map<number, Resolved | null>): CType {
  for (const r of c.values()) if (r !== null) return r.type;
  return { kind: 'void' };
}

function sinkWith(cx: LocationContext, x: Frame, f: Fault): number {
  cx.fault(x, f);
  return cx.geo.sink;
}

/** A resolver for an object whose CPU is fixed later (`withCpu`): offsets relative to CPU 0. */
function objectAddrAt(cx: LocationContext, obj: number, path: readonly PathElem[]): Resolved & { readonly perCpuInstance: (x: Frame, cpu: number) => number } {
  const st = cx.storage[obj]!;
  const walk = walkPath(cx, st, path);
  return {
    type: walk.type,
    offset: (x) => walk.at(x, 0),
    perCpuInstance: (x, cpu) => walk.at(x, cpu),
  };
}

function withCpu(r: Resolved, cpu: number): (x: Frame) => number {
  const inst = (r as Resolved & { perCpuInstance?: (x: Frame, cpu: number) => number }).perCpuInstance;
  if (inst === undefined || cpu < 0) return r.offset;
  return (x) => inst(x, cpu);
}

function objectAddr(cx: LocationContext, obj: number, cpu: CpuSel | null, path: readonly PathElem[]): Resolved {
  const st = cx.storage[obj]!;
  const walk = walkPath(cx, st, path);
  const fixed = walk.fixed;
  if (!st.decl.perCpu) {
    // A shared scalar at a path with no index: one byte, known now.
    if (fixed !== undefined) {
      const at = fixed(0);
      return { type: walk.type, offset: () => at, fixed: { k: 'state', at } };
    }
    return { type: walk.type, offset: (x) => walk.at(x, 0) };
  }
  if (cpu === null) throw new Error(`per-CPU object ${st.decl.name} without a CPU`);
  // The running task's instance of a per-task object: in its own actor block.
  if (cpu.k === 'task') return { type: walk.type, offset: (x) => walk.at(x, x.task) };
  if (cpu.k === 'self') {
    if (fixed !== undefined) {
      const { cpuSize } = cx.geo;
      const at0 = fixed(0);
      return { type: walk.type, offset: (x) => at0 + x.cpu * cpuSize, fixed: { k: 'own-cpu', at0, cpuSize } };
    }
    return { type: walk.type, offset: (x) => walk.at(x, x.cpu) };
  }
  const c = cx.val(cpu.v);
  const n = cx.geo.cpus;
  return {
    type: walk.type,
    offset: (x) => {
      const v = c(x);
      return v >= 0 && v < n ? walk.at(x, v) : sinkWith(cx, x, 'index-in-bounds');
    },
  };
}

interface Walk {
  readonly type: CType;
  /** Byte of the location for the object instance of `owner` (0 for a shared object). */
  readonly at: (x: Frame, owner: number) => number;
  /** Where the path has no run-time index: the byte for each owner, without a frame. */
  readonly fixed?: (owner: number) => number;
}

/** Follows a path through an object's shape; per-CPU-indexed parts resolve in the member's block. */
function walkPath(cx: LocationContext, st: ObjectStorage, path: readonly PathElem[]): Walk {
  const { cpuBase, cpuSize, cpus } = cx.geo;
  const perCpu = st.decl.perCpu;
  // Home area: byte of slot s for owner o.
  const home = (s: number) => (perCpu ? (o: number) => cpuBase + o * cpuSize + st.homeBase + s : () => st.homeBase + s);
  let shape: Shape = st.shape;
  // Offset pieces: a static slot offset, and dynamic index terms (stride * value).
  let dynamic: { v: (x: Frame) => number; stride: number; len: number }[] = [];
  let member: ((x: Frame) => number) | null = null;
  for (const p of path) {
    if (shape.k === 'struct' && p.k === 'field') {
      shape = shape.fields[p.index]!;
    } else if (shape.k === 'array' && p.k === 'index') {
      const elems = shape.elems;
      const first = slotOf(elems[0]!);
      const stride = elems.length > 1 ? slotOf(elems[1]!) - first : 1;
      const v = cx.val(p.v);
      dynamic = [...dynamic, { v, stride, len: elems.length }];
      shape = elems[0]!;
    } else if (shape.k === 'by-cpu' && p.k === 'index') {
      if (member !== null) throw new Error('nested per-CPU indexing');
      member = cx.val(p.v);
      shape = shape.elem;
    } else {
      throw new Error(`path does not fit the type ${typeName(shape.type)}`);
    }
  }
  if (shape.k !== 'scalar') return { type: shape.type, at: () => -1 };
  const slot = shape.slot;
  const type = shape.type;
  const dyn = dynamic;
  const bounds = (x: Frame): number | null => {
    let off = 0;
    for (const d of dyn) {
      const v = d.v(x);
      if (v < 0 || v >= d.len) return null;
      off += v * d.stride;
    }
    return off;
  };
  if (member !== null) {
    const m = member;
    return {
      type,
      at: (x, owner) => {
        const c = m(x);
        const off = bounds(x);
        if (c < 0 || c >= cpus || off === null) return sinkWith(cx, x, 'index-in-bounds');
        return st.ownerMajor ? cpuBase + owner * cpuSize + st.distBase(c) + slot + off : cpuBase + c * cpuSize + st.distBase(owner) + slot + off;
      },
    };
  }
  const h = home(slot);
  if (dyn.length === 0) return { type, at: (_x, owner) => h(owner), fixed: h };
  return {
    type,
    at: (x, owner) => {
      const off = bounds(x);
      return off === null ? sinkWith(cx, x, 'index-in-bounds') : h(owner) + off;
    },
  };
}

/** The first slot a shape occupies (for array strides). */
function slotOf(s: Shape): number {
  switch (s.k) {
    case 'scalar':
      return s.slot;
    case 'struct':
      return s.fields.length === 0 ? 0 : slotOf(s.fields[0]!);
    case 'array':
      return slotOf(s.elems[0]!);
    case 'by-cpu':
      return 0;
  }
}
