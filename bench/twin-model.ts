/**
 * The benchmark twin: the GUP-fast-vs-table-free core of the mmu-gather scenario, built from
 * the same mechanism files, in exactly the shape the Promela twin (./promela.ts) encodes:
 * CPU0 unlinks table T, sends the flush IPI to every walker and waits, sends the sync IPI and
 * waits, frees T; CPU1..N-1 loop GUP-fast (IRQs off, read pmd, read T, IRQs on) and take the
 * IPIs only with IRQs on. x86-native, no lazy TLB, no other callers.
 */
import { ARCHES } from '../src/arch/index.js';
import type { ModelSpec, Role, State } from '../src/core/model.js';
import { gupFast } from '../src/mechanisms/gup-fast.js';
import { flushIpiHandler, flushIssue, flushWait } from '../src/mechanisms/tlb-flush.js';
import { syncIpiHandler, tableSyncOne } from '../src/mechanisms/table-sync.js';
import { mmuGatherProperties } from '../src/scenarios/mmu-gather/index.js';
import { Mode, Slot, Table, userMmLayout } from '../src/mechanisms/user-mm.js';

export function twinModel(cpus: number): ModelSpec {
  const L = userMmLayout(cpus);
  const arch = ARCHES['x86-native'];
  const freer: Role = {
    name: 'freer',
    programs: [
      {
        name: 'khugepaged: collapse_huge_page',
        source: 'mm/khugepaged.c',
        loop: false,
        steps: [
          { name: 'pmdp_collapse_flush', source: 'mm/khugepaged.c', run: (s) => { s[L.g.slot] = Slot.none; s[L.g.table] = Table.unlinked; } },
          flushIssue(L, arch, 'flush_tlb_range', 'mm/pgtable-generic.c', true),
          flushWait(L, arch),
          ...tableSyncOne(L, false, 'collapse_huge_page'),
          { name: 'free(T)', source: 'mm/mmu_gather.c', run: (s) => { s[L.g.table] = Table.freed; } },
        ],
      },
    ],
    events: [],
    symmetric: false,
  };
  const walker: Role = { name: 'GUP-fast', programs: [gupFast(L)], events: [flushIpiHandler(L), syncIpiHandler(L)], symmetric: true };
  return {
    name: `bench-twin/${cpus}`,
    layout: L,
    roles: [freer, walker],
    cpuRoles: Array.from({ length: cpus }, (_, c) => (c === 0 ? 0 : 1)),
    init: (s: State) => {
      s[L.g.slot] = Slot.table;
      for (let c = 0; c < cpus; c++) s[L.base(c) + L.c.mode] = c === 0 ? Mode.kernel : Mode.user;
    },
    properties: mmuGatherProperties(L, arch).filter((p) => p.kind === 'always'),
  };
}
