/**
 * The hooks of the ct-defer scenario (Valentin Schneider, "context_tracking,x86: Defer some
 * IPIs until a user->kernel transition"). Baseline: mainline, every CPU is IPI'd.
 */
import type { CoalesceTlbi } from '../../mechanisms/eqs-entry.js';
import type { SyncCond } from '../../mechanisms/sync-call.js';

export interface CtDeferParams {
  /** What CPU0 does: patch text (smp_text_poke_batch_finish(), text_poke_bp_batch() in 2025) or vfree + flush_tlb_kernel_range. */
  readonly sender: 'text-poke' | 'vmalloc-flush';
  /** Which CPUs get the IPI: all, CPUs where ct_set_cpu_work() failed, CPUs with kernel_cr3_loaded. */
  readonly cond: Extract<SyncCond, 'all' | 'ct-work' | 'kernel-cr3'>;
  /** ct_kernel_enter_state() runs ct_work_flush(seq). */
  readonly ctWorkFlush: boolean;
  /** COALESCE_TLBI: flush after SWITCH_TO_KERNEL_CR3, kernel_cr3_loaded set after or before it. */
  readonly coalesceTlbi: CoalesceTlbi;
  /** A patched site runs on the entry path before ct_work_flush(). */
  readonly entryRunsPatchedText: boolean;
  /** The entry path touches vmalloc memory before ct_work_flush(). */
  readonly entryTouchesVmalloc: boolean;
  /** The flushed range's page-table pages are freed after the flush. */
  readonly freesTables: boolean;
  /** smp_mb() between vunmap_range_noflush() and reading the remote kernel_cr3_loaded flags. */
  readonly senderMb: boolean;
}

export const ctDeferBase: CtDeferParams = {
  sender: 'text-poke',
  cond: 'all',
  ctWorkFlush: false,
  coalesceTlbi: 'off',
  entryRunsPatchedText: false,
  entryTouchesVmalloc: false,
  freesTables: false,
  senderMb: false,
};
