/**
 * The hooks of the kick-async scenario: when a requester may spare the empty IPI, and whether
 * the asynchronous kick is (mis)used as the synchronisation before freeing a page table.
 */
import type { KickPolicy } from '../../mechanisms/kick-async.js';

export interface KickAsyncParams {
  readonly policy: KickPolicy;
  /** The kick replaces tlb_remove_table_sync_one()'s synchronous IPI (mmu-gather mechanisms). */
  readonly usedAsTableSync: boolean;
}

export const kickAsyncBase: KickAsyncParams = { policy: 'always', usedAsTableSync: false };
