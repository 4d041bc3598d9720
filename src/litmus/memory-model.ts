/**
 * A memory model, operationally: how a thread may issue its accesses and when a store leaves
 * the thread's store buffer. The explorer (`explore.ts`) is the same for every model; a
 * model only answers these four questions for one thread.
 *
 * - `inOrder`: accesses issue in program order (SC, TSO) or in any order allowed by `before`
 *   (weak).
 * - `buffered`: a store first enters the CPU's store buffer (visible to its own later loads
 *   only) and becomes globally visible at a separate commit step; without it a store is
 *   visible at once.
 * - `fifo`: buffered stores commit oldest first (x86).
 * - `before[i][j]`: the po-earlier access j must be *performed* (a load executed, a store
 *   committed) before access i performs (a load or RMW executes, a store commits).
 *
 * Memory is multi-copy atomic: a committed store is seen by every CPU at once.
 */
import { match } from 'ts-pattern';
import { MEMORY_MODEL_NAMES, type MemoryModelName } from '../memory/model-name.js';
import type { Thread } from './ast.js';
import { scOrdering } from './models/sc.js';
import { tsoOrdering } from './models/tso.js';
import { weakOrdering } from './models/weak.js';

export type ModelName = MemoryModelName;
export const MODEL_NAMES: readonly ModelName[] = MEMORY_MODEL_NAMES;

export interface Ordering {
  readonly inOrder: boolean;
  readonly buffered: boolean;
  readonly fifo: boolean;
  readonly before: readonly (readonly boolean[])[];
  /**
   * `successOrdered[i]`: instruction i is a cmpxchg that is fully ordered only when it succeeds
   * (LKMM: a failed cmpxchg() is unordered). Its full-barrier constraints are not in `before`
   * and are checked when it executes: a successful one needs every po-earlier access performed
   * and no po-later one performed yet. Absent: none.
   */
  readonly successOrdered?: readonly boolean[];
}

export function orderingFor(model: ModelName, t: Thread): Ordering {
  return match(model)
    .with('sc', () => scOrdering(t))
    .with('tso', () => tsoOrdering(t))
    .with('weak', () => weakOrdering(t))
    .exhaustive();
}
