/**
 * Store buffers for the scenarios: what a kernel primitive does to the executing CPU's store
 * buffer under each memory model. The ordering of each primitive is read off the litmus
 * front end's table (src/litmus/primitives.ts, after LKMM's linux-kernel.def), so the kernel
 * API is described once and the same answer is checked against published litmus verdicts.
 *
 * Operationally (as in src/litmus/models): a buffered store is visible to its own CPU at once
 * (store forwarding) and to every other CPU only at a separate commit step, an event of the
 * storing CPU that the explorer may schedule at any time; a primitive that `drains` waits for
 * (here: performs) every commit of its CPU before it executes. Memory is multi-copy atomic.
 *
 * - `sc`: nothing is buffered.
 * - `tso` (x86-TSO): plain stores are buffered; every atomic is `lock`-prefixed, so it drains
 *   and writes through; `smp_mb()` drains; `smp_mb__{before,after}_atomic()` are barrier().
 * - `weak` (arm64/powerpc): plain stores and non-value-returning atomics (`atomic_inc`) are
 *   buffered; value-returning atomics and `cmpxchg` are fully ordered (drain, write through);
 *   `smp_mb()` and `smp_mb__{before,after}_atomic()` drain.
 *
 * `cmpxchg` is taken as fully ordered, which holds for a successful one and, under tso, for
 * any (it is locked); under weak a failed cmpxchg orders nothing (the litmus front end models
 * that), so a scenario relying on a failed cmpxchg under weak must not use this table as is.
 * A scenario keeps at most one buffered store per location and CPU; a second store to the same
 * location first commits the older one (coherence). Load->load reordering is not modelled in
 * the scenarios (no scenario has a message-passing shape on the sender side); the litmus
 * front end models it.
 */
import { match } from 'ts-pattern';
import { primitiveOrdering, type PrimitiveOrdering } from '../litmus/primitives.js';
import type { MemoryModelName } from '../memory/model-name.js';

/** The kernel primitives the scenario models use for their stores and barriers. */
export type SbPrimitive =
  | 'WRITE_ONCE'
  | 'atomic_inc'
  | 'atomic_add_return'
  | 'cmpxchg'
  | 'smp_mb'
  | 'smp_mb__after_atomic';

function ordering(p: SbPrimitive): PrimitiveOrdering {
  const o = primitiveOrdering(p);
  if (o === null) throw new Error(`store-buffer: primitive ${p} missing from the litmus table`);
  return o;
}

/** Does the store of `p` wait in the executing CPU's store buffer under `mm`? */
export function storeIsBuffered(mm: MemoryModelName, p: SbPrimitive): boolean {
  const o = ordering(p);
  return match(mm)
    .with('sc', () => false)
    .with('tso', () => o === 'store')
    .with('weak', () => o === 'store' || o === 'unordered-rmw')
    .exhaustive();
}

/** Does `p` commit every buffered store of the executing CPU before it executes under `mm`? */
export function drainsStoreBuffer(mm: MemoryModelName, p: SbPrimitive): boolean {
  const o = ordering(p);
  return match(mm)
    .with('sc', () => false)
    .with('tso', () => o === 'fence-mb' || o === 'ordered-rmw' || o === 'unordered-rmw')
    .with('weak', () => o === 'fence-mb' || o === 'fence-after-atomic' || o === 'fence-before-atomic' || o === 'ordered-rmw')
    .exhaustive();
}

/** For step texts: `" (in CPU0's store buffer)"` when the store waits there. */
export function bufferedNote(mm: MemoryModelName, p: SbPrimitive): string {
  return storeIsBuffered(mm, p) ? ' (stays in the store buffer)' : '';
}
