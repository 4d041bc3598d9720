/**
 * Scenario `arm64-batch` (seed 4): CPU0's reclaiming task unmaps the anonymous page P with a
 * batched TLB flush, leaves a swap entry and frees P; CPU1 write-protects P on the same mm
 * (mprotect(PROT_READ), or UFFDIO_WRITEPROTECT), a read-modify-write of P's PTE under the PTL,
 * before or after reclaim (and is where the reclaim task may migrate to); CPU2.. run user
 * threads writing P through their TLB entries and reading it, with a page fault, when their
 * TLB holds no entry. Question: is a TLBI issued at add_pending and completed by one DSB later
 * sound, and what must flush_tlb_batched_pending() do?
 */
import { match } from 'ts-pattern';
import type { ArchConfig } from '../../arch/arch.js';
import type { ModelSpec, Property, Role, State } from '../../core/model.js';
import { faultsHeldOffBy, mprotectProgram, protCallerNames } from '../../mechanisms/batched-mprotect.js';
import { reclaimMigrates, reclaimProgram, userWriter } from '../../mechanisms/batched-reclaim.js';
import { BatchHazard, batchLayout, Page, Ptl, Pte, type BatchLayout } from '../../mechanisms/batched-unmap-state.js';
import { readFault, tlbEviction } from '../../mechanisms/batched-user-fault.js';
import { flushIpiHandlerBatch, tlbiCompletes } from '../../mechanisms/tlbi-completion.js';
import { defineScenario } from '../scenario.js';
import { variantFiles } from '../variant-files.js';
import { arm64BatchBase, type Arm64BatchParams } from './params.js';

function properties(L: BatchLayout, p: Arm64BatchParams, arch: ArchConfig): Property[] {
  const anyUser = (pred: (s: State, b: number) => boolean) => (s: State) => {
    for (let cpu = 2; cpu < L.cpus; cpu++) if (pred(s, L.base(cpu))) return true;
    return false;
  };
  const arm = arch.flushTransport === 'broadcast';
  const caller = match(p.protCaller)
    .with('mprotect', () => 'mprotect()')
    .with('uffd-wp', () => 'UFFDIO_WRITEPROTECT')
    .exhaustive();
  const out: Property[] = [
    {
      name: 'no-stale-tlb-after-sync',
      kind: 'always',
      doc: `no CPU writes P through a stale translation after reclaim freed P or after ${caller} returned`,
      check: (s) => s[L.g.hazard] !== BatchHazard.writeAfterFree && s[L.g.hazard] !== BatchHazard.writeAfterMprotect,
      explain: (s) =>
        s[L.g.hazard] === BatchHazard.writeAfterFree
          ? 'P was freed by reclaim: write through a stale TLB entry'
          : `${caller} returned: write through a stale TLB entry its flush_tlb_batched_pending() left behind`,
    },
    {
      name: 'no-read-of-lost-data',
      kind: 'always',
      doc: "a user read of P returns P's data: no read fault finds P's PTE none (P's value only in a PTL holder's hands) and maps the zero page",
      check: (s) => s[L.g.hazard] !== BatchHazard.readOfLostData,
      explain: () => "the read fault found P's PTE none with the PTL free and mapped the zero page: the user read zeros where P's data is",
    },
    {
      name: 'read-fault-waits-for-ptl',
      kind: 'sometimes',
      witnessFor: 'no-read-of-lost-data',
      doc: "P's PTE is none under the PTL while a user CPU holds no TLB entry for P: its read faults and must wait for the PTL",
      check: (s) => s[L.g.pte] === Pte.none && s[L.g.ptl] !== Ptl.free && anyUser((x, b) => x[b + L.c.tlb] === 0)(s),
    },
    {
      name: arm ? 'tlbi-pending-on-user-entry' : 'flush-ipi-pending-on-user',
      kind: 'sometimes',
      witnessFor: 'no-stale-tlb-after-sync',
      doc: arm ? 'a user CPU still holds P with an issued but not completed TLBI' : 'a user CPU holds P with a flush IPI pending',
      check: anyUser((s, b) => (arm ? s[b + L.c.pend] !== 0 : s[b + L.c.flushIpi] === 1)),
    },
  ];
  if (p.batched && arm) {
    out.push({
      name: 'reclaim-migrated-mid-batch',
      kind: 'sometimes',
      witnessFor: 'no-stale-tlb-after-sync',
      doc: 'the reclaiming task migrated to another CPU while its TLBIs were pending',
      check: (s) => s[L.g.movedWithPending] === 1,
    });
  }
  if (p.batched && p.racingMprotect) {
    out.push({
      name: 'mprotect-holds-ptl-with-batch-pending',
      kind: 'sometimes',
      witnessFor: 'no-stale-tlb-after-sync',
      doc: `${caller} holds the PTL while reclaim's batched flush has not run and a user CPU still holds P`,
      check: (s) => s[L.g.ptl] === Ptl.mprotect && s[L.g.batched] === 1 && anyUser((x, b) => x[b + L.c.tlb] === 1)(s),
    });
  }
  return out;
}

function build(p: Arm64BatchParams, arch: ArchConfig, cpus: number, name: string): ModelSpec {
  const L = batchLayout(cpus);
  const user = userWriter(L);
  const handlers = arch.flushTransport === 'broadcast' ? [tlbiCompletes(L)] : [flushIpiHandlerBatch(L)];
  const reclaim: Role = {
    name: 'reclaim',
    programs: [reclaimProgram(L, arch, p.batched)],
    events: [reclaimMigrates(L, arch, 1), ...handlers],
    symmetric: false,
    // The reclaiming task may migrate: reports draw it on the CPU it runs on.
    runsOn: (s) => s[L.g.rcCpu] ?? 0,
  };
  const hooks = { pending: p.pendingFlush, caller: p.protCaller, commitAfterUnlock: p.commitAfterUnlock };
  const mprotect: Role = {
    name: p.racingMprotect ? protCallerNames(p.protCaller).role : 'idle',
    programs: [p.racingMprotect ? mprotectProgram(L, arch, hooks) : { name: 'idle', source: 'kernel/sched/idle.c', loop: false, steps: [] }],
    events: handlers,
    symmetric: false,
  };
  // Faults wait for mprotect()'s mmap_write_lock(); nothing holds them off when CPU1 is idle.
  const heldOff = p.racingMprotect ? faultsHeldOffBy(L, p.protCaller) : () => false;
  const writer: Role = { name: 'user', programs: [user.program], events: [user.refill, tlbEviction(L), readFault(L, heldOff), ...handlers], symmetric: true };
  return {
    name,
    layout: L,
    roles: [reclaim, mprotect, writer],
    cpuRoles: Array.from({ length: cpus }, (_, c) => Math.min(c, 2)),
    init: (s: State) => {
      s[L.g.pte] = Pte.present;
      s[L.g.page] = Page.mapped;
      s[L.g.rcCpu] = 0;
      for (let cpu = 2; cpu < cpus; cpu++) s[L.base(cpu) + L.c.tlb] = 1;
    },
    properties: properties(L, p, arch),
  };
}

export const arm64Batch = defineScenario<Arm64BatchParams>({
  name: 'arm64-batch',
  summary: 'arm64 batched TLB shootdown: TLBI at add_pending, DSB at tlbbatch flush (Barry Song / Yicong Yang 2022-23; Ryan Roberts 2025 fix)',
  arches: ['arm64', 'x86-native'],
  memoryModels: ['sc'],
  defaultCpus: 3,
  minCpus: 3,
  maxCpus: 8,
  cpuRolesDoc: 'CPU0 reclaims (its task may migrate to CPU1); CPU1 runs mprotect(PROT_READ) or UFFDIO_WRITEPROTECT on the same mm; CPU2.. write P from user space and read it with a page fault when their TLB holds no entry',
  base: arm64BatchBase,
  variants: await variantFiles<Arm64BatchParams>('arm64-batch'),
  build,
});

export default arm64Batch;
