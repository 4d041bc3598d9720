/**
 * The hooks of the arm64-batch scenario: whether try_to_unmap_one() defers the flush
 * (set_tlb_ubc_flush_pending) or flushes per page (ptep_clear_flush), whether an
 * mprotect()/munmap() races with the batch, and what arch_flush_tlb_batched_pending() does.
 */
import type { PendingFlush } from '../../mechanisms/batched-reclaim.js';

export interface Arm64BatchParams {
  /** try_to_unmap_one(): should_defer_flush() true. */
  readonly batched: boolean;
  /** A task on another CPU runs mprotect()/munmap() on the same mm while the batch is pending. */
  readonly racingMprotect: boolean;
  /** flush_tlb_batched_pending() on arm64 (x86 always does flush_tlb_mm()). */
  readonly pendingFlush: PendingFlush;
}

export const arm64BatchBase: Arm64BatchParams = { batched: false, racingMprotect: true, pendingFlush: 'flush-mm' };
