/**
 * State of the cross-call world (seed 5): CPU0's per-CPU IPI data (cfd csds for targets CPU1
 * and CPU2, cfd->cpumask, per-CPU flush_tlb_info, KVM's __pv_cpu_mask), the targets'
 * call_single_queues, hotplug, and two tasks (A: a TLB flush, B: another cross-call) that
 * start on CPU0. Blocks: 0 = taskA, 1 = taskB, 2 = CPU1, 3 = CPU2 (actor columns).
 *
 * Ownership fields say which task last wrote a shared per-CPU object; a task's `phase` says
 * whether its objects are in use (filled, not yet returned): the Begin/End instrumentation
 * the properties read. Kernel: kernel/smp.c, arch/x86/mm/tlb.c, arch/x86/kernel/kvm.c.
 */
import { defineLayout, type Layout } from '../core/layout.js';
import { programFields, type ProgramFieldName } from '../core/model.js';

export const TASK_A = 0;
export const TASK_B = 1;
/** Actor block of target CPU `cpu` (1 or 2). */
export const targetBlock = (cpu: number): number => cpu + 1;
export const Owner = { none: 0, A: 1, B: 2 } as const;
export const ownerOf = (task: number): number => (task === TASK_A ? Owner.A : Owner.B);
export const SmpHazard = { none: 0, freedInUse: 1, overwrittenInUse: 2, returnedEarly: 3, staleAfterReturn: 4 } as const;
export const Phase = { idle: 0, inUse: 1, returned: 2 } as const;

export const smpGlobals = [
  { name: 'maskOwner', values: ['-', 'A', 'B'], doc: "CPU0's cfd->cpumask: last writer" },
  { name: 'infoOwner', values: ['-', 'A', 'B'], doc: "CPU0's per-CPU flush_tlb_info: last writer" },
  { name: 'pvMaskOwner', values: ['-', 'A', 'B'], doc: "CPU0's __pv_cpu_mask: last writer" },
  { name: 'csd1', values: ['unlocked', 'A', 'B'], doc: "CPU0's csd for CPU1: csd_lock() holder" },
  { name: 'csd2', values: ['unlocked', 'A', 'B'], doc: "CPU0's csd for CPU2: csd_lock() holder" },
  { name: 'cfdFreed', values: ['no', 'yes'], doc: "CPU0's cfd_data freed by smpcfd_dead_cpu()" },
  { name: 'offline', values: ['none', 'CPU0', 'CPU1', 'CPU2'], doc: 'CPU taken down by stop_machine' },
  { name: 'stale1', values: ['no', 'yes'], doc: 'CPU1 still holds the translation task A flushes' },
  { name: 'stale2', values: ['no', 'yes'], doc: 'CPU2 still holds the translation task A flushes' },
  { name: 'migrated', values: ['no', 'yes'], doc: 'a task migrated while waiting' },
  { name: 'hazard', values: ['none', 'freed-in-use', 'overwritten-in-use', 'returned-early', 'stale-after-return'] },
] as const;

export const smpActorFields = [
  ...programFields,
  { name: 'on', doc: 'task: CPU it runs on' },
  { name: 'preempted', values: ['no', 'yes'], doc: 'task: off CPU (runnable)' },
  { name: 'pcount', values: ['0', '1'], doc: 'task: preempt_count' },
  { name: 'phase', values: ['idle', 'in-use', 'returned'], doc: 'task: its IPI data is in use' },
  { name: 'tgt', doc: 'task: target CPUs (bit 1 = CPU1, bit 2 = CPU2)' },
  { name: 'queued', doc: 'task: targets it queued a csd on (bit 1 = CPU1, bit 2 = CPU2)' },
  { name: 'queue', doc: 'target: call_single_queue entries (bit 1 = A, bit 2 = B)' },
  { name: 'ipi', values: ['-', 'pending'], doc: 'target: a call-function IPI is pending' },
] as const;

export type SmpLayout = Layout<
  (typeof smpGlobals)[number]['name'],
  Exclude<(typeof smpActorFields)[number]['name'], ProgramFieldName> | ProgramFieldName
>;

export const smpLayout = (): SmpLayout => defineLayout(smpGlobals, smpActorFields, 4);
