/**
 * The memory models of the scenarios that model store buffers (src/mechanisms/store-buffer.ts),
 * by name. (`shootdown litmus` has its own: lkmm, sc, tso; src/litmus/models.)
 * - `sc`: sequential consistency; every store is visible to every CPU at once.
 * - `tso`: x86-TSO; per-CPU FIFO store buffers, loads forward from their own buffer, full
 *   barriers and locked (all x86 atomic) instructions drain the buffer.
 * - `weak`: arm64/powerpc-like; plain stores and non-value-returning atomics may stay
 *   buffered past later loads; only full barriers and value-returning atomics order them.
 */
export type MemoryModelName = 'sc' | 'tso' | 'weak';

export const MEMORY_MODEL_NAMES: readonly MemoryModelName[] = ['sc', 'tso', 'weak'];

export function isMemoryModelName(x: string): x is MemoryModelName {
  return MEMORY_MODEL_NAMES.some((m) => m === x);
}
