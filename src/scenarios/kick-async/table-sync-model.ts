/**
 * The kick-async model for `async-kick-as-sync`: the mmu-gather scenario's freer (callers that
 * unlink, flush and sync before freeing/reusing a table) and GUP-fast walkers, with the sync
 * IPI of tlb_remove_table_sync_one() replaced by an asynchronous kick.
 */
import type { ArchConfig } from '../../arch/arch.js';
import type { ModelSpec } from '../../core/model.js';
import { tableSyncAsync } from '../../mechanisms/table-sync-async.js';
import { buildTableFreeModel } from '../mmu-gather/index.js';

export function buildTableSyncModel(arch: ArchConfig, cpus: number, name: string): ModelSpec {
  return buildTableFreeModel(arch, cpus, name, {
    flushImpliesIpiBroadcast: false,
    wakeLazyForUnshared: true,
    edit: (caller, blocks, L) => blocks.map((b) => (b.id === 'sync' ? { id: 'sync', steps: tableSyncAsync(L, caller) } : b)),
  });
}
