/**
 * Synchronous cross-calls from two tasks sharing CPU0's per-CPU IPI data, with preemption,
 * migration and CPU hotplug (seed 5, Chuyi Zhou 2026).
 *
 * Kernel (7.1.5, before the series): kernel/smp.c smp_call_function_many_cond(), called with
 * preemption disabled (flush_tlb_mm_range()'s get_cpu(), smp_call_function()'s
 * preempt_disable()): cpumask_and(cfd->cpumask, ...), csd_lock() + llist_add() per target,
 * send_call_function_ipi_mask(), csd_lock_wait() per target; the target's
 * __flush_smp_call_function_queue() runs func and csd_unlock(); smpcfd_dying_cpu() flushes
 * the dying CPU's queue; smpcfd_dead_cpu() frees the cfd (until 9f483e5b2f12).
 * arch/x86/mm/tlb.c flush_tlb_mm_range() (flush_tlb_info per-CPU, on the stack from
 * ed15468787dd), arch/x86/kernel/kvm.c kvm_flush_tlb_multi() (__pv_cpu_mask). The series
 * (tip, for 7.3) is what the variants change.
 * Not modelled: more than two tasks, CPU online, the csd debug machinery.
 */
import type { ArchConfig } from '../arch/arch.js';
import type { Program, State, Step } from '../core/model.js';
import { ownerOf, Owner, Phase, SmpHazard, TASK_A, targetBlock, type SmpLayout } from './smp-call-state.js';

export type PreemptEnableAt = 'end' | 'before-wait' | 'before-queue';
export interface CrossCallPolicy {
  readonly maskPerCpu: boolean;
  readonly infoPerCpu: boolean;
  readonly freeCfdAtOffline: boolean;
  readonly preemptEnableAt: PreemptEnableAt;
  /** kvm_flush_tlb_multi() runs preemptible (a5a162fe1ae1 without ae397bb32d2a). */
  readonly pvMaskPreemptible: boolean;
  /**
   * csd_lock_wait() is skipped for a target that went offline: a naive answer to the hang a csd
   * queued on an offline CPU causes (no kernel does this).
   */
  readonly waitSkipsOffline: boolean;
}

const hz = (L: SmpLayout, s: State, code: number): void => {
  if (s[L.g.hazard] === SmpHazard.none) s[L.g.hazard] = code;
};
const online = (L: SmpLayout, s: State, cpu: number): boolean => s[L.g.offline] !== cpu + 1;
const other = (task: number): number => 1 - task;
const csdField = (L: SmpLayout, t: number): number => (t === 1 ? L.g.csd1 : L.g.csd2);
const staleField = (L: SmpLayout, t: number): number => (t === 1 ? L.g.stale1 : L.g.stale2);
const name = (task: number): string => (task === TASK_A ? 'A' : 'B');

/** A write to a per-CPU object the other task may still be using. */
function writeShared(L: SmpLayout, s: State, field: number, task: number): void {
  const o = other(task);
  if (s[field] === ownerOf(o) && s[L.base(o) + L.c.phase] === Phase.inUse) hz(L, s, SmpHazard.overwrittenInUse);
  s[field] = ownerOf(task);
}

/** Runs the queued csds of target CPU `t`: func (flush_tlb_func for task A) and csd_unlock(). */
export function runQueue(L: SmpLayout, p: CrossCallPolicy, s: State, t: number): void {
  const b = L.base(targetBlock(t));
  const q = s[b + L.c.queue] ?? 0;
  for (const task of [0, 1]) {
    if ((q & (1 << task)) === 0) continue;
    if (s[L.g.cfdFreed] === 1) hz(L, s, SmpHazard.freedInUse);
    // flush_tlb_func reads the flush_tlb_info: only task A's own info flushes A's range.
    if (task === TASK_A && (!p.infoPerCpu || s[L.g.infoOwner] === Owner.A)) s[staleField(L, t)] = 0;
    if (s[csdField(L, t)] === ownerOf(task)) s[csdField(L, t)] = Owner.none;
  }
  s[b + L.c.queue] = 0;
}

export function crossCall(L: SmpLayout, arch: ArchConfig, p: CrossCallPolicy, task: number): Program {
  const me = L.base(task);
  const who = name(task);
  const targets = task === TASK_A ? [1, 2] : [1];
  const enableSource: Record<PreemptEnableAt, string> = {
    end: task === TASK_A ? 'arch/x86/mm/tlb.c: flush_tlb_mm_range() -> put_cpu() (after flush_tlb_multi() returned)' : 'kernel/smp.c: smp_call_function() -> preempt_enable() (after the wait)',
    'before-wait': 'patch: 8df8a6028309 "smp: Enable preemption early in smp_call_function_many_cond()" (Chuyi Zhou, tip smp/core for 7.3)',
    'before-queue': 'patch: preemption enabled before the csds are queued (what Chuyi Zhou v2 06/12 rules out)',
  };
  const preemptEnable = (at: PreemptEnableAt): Step => ({
    name: 'preempt_enable',
    source: enableSource[at],
    text: 'preempt_enable()',
    onlyIf: () => p.preemptEnableAt === at,
    run: (s) => {
      s[me + L.c.pcount] = 0;
    },
  });
  const queue = (t: number): Step => ({
    name: 'csd_lock',
    source: "kernel/smp.c: smp_call_function_many_cond() -> csd_lock(), llist_add() (onto the target's call_single_queue)",
    text: `csd_lock(csd[CPU${t}]); queue on CPU${t}`,
    tags: ['lock'],
    onlyIf: (s) => ((s[me + L.c.tgt] ?? 0) & (1 << t)) !== 0,
    enabled: (s) => s[csdField(L, t)] === Owner.none,
    run: (s) => {
      if (s[L.g.cfdFreed] === 1) hz(L, s, SmpHazard.freedInUse);
      // A target that went offline after cpumask_and() gets the csd all the same: its queue was
      // flushed by smpcfd_dying_cpu() and is never run again, so csd_lock_wait() spins for ever.
      s[csdField(L, t)] = ownerOf(task);
      s[me + L.c.queued] = (s[me + L.c.queued] ?? 0) | (1 << t);
      const qb = L.base(targetBlock(t)) + L.c.queue;
      s[qb] = (s[qb] ?? 0) | (1 << task);
    },
  });
  const wait = (t: number): Step => ({
    name: 'csd_lock_wait',
    source: 'kernel/smp.c: smp_call_function_many_cond() -> csd_lock_wait() (for each CPU of cfd->cpumask)',
    text: `csd_lock_wait(csd[CPU${t}])`,
    tags: ['sync'],
    onlyIf: (s) => ((s[me + L.c.tgt] ?? 0) & (1 << t)) !== 0,
    enabled: (s) => s[csdField(L, t)] !== ownerOf(task) || (p.waitSkipsOffline && !online(L, s, t)),
    run: (s) => {
      if (s[L.g.cfdFreed] === 1) hz(L, s, SmpHazard.freedInUse);
      if (p.maskPerCpu && s[L.g.maskOwner] !== ownerOf(task)) hz(L, s, SmpHazard.overwrittenInUse);
    },
  });
  return {
    name: task === TASK_A ? 'flush_tlb_mm_range' : 'smp_call_function_many',
    source: task === TASK_A ? 'arch/x86/mm/tlb.c: flush_tlb_mm_range()' : 'kernel/smp.c: smp_call_function_many()',
    loop: false,
    steps: [
      {
        name: 'preempt_disable',
        source: task === TASK_A ? 'arch/x86/mm/tlb.c: flush_tlb_mm_range() -> get_cpu()' : 'kernel/smp.c: smp_call_function() -> preempt_disable()',
        text: `task${who}: get_cpu()`,
        run: (s) => {
          s[me + L.c.pcount] = 1;
          s[me + L.c.phase] = Phase.inUse;
        },
      },
      {
        name: 'get_flush_tlb_info',
        source: 'arch/x86/mm/tlb.c: flush_tlb_mm_range() -> get_flush_tlb_info() (a per-CPU flush_tlb_info until ed15468787dd puts it on the stack, tip x86/mm for 7.3)',
        text: 'fill per-CPU flush_tlb_info',
        tags: ['publish'],
        onlyIf: () => p.infoPerCpu,
        run: (s) => {
          writeShared(L, s, L.g.infoOwner, task);
          // The info is this call's from the moment it is filled, whatever preempt_count says.
          s[me + L.c.phase] = Phase.inUse;
        },
      },
      {
        name: 'preempt_enable',
        source: 'patch: a5a162fe1ae1 "x86/mm: Re-enable preemption before flush_tlb_multi()" (Chuyi Zhou, tip x86/mm for 7.3)',
        text: 'preempt_enable() before flush_tlb_multi()',
        onlyIf: () => p.pvMaskPreemptible && arch.pvFlushSkipsPreempted,
        run: (s) => {
          s[me + L.c.pcount] = 0;
        },
      },
      {
        name: 'kvm_flush_tlb_multi',
        source: 'arch/x86/kernel/kvm.c: kvm_flush_tlb_multi() -> cpumask_copy() (into the per-CPU __pv_cpu_mask)',
        text: 'cpumask_copy(__pv_cpu_mask)',
        tags: ['publish'],
        onlyIf: () => arch.pvFlushSkipsPreempted,
        run: (s) => {
          if (s[L.g.pvMaskOwner] === ownerOf(other(task))) hz(L, s, SmpHazard.overwrittenInUse);
          s[L.g.pvMaskOwner] = ownerOf(task);
        },
      },
      {
        name: 'preempt_disable',
        source: 'patch: Chuyi Zhou series, smp_call_function_many_cond() disables preemption itself (tip smp/core for 7.3)',
        text: 'get_cpu() in smp_call_function_many_cond()',
        onlyIf: () => p.pvMaskPreemptible && arch.pvFlushSkipsPreempted,
        run: (s) => {
          s[me + L.c.pcount] = 1;
        },
      },
      {
        name: 'cpumask_and',
        source: 'kernel/smp.c: smp_call_function_many_cond() -> cpumask_and() (into the per-CPU cfd->cpumask; task-local from 9a560af15fd3, tip for 7.3)',
        text: p.maskPerCpu ? 'cpumask_and(cfd->cpumask)' : 'cpumask_and(task-local mask)',
        tags: ['publish'],
        run: (s) => {
          if (p.maskPerCpu) writeShared(L, s, L.g.maskOwner, task);
          if (s[L.g.pvMaskOwner] === ownerOf(task)) s[L.g.pvMaskOwner] = Owner.none; // done reading it
          let tgt = 0;
          for (const t of targets) if (online(L, s, t)) tgt |= 1 << t;
          s[me + L.c.tgt] = tgt;
        },
      },
      preemptEnable('before-queue'),
      ...targets.map(queue),
      {
        name: 'send_call_function_ipi_mask',
        source: 'kernel/smp.c: smp_call_function_many_cond() -> send_call_function_ipi_mask()',
        text: 'send_call_function_ipi_mask()',
        ipi: 'send',
        run: (s) => {
          if (p.maskPerCpu && s[L.g.maskOwner] !== ownerOf(task)) hz(L, s, SmpHazard.overwrittenInUse);
          // The IPI reaches every CPU in the mask; what it runs is whatever is queued then.
          const tgt = s[me + L.c.tgt] ?? 0;
          for (const t of targets) if ((tgt & (1 << t)) !== 0) s[L.base(targetBlock(t)) + L.c.ipi] = 1;
        },
      },
      preemptEnable('before-wait'),
      ...targets.map(wait),
      {
        name: 'return',
        source: "model: the cross-call returns (its caller's stack frame, and a flush_tlb_info on it, goes away)",
        text: `task${who}: cross-call returns`,
        tags: ['retire'],
        run: (s) => {
          const tgt = s[me + L.c.tgt] ?? 0;
          for (const t of targets) {
            if ((tgt & (1 << t)) === 0) continue;
            // Its func is still queued there, or was never queued at all (so never ran).
            if (((s[L.base(targetBlock(t)) + L.c.queue] ?? 0) & (1 << task)) !== 0) hz(L, s, SmpHazard.returnedEarly);
            if (((s[me + L.c.queued] ?? 0) & (1 << t)) === 0) hz(L, s, SmpHazard.returnedEarly);
            if (task === TASK_A && s[staleField(L, t)] === 1 && online(L, s, t)) hz(L, s, SmpHazard.staleAfterReturn);
          }
          s[me + L.c.phase] = Phase.returned;
        },
      },
      preemptEnable('end'),
    ],
  };
}

const running = (L: SmpLayout, s: State, task: number): boolean =>
  s[L.base(task) + L.c.preempted] === 0 && s[L.base(task) + L.c.phase] !== Phase.returned;

/** Scheduler events of a task: preemption (only with preempt_count 0), switch-in, migration. */
export function taskScheduling(L: SmpLayout, task: number): Step[] {
  const b = L.base(task);
  const o = L.base(other(task));
  return [
    {
      name: '__schedule',
      source: 'kernel/sched/core.c: preempt_schedule() -> ... -> __schedule()',
      text: `task${name(task)} preempted`,
      // Any preemptible point until the call returned, also before its get_cpu().
      enabled: (s) => s[b + L.c.pcount] === 0 && s[b + L.c.phase] !== Phase.returned,
      run: (s) => {
        s[b + L.c.preempted] = 1;
      },
    },
    {
      name: 'context_switch',
      source: 'kernel/sched/core.c: __schedule() -> context_switch()',
      text: (s) => `task${name(task)} runs on CPU${s[b + L.c.on]}`,
      ignoresRunnable: true,
      enabled: (s) =>
        s[b + L.c.preempted] === 1 && !(running(L, s, other(task)) && s[o + L.c.on] === s[b + L.c.on]) && online(L, s, s[b + L.c.on] ?? 0),
      run: (s) => {
        s[b + L.c.preempted] = 0;
      },
    },
    {
      name: 'migrate_task',
      source: 'kernel/sched/core.c: set_task_cpu() (load balancing a preempted task)',
      text: `task${name(task)} migrated to CPU2`,
      ignoresRunnable: true,
      enabled: (s) => s[b + L.c.preempted] === 1 && s[b + L.c.phase] === Phase.inUse && s[b + L.c.on] === 0 && online(L, s, 2) && s[L.g.migrated] === 0,
      run: (s) => {
        s[b + L.c.on] = 2;
        s[L.g.migrated] = 1;
      },
    },
  ];
}

/** A target CPU handling its call_single_queue (IRQs on), and its own CPU-offline path. */
export function targetEvents(L: SmpLayout, p: CrossCallPolicy, t: number): Step[] {
  const noPreemptOff = (s: State): boolean => {
    for (const task of [0, 1]) if (running(L, s, task) && s[L.base(task) + L.c.pcount] === 1) return false;
    return true;
  };
  const takedown = (cpu: number): Step => ({
    name: `takedown_cpu(CPU${cpu})`,
    source: `kernel/cpu.c: takedown_cpu() -> stop_machine_cpuslocked() (take_cpu_down() runs the dying callbacks) | kernel/smp.c: smpcfd_dying_cpu()${cpu === 0 && p.freeCfdAtOffline ? ', smpcfd_dead_cpu() (frees cfd->csd)' : ''}`,
    text: `CPU${cpu} offline: smpcfd_dying_cpu()${cpu === 0 && p.freeCfdAtOffline ? ' + smpcfd_dead_cpu(): free cfd' : ''}`,
    tags: cpu === 0 && p.freeCfdAtOffline ? ['retire'] : [],
    // stop_machine() cannot proceed while any CPU has preemption disabled. CPU0 goes down only
    // once both tasks started their calls there (so both use CPU0's per-CPU data, the only
    // per-CPU data modelled); CPU2 only while no task was moved onto it.
    enabled: (s) =>
      s[L.g.offline] === 0 &&
      noPreemptOff(s) &&
      (cpu !== 0 || (s[L.base(0) + L.c.phase] !== Phase.idle && s[L.base(1) + L.c.phase] !== Phase.idle)) &&
      (cpu !== 2 || (s[L.base(0) + L.c.on] !== 2 && s[L.base(1) + L.c.on] !== 2)),
    run: (s) => {
      if (cpu !== 0) runQueue(L, p, s, cpu);
      s[L.g.offline] = cpu + 1;
      for (const task of [0, 1]) {
        const tb = L.base(task);
        if (s[tb + L.c.on] !== cpu) continue;
        s[tb + L.c.on] = 2; // migrate_tasks(): off the dying CPU
        s[tb + L.c.preempted] = 1;
        if (s[tb + L.c.phase] === Phase.inUse) s[L.g.migrated] = 1;
      }
      if (cpu === 0 && p.freeCfdAtOffline) {
        if (s[L.g.csd1] !== Owner.none || s[L.g.csd2] !== Owner.none) hz(L, s, SmpHazard.freedInUse);
        s[L.g.cfdFreed] = 1;
      }
    },
  });
  return [
    {
      name: 'flush_smp_call_function_queue',
      source: 'kernel/smp.c: generic_smp_call_function_single_interrupt() -> __flush_smp_call_function_queue() -> llist_del_all() (then func and csd_unlock() for each csd)',
      text: (s) => `IPI: run queued func${((s[L.base(targetBlock(t)) + L.c.queue] ?? 0) & 1) !== 0 ? ' (flush_tlb_func)' : ''}, csd_unlock()`,
      ipi: 'handle',
      enabled: (s) => s[L.base(targetBlock(t)) + L.c.ipi] === 1 && online(L, s, t),
      run: (s) => {
        s[L.base(targetBlock(t)) + L.c.ipi] = 0;
        runQueue(L, p, s, t);
      },
    },
    takedown(t),
    ...(t === 1 ? [takedown(0)] : []),
  ];
}
