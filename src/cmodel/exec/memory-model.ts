/**
 * Memory as a CPU sees it, under the scenarios' operational memory models (the same rules as
 * src/mechanisms/store-buffer.ts, whose primitive table decides what is buffered and what
 * drains):
 *
 * - `sc`: every access goes straight to memory.
 * - `tso` and `weak`: each CPU has a store buffer of a bounded number of entries (location,
 *   value, epoch; `MODEL_STORE_BUFFER(n)`, 2 by default) in its state block. A buffered store
 *   is seen by its own CPU at once (forwarding from its newest entry for the location) and by
 *   the others only when a commit event of the CPU writes it to memory. Under tso entries
 *   commit in order; under weak any entry may commit first unless an older one is for the same
 *   location or from an earlier `smp_wmb()` epoch. Several entries may hold one location.
 *   A real buffer is deeper than the model's: a store into a full buffer would have to commit
 *   the oldest entry early, which hides every schedule where that entry stays buffered. So it
 *   is not done silently: the step violates the built-in property `store-buffer-bound`, which
 *   the check reports as `inconclusive` (raise MODEL_STORE_BUFFER), never as a verdict.
 *   Loads are never reordered (the litmus front end models that; the scenarios do not).
 *
 * Which stores buffer and which operations drain comes from `storeIsBuffered` and
 * `drainsStoreBuffer`; RMWs that do not drain (weak `atomic_inc()`) read the CPU's own view
 * and buffer their result.
 */
import { match } from 'ts-pattern';
import { drainsStoreBuffer, storeIsBuffered, type SbPrimitive } from '../../mechanisms/store-buffer.js';
import type { MemoryModelName } from '../../memory/model-name.js';
import type { FenceKind, LoadKind, RmwOrder, StoreKind } from '../ir.js';
import type { Frame } from './frame.js';

export interface MemoryAccess {
  /** Loads read and stores write the state byte itself, nothing else (sc): generated code may do so in place. */
  readonly direct?: true;
  /** At the end of a step: a store buffer holding more than its entries overflowed the bound. */
  endStep(x: Frame): void;
  load(x: Frame, off: number, kind: LoadKind): number;
  store(x: Frame, off: number, byte: number, kind: StoreKind): void;
  /** `f` maps the old byte to the new one, or null for no store (a failed cmpxchg). */
  rmw(x: Frame, off: number, order: RmwOrder, cmpxchg: boolean, f: (old: number) => number | null): void;
  fence(x: Frame, kind: FenceKind): void;
}

/** Entries per store buffer unless the model says otherwise (MODEL_STORE_BUFFER(n)). */
export const SB_ENTRIES = 2;
export const SB_MAX_ENTRIES = 8;

export const sequentiallyConsistent: MemoryAccess = {
  direct: true,
  endStep: () => {},
  load: (x, off) => x.s[off]!,
  store: (x, off, b) => {
    x.s[off] = b;
  },
  rmw: (x, off, _o, _c, f) => {
    const v = f(x.s[off]!);
    if (v !== null) x.s[off] = v;
  },
  fence: () => {},
};

/** Where a CPU's store buffer lives in its block, and which bytes may be buffered. */
export interface StoreBufferLayout {
  readonly cpuBase: number;
  readonly cpuSize: number;
  /** CPU-field index of entry k's location id (+1; 0 = empty), value, epoch. */
  readonly entryField: (k: number) => { readonly loc: number; readonly val: number; readonly epoch: number };
  /** CPU-field index of the CPU's current smp_wmb() epoch. */
  readonly epochField: number;
  /** Location id (1-based) of a state byte, 0 if the byte is never buffered. */
  readonly locId: Int16Array;
  /** State byte of a location id. */
  readonly byteOf: Int32Array;
  readonly entries: number;
  /** Records that a store found the buffer full (the `store-buffer-bound` property). */
  readonly overflow: (x: Frame) => void;
}

function primitiveOfStore(kind: StoreKind): SbPrimitive {
  return kind === 'release' ? 'WRITE_ONCE' : 'WRITE_ONCE';
}

function primitiveOfRmw(order: RmwOrder): SbPrimitive {
  return order === 'none' || order === 'relaxed' ? 'atomic_inc' : 'atomic_add_return';
}

function primitiveOfFence(kind: FenceKind): SbPrimitive | null {
  return match(kind)
    .with('mb', () => 'smp_mb' as const)
    .with('after-atomic', 'before-atomic', () => 'smp_mb__after_atomic' as const)
    .with('wmb', 'rmb', 'acquire', () => null)
    .exhaustive();
}

/** Entries in use in the CPU's buffer (they are kept packed from entry 0). */
function entryCount(L: StoreBufferLayout, s: Uint8Array, cpu: number): number {
  const b = L.cpuBase + cpu * L.cpuSize;
  let n = 0;
  while (n < L.entries && s[b + L.entryField(n).loc] !== 0) n++;
  return n;
}

/** Writes entry k of the CPU's buffer to memory and closes the gap behind it. */
export function commitEntry(L: StoreBufferLayout, s: Uint8Array, cpu: number, k: number): void {
  const b = L.cpuBase + cpu * L.cpuSize;
  const f = L.entryField(k);
  s[L.byteOf[s[b + f.loc]! - 1]!] = s[b + f.val]!;
  const n = entryCount(L, s, cpu);
  for (let j = k; j < n - 1; j++) {
    const from = L.entryField(j + 1);
    const to = L.entryField(j);
    s[b + to.loc] = s[b + from.loc]!;
    s[b + to.val] = s[b + from.val]!;
    s[b + to.epoch] = s[b + from.epoch]!;
  }
  const last = L.entryField(n - 1);
  s[b + last.loc] = 0;
  s[b + last.val] = 0;
  s[b + last.epoch] = 0;
  if (n === 1) s[b + L.epochField] = 0;
}

/**
 * May entry k commit now? Under tso only the oldest; under weak any entry with no older entry
 * for the same location and none from an earlier smp_wmb() epoch. The entries are packed from
 * entry 0, so an entry behind an empty one is in no state the search reaches; it is said not
 * to commit there, so that the analyses that run the step on every combination of values
 * (footprints) pass over such a state instead of committing from a buffer with a hole.
 */
export function canCommit(mm: Exclude<MemoryModelName, 'sc'>, L: StoreBufferLayout, s: Uint8Array, cpu: number, k: number): boolean {
  const b = L.cpuBase + cpu * L.cpuSize;
  const f = L.entryField(k);
  if (s[b + f.loc] === 0) return false;
  if (k === 0) return true;
  if (mm === 'tso') return false;
  const id = s[b + f.loc];
  const epoch = s[b + f.epoch]!;
  for (let j = 0; j < k; j++) {
    const o = L.entryField(j);
    const older = s[b + o.loc];
    if (older === 0 || older === id || s[b + o.epoch]! < epoch) return false;
  }
  return true;
}

export function storeBufferMemory(mm: Exclude<MemoryModelName, 'sc'>, L: StoreBufferLayout): MemoryAccess {
  const fifo = mm === 'tso';
  const base = (x: Frame): number => L.cpuBase + x.cpu * L.cpuSize;
  const count = (x: Frame): number => entryCount(L, x.s, x.cpu);
  const commit = (x: Frame, k: number): void => commitEntry(L, x.s, x.cpu, k);
  /** Moves the oldest spilled store into the buffer's last entry (after a commit made room). */
  const refill = (x: Frame): void => {
    if (x.sbSpill.length === 0 || count(x) === L.entries) return;
    const f = L.entryField(count(x));
    const b = base(x);
    x.s[b + f.loc] = x.sbSpill.shift()!;
    x.s[b + f.val] = x.sbSpill.shift()!;
    x.s[b + f.epoch] = x.sbSpill.shift()!;
  };
  const drain = (x: Frame): void => {
    while (count(x) > 0) {
      commit(x, 0);
      refill(x);
    }
  };
  const forwarded = (x: Frame, off: number): number | null => {
    const id = L.locId[off]!;
    if (id === 0) return null;
    for (let k = x.sbSpill.length - 3; k >= 0; k -= 3) if (x.sbSpill[k] === id) return x.sbSpill[k + 1]!;
    const b = base(x);
    for (let k = count(x) - 1; k >= 0; k--) if (x.s[b + L.entryField(k).loc] === id) return x.s[b + L.entryField(k).val]!;
    return null;
  };
  const buffer = (x: Frame, off: number, byte: number): void => {
    const id = L.locId[off]!;
    if (id === 0) {
      x.s[off] = byte;
      return;
    }
    const b = base(x);
    if (count(x) === L.entries) {
      // Full: the store waits past the bound until the step ends (./frame.ts sbSpill).
      x.sbSpill.push(id, byte, x.s[b + L.epochField]!);
      return;
    }
    const f = L.entryField(count(x));
    x.s[b + f.loc] = id;
    x.s[b + f.val] = byte;
    x.s[b + f.epoch] = x.s[b + L.epochField]!;
  };
  // The primitive table answers once per kind, not at every access (it is on the hot path).
  const storeBuffers = { plain: false, once: false, release: false };
  for (const k of ['plain', 'once', 'release'] as const) storeBuffers[k] = storeIsBuffered(mm, primitiveOfStore(k));
  const rmwDrains = { relaxed: false, acquire: false, release: false, full: false, none: false };
  const rmwBuffers = { ...rmwDrains };
  for (const o of ['relaxed', 'acquire', 'release', 'full', 'none'] as const) {
    rmwDrains[o] = drainsStoreBuffer(mm, primitiveOfRmw(o));
    rmwBuffers[o] = storeIsBuffered(mm, primitiveOfRmw(o)) && !rmwDrains[o];
  }
  const fenceDrains = { mb: false, wmb: false, rmb: false, 'before-atomic': false, 'after-atomic': false, acquire: false };
  for (const k of ['mb', 'wmb', 'rmb', 'before-atomic', 'after-atomic', 'acquire'] as const) {
    const p = primitiveOfFence(k);
    fenceDrains[k] = p !== null && drainsStoreBuffer(mm, p);
  }
  return {
    endStep: (x) => {
      if (x.sbSpill.length === 0) return;
      L.overflow(x);
      while (x.sbSpill.length > 0) {
        commit(x, 0);
        refill(x);
      }
    },
    load: (x, off) => forwarded(x, off) ?? x.s[off]!,
    store: (x, off, byte, kind) => {
      if (kind === 'release' && mm === 'weak') drain(x); // prior stores are visible before it
      if (storeBuffers[kind]) buffer(x, off, byte);
      else x.s[off] = byte;
    },
    rmw: (x, off, order, cmpxchg, f) => {
      const old = forwarded(x, off) ?? x.s[off]!;
      // A cmpxchg that fails orders nothing under weak (LKMM); under tso it is locked either way.
      const fails = cmpxchg && f(old) === null;
      if (rmwDrains[order] || (order === 'release' && mm === 'weak')) {
        if (!(fails && mm === 'weak')) drain(x);
      }
      const cur = forwarded(x, off) ?? x.s[off]!;
      const v = f(cur);
      if (v === null) return;
      if (rmwBuffers[order]) buffer(x, off, v);
      else x.s[off] = v;
    },
    fence: (x, kind) => {
      if (fenceDrains[kind]) return drain(x);
      if (kind === 'wmb' && !fifo && count(x) > 0) {
        const b = base(x);
        x.s[b + L.epochField] = (x.s[b + L.epochField]! + 1) & 0xff;
      }
    },
  };
}
