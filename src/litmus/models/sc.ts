/**
 * Sequential consistency (Lamport): each CPU performs its accesses in program order and
 * every store is visible to all CPUs as soon as it executes. No store buffer.
 */
import type { Thread } from '../ast.js';
import { pairwise } from '../access.js';
import type { Ordering } from '../memory-model.js';

export function scOrdering(t: Thread): Ordering {
  return { inOrder: true, buffered: false, fifo: true, before: pairwise(t, () => true) };
}
