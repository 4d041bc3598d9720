/**
 * Scenario `kick-async`: CPU1.. queue a request for nohz_full CPU0 and kick it with an empty
 * asynchronous IPI (kick_cpu_async(), Frederic Weisbecker 2014) so that it passes through
 * irq_exit() and sees the request. Questions: may a requester spare the IPI when one seems
 * pending, and may the asynchronous kick replace a synchronous one (tlb_remove_table_sync_one)?
 * `every-kick-observed` is checked as a safety property: the target back in EQS with no IPI
 * pending and none owed while a request is unobserved (on its queue, or run by a callback
 * after the irq_exit() that re-evaluates the tick).
 */
import type { ArchConfig } from '../../arch/arch.js';
import type { ModelSpec, Property, Role, State } from '../../core/model.js';
import { Duty, Node, TARGET, kickLayout, queueNonEmpty, requestUnobserved, requesterProgram, targetProgram, type KickLayout } from '../../mechanisms/kick-async.js';
import { defineScenario } from '../scenario.js';
import { variantFiles } from '../variant-files.js';
import { kickAsyncBase, type KickAsyncParams } from './params.js';
import { buildTableSyncModel } from './table-sync-model.js';

function kickProperties(L: KickLayout): Property[] {
  const t = (s: State, f: 'pc' | 'ipi' | 'prog') => s[L.base(TARGET) + L.c[f]] ?? 0;
  const owed = (s: State) => {
    for (let c = 1; c < L.cpus; c++) if (s[L.base(c) + L.c.duty] === Duty.owed) return true;
    return false;
  };
  return [
    {
      name: 'every-kick-observed',
      kind: 'always',
      doc: 'the target never sits in EQS with no IPI pending or owed while a request is not yet observed (still queued, or its callback ran after the last irq_exit())',
      check: (s) => !(t(s, 'pc') === 0 && t(s, 'ipi') === 0 && requestUnobserved(L, s) && !owed(s)),
      explain: () => 'lost kick: the target is back in EQS, no IPI pending or on its way, and a request is never observed by irq_exit()',
    },
    {
      name: 'request-queued-during-handler',
      kind: 'sometimes',
      witnessFor: 'every-kick-observed',
      doc: 'a request is queued after the target acked the IPI but before llist_del_all()',
      check: (s) => t(s, 'pc') === 1 && queueNonEmpty(L, s),
    },
    {
      name: 'request-queued-after-del-all',
      kind: 'sometimes',
      witnessFor: 'every-kick-observed',
      doc: 'a request is queued after the target emptied its queue, before it is back in EQS',
      check: (s) => t(s, 'pc') >= 2 && queueNonEmpty(L, s),
    },
  ];
}

function build(p: KickAsyncParams, arch: ArchConfig, cpus: number, name: string): ModelSpec {
  if (p.usedAsTableSync) return buildTableSyncModel(arch, cpus, name);
  const L = kickLayout(cpus);
  const target: Role = { name: 'nohz_full target', programs: [targetProgram(L)], events: [], symmetric: false };
  const requester: Role = { name: 'requester', programs: [requesterProgram(L, p.policy)], events: [], symmetric: true };
  return {
    name,
    layout: L,
    roles: [target, requester],
    cpuRoles: Array.from({ length: cpus }, (_, c) => (c === TARGET ? 0 : 1)),
    init: (s: State) => {
      for (let c = 1; c < cpus; c++) s[L.base(c) + L.c.node] = Node.none;
    },
    properties: kickProperties(L),
  };
}

export const kickAsync = defineScenario<KickAsyncParams>({
  name: 'kick-async',
  summary: 'kick_cpu_async(): empty asynchronous IPI to make a nohz_full CPU pass through irq_exit() (Weisbecker 2014)',
  arches: ['x86-native', 'x86-kvm-pv', 'x86-hyperv', 'arm64'],
  memoryModels: ['sc'],
  defaultCpus: 3,
  minCpus: 2,
  maxCpus: 8,
  cpuRolesDoc: 'CPU0 is the nohz_full target, CPU1.. queue requests and kick it (async-kick-as-sync: CPU0 frees a table, CPU1.. run GUP-fast)',
  base: kickAsyncBase,
  variants: await variantFiles<KickAsyncParams>('kick-async'),
  build,
});

export default kickAsync;
