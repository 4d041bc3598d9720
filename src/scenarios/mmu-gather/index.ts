/**
 * Scenario `mmu-gather`: a CPU unlinks page table T and frees or reuses it (khugepaged
 * collapse, hugetlb PMD unshare where the configuration shares hugetlb PMD tables, the
 * tlb_remove_table_one() fallback, or the RCU batch free, chosen nondeterministically; Linux
 * 7.1.5's code, ../../mechanisms/table-free-callers.ts) while the other CPUs run GUP-fast walks of the same mm, take
 * page faults that map T under rcu_read_lock(), use the TLB entry of the small data page T
 * maps, switch to kernel threads (lazy TLB) and back, and (PV configurations) get preempted by
 * the hypervisor. Question: may tlb_remove_table_sync_one() be skipped when the TLB flush
 * already sent IPIs (Lance Yang's series)?
 */
import type { ArchConfig } from '../../arch/arch.js';
import type { ModelSpec, Role, State } from '../../core/model.js';
import { contextSwitchEvents, notPreempted, vcpuPreemptionEvents } from '../../mechanisms/cpu-mm.js';
import { gupFast } from '../../mechanisms/gup-fast.js';
import { callerProgram, callersOf, type CallerHooks } from '../../mechanisms/table-free-callers.js';
import { flushIpiHandler, pscFill, speculativeWalk } from '../../mechanisms/tlb-flush.js';
import { rcuQuiescentState, syncIpiHandler } from '../../mechanisms/table-sync.js';
import { Mode, Slot, Table, userMmLayout } from '../../mechanisms/user-mm.js';
import { dataTlbEvents } from '../../mechanisms/data-tlb.js';
import { pageFaultWalk } from '../../mechanisms/rcu-walker.js';
import { mmuGatherProperties } from './properties.js';
import { defineScenario } from '../scenario.js';
import { variantFiles } from '../variant-files.js';
import { mmuGatherBase, type MmuGatherParams } from './params.js';

export { mmuGatherProperties };

/**
 * The table-free model: CPU0 runs one of the callers (chosen nondeterministically) with the
 * given hooks; CPU1.. run GUP-fast, take flush/sync IPIs, report RCU quiescent states, walk
 * speculatively through cached table pointers, cache and use the small data page's
 * translation (khugepaged), take page faults that map T under rcu_read_lock(), go lazy and
 * back, and (PV) get preempted.
 * Shared by mmu-gather and kick-async's async-kick-as-sync.
 */
export function buildTableFreeModel(arch: ArchConfig, cpus: number, name: string, hooks: CallerHooks): ModelSpec {
  const L = userMmLayout(cpus);
  const freer: Role = {
    name: 'freer',
    programs: callersOf(arch).map((c) => callerProgram(L, arch, c, hooks)),
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
      pscFill(L),
      ...dataTlbEvents(L),
      ...pageFaultWalk(L, arch),
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
        const b = L.base(cpu);
        s[b + L.c.mode] = cpu === 0 ? Mode.kernel : Mode.user;
        s[b + L.c.psc] = cpu === 0 ? 0 : 1;
      }
    },
    properties: mmuGatherProperties(L, arch),
  };
}

function build(p: MmuGatherParams, arch: ArchConfig, cpus: number, name: string): ModelSpec {
  return buildTableFreeModel(arch, cpus, name, {
    flushImpliesIpiBroadcast: p.flushImpliesIpiBroadcast(arch),
    wakeLazyForUnshared: p.wakeLazyForUnshared,
    edit: p.edit,
  });
}

export const mmuGather = defineScenario<MmuGatherParams>({
  name: 'mmu-gather',
  summary: 'skip tlb_remove_table_sync_one() when the TLB flush already sent IPIs (Lance Yang 2025-26)',
  arches: ['x86-native', 'x86-kvm-pv', 'x86-hyperv', 'x86-xen', 'x86-invlpgb', 'arm64', 'powerpc'],
  memoryModels: ['sc'],
  defaultCpus: 4,
  minCpus: 2,
  maxCpus: 24,
  cpuRolesDoc: 'CPU0 unlinks and frees/reuses T (one of the callers); CPU1.. run GUP-fast, take page faults, go lazy and back',
  base: mmuGatherBase,
  variants: await variantFiles<MmuGatherParams>('mmu-gather'),
  build,
});

export default mmuGather;
