/**
 * Scenario `preempt-wait` (seed 5): task A (a TLB flush to CPU1 and CPU2) and task B (a
 * cross-call to CPU1) share CPU0 and its per-CPU IPI data; tasks are preempted where
 * preemption is enabled, migrate, and CPUs go offline. Question: may csd_lock_wait() run with
 * preemption enabled?
 */
import type { ArchConfig } from '../../arch/arch.js';
import type { ModelSpec, Property, Role, State } from '../../core/model.js';
import { crossCall, targetEvents, taskScheduling } from '../../mechanisms/smp-cross-call.js';
import { Phase, SmpHazard, smpLayout, TASK_A, TASK_B, type SmpLayout } from '../../mechanisms/smp-call-state.js';
import { defineScenario } from '../scenario.js';
import { variantFiles } from '../variant-files.js';
import { preemptWaitBase, type PreemptWaitParams } from './params.js';

function properties(L: SmpLayout, p: PreemptWaitParams): Property[] {
  const hazard = (name: string, code: number, doc: string, explain: string): Property => ({
    name,
    kind: 'always',
    doc,
    check: (s) => s[L.g.hazard] !== code,
    explain: () => explain,
  });
  const a = L.base(TASK_A);
  const b = L.base(TASK_B);
  const out: Property[] = [
    hazard('ipi-data-not-freed-in-use', SmpHazard.freedInUse, 'csd and cfd data are not freed while a sender or target still uses them', 'cfd_data freed while a csd is locked: use after free'),
    hazard('ipi-data-not-overwritten-in-use', SmpHazard.overwrittenInUse, 'cfd cpumask, flush_tlb_info and __pv_cpu_mask are not rewritten by another task while in use', 'per-CPU IPI data rewritten by the other task while still in use'),
    hazard('sync-waits-for-targets', SmpHazard.returnedEarly, 'a synchronous cross-call returns only after every target ran its function', 'a target\'s func never ran (or had not run) when the call returned'),
    hazard('no-stale-tlb-after-sync', SmpHazard.staleAfterReturn, 'a TLB flush that returned left no online CPU with the old translation', 'the flush returned while a target still holds the old translation'),
    {
      name: 'ipi-pending-while-sender-waits',
      kind: 'sometimes',
      witnessFor: 'sync-waits-for-targets',
      doc: 'task A has returned from no wait yet while a target still has its csd queued',
      check: (s) => s[a + L.c.phase] === Phase.inUse && (s[L.base(2) + L.c.queue] ?? 0) !== 0,
    },
  ];
  if (p.preemptEnableAt !== 'end') {
    out.push(
      {
        name: 'sender-preempted-other-task-cross-calls',
        kind: 'sometimes',
        witnessFor: 'ipi-data-not-overwritten-in-use',
        doc: 'task A is preempted with its cross-call in flight while task B runs its own cross-call on the same CPU',
        check: (s) => s[a + L.c.preempted] === 1 && s[a + L.c.phase] === Phase.inUse && s[b + L.c.preempted] === 0 && s[b + L.c.phase] === Phase.inUse,
      },
      {
        name: 'task-migrated-while-waiting',
        kind: 'sometimes',
        witnessFor: 'ipi-data-not-freed-in-use',
        doc: 'a task migrated to another CPU with its cross-call in flight',
        check: (s) => s[L.g.migrated] === 1 && (s[a + L.c.phase] === Phase.inUse || s[b + L.c.phase] === Phase.inUse),
      },
    );
  }
  return out;
}

function build(p: PreemptWaitParams, arch: ArchConfig, cpus: number, name: string): ModelSpec {
  const L = smpLayout();
  const task = (t: number): Role => ({
    name: t === TASK_A ? 'CPU0/taskA' : 'CPU0/taskB',
    programs: [crossCall(L, arch, p, t)],
    events: taskScheduling(L, t),
    runnable: (s: State) => s[L.base(t) + L.c.preempted] === 0,
    symmetric: false,
    // Tasks migrate: reports draw a task on the CPU it runs on.
    runsOn: (s: State) => s[L.base(t) + L.c.on] ?? 0,
  });
  const target = (cpu: number): Role => ({
    name: `CPU${cpu}/target`,
    programs: [{ name: 'idle', source: 'kernel/sched/idle.c', loop: false, steps: [] }],
    events: targetEvents(L, p, cpu),
    symmetric: false,
    runsOn: () => cpu,
  });
  if (cpus !== 3) throw new Error('preempt-wait models exactly 3 CPUs (CPU0 with tasks A and B, targets CPU1 and CPU2)');
  return {
    name,
    layout: L,
    roles: [task(TASK_A), task(TASK_B), target(1), target(2)],
    cpuRoles: [0, 1, 2, 3],
    init: (s: State) => {
      s[L.g.stale1] = 1;
      s[L.g.stale2] = 1;
      s[L.base(TASK_B) + L.c.preempted] = 1; // runnable, waiting for CPU0
    },
    properties: properties(L, p),
  };
}

export const preemptWait = defineScenario<PreemptWaitParams>({
  name: 'preempt-wait',
  summary: 'preemptible csd_lock_wait(): per-CPU IPI data vs preemption, migration, CPU offline (Chuyi Zhou 2026)',
  arches: ['x86-native', 'x86-kvm-pv'],
  memoryModels: ['sc'],
  defaultCpus: 3,
  minCpus: 3,
  maxCpus: 3,
  cpuRolesDoc: 'CPU0 runs task A (TLB flush to CPU1, CPU2) and task B (cross-call to CPU1); CPU1 and CPU2 handle IPIs; any CPU may go offline once',
  base: preemptWaitBase,
  variants: await variantFiles<PreemptWaitParams>('preempt-wait'),
  build,
});

export default preemptWait;
