/**
 * The hooks of the arm64-batch scenario: whether try_to_unmap_one() defers the flush
 * (set_tlb_ubc_flush_pending) or flushes per page (ptep_clear_flush), whether a
 * change_protection() caller (mprotect() or UFFDIO_WRITEPROTECT) races with the batch, what
 * arch_flush_tlb_batched_pending() does, and whether ptep_modify_prot_commit() lands under the PTL.
 */
import type { ProtCaller } from '../../mechanisms/batched-mprotect.js';
import type { PendingFlush } from '../../mechanisms/batched-reclaim.js';

export interface Arm64BatchParams {
  /** try_to_unmap_one(): should_defer_flush() true. */
  readonly batched: boolean;
  /** A task on another CPU write-protects P (change_protection()) on the same mm while the batch is pending. */
  readonly racingMprotect: boolean;
  /** flush_tlb_batched_pending() on arm64 (x86 always does flush_tlb_mm()). */
  readonly pendingFlush: PendingFlush;
  /** The racing caller: mprotect() (mmap_write_lock(): faults wait) or UFFDIO_WRITEPROTECT (mmap_read_lock()). */
  readonly protCaller: ProtCaller;
  /** ptep_modify_prot_commit() takes effect after pte_unmap_unlock(). */
  readonly commitAfterUnlock: boolean;
}

export const arm64BatchBase: Arm64BatchParams = {
  batched: false,
  racingMprotect: true,
  pendingFlush: 'flush-mm',
  protCaller: 'mprotect',
  commitAfterUnlock: false,
};
