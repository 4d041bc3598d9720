/**
 * The kick-async model for `async-kick-as-sync`: the mmu-gather scenario's freer (callers that
 * unlink, flush and sync before freeing/reusing a table) and GUP-fast walkers, with the sync
 * IPI of tlb_remove_table_sync_one() replaced by an asynchronous kick.
 */
import type { ArchConfig } from '../../arch/arch.js';
import type { ModelSpec, Role, State } from '../../core/model.js';
import { contextSwitchEvents, notPreempted, vcpuPreemptionEvents } from '../../mechanisms/cpu-mm.js';
import { gupFast } from '../../mechanisms/gup-fast.js';
import { CALLERS, callerProgram } from '../../mechanisms/table-free-callers.js';
import { flushIpiHandler, speculativeWalk } from '../../mechanisms/tlb-flush.js';
import { rcuQuiescentState, syncIpiHandler } from '../../mechanisms/table-sync.js';
import { tableSyncAsync } from '../../mechanisms/table-sync-async.js';
import { Mode, Slot, Table, userMmLayout } from '../../mechanisms/user-mm.js';
import { mmuGatherProperties } from '../mmu-gather/index.js';

export function buildTableSyncModel(arch: ArchConfig, cpus: number, name: string): ModelSpec {
  const L = userMmLayout(cpus);
  const freer: Role = {
    name: 'freer',
    programs: CALLERS.map((c) =>
      callerProgram(L, arch, c, {
        flushImpliesIpiBroadcast: false,
        wakeLazyForUnshared: true,
        edit: (caller, blocks) => blocks.map((b) => (b.id === 'sync' && caller !== 'table-free-rcu' ? { id: 'sync', steps: tableSyncAsync(L, caller) } : b)),
      }),
    ),
    events: [],
    symmetric: false,
  };
  const walker: Role = {
    name: 'GUP-fast',
    programs: [gupFast(L)],
    events: [
      flushIpiHandler(L),
      syncIpiHandler(L),
      rcuQuiescentState(L),
      speculativeWalk(L),
      ...contextSwitchEvents(L),
      ...(arch.vcpuPreemption ? vcpuPreemptionEvents(L) : []),
    ],
    runnable: notPreempted(L),
    symmetric: true,
  };
  return {
    name,
    layout: L,
    roles: [freer, walker],
    cpuRoles: Array.from({ length: cpus }, (_, c) => (c === 0 ? 0 : 1)),
    init: (s: State) => {
      s[L.g.slot] = Slot.table;
      s[L.g.table] = Table.live;
      s[L.g.sharers] = 2;
      for (let cpu = 0; cpu < cpus; cpu++) {
        s[L.base(cpu) + L.c.mode] = cpu === 0 ? Mode.kernel : Mode.user;
        s[L.base(cpu) + L.c.psc] = cpu === 0 ? 0 : 1;
      }
    },
    properties: mmuGatherProperties(L),
  };
}
