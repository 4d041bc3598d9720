/**
 * CPU hotplug: a CPU going offline (HOTPLUG(CPU(k), ...) in a model with tasks).
 *
 * What the kernel does (kernel/cpu.c: _cpu_down() -> cpuhp_down_callbacks() -> takedown_cpu()):
 * - Before stop_machine, the hotplug thread waits until the dying CPU's runqueue is empty
 *   (kernel/sched/core.c: sched_cpu_wait_empty(); balance_push() moves every task away at its
 *   next schedule(), but lets a task in migrate_disable() finish that section first). Per-CPU
 *   kthreads are parked at their loop head (kernel/smpboot.c: smpboot_park_threads(),
 *   kthread_parkme()) and stay with the CPU.
 * - stop_machine_cpuslocked(take_cpu_down, ...) (kernel/stop_machine.c: multi_cpu_stop()) runs
 *   the stopper thread on every online CPU: each must schedule it, so none is in a section
 *   with preemption or IRQs off, or in an interrupt handler, and a preempted vCPU must run
 *   again. Then every CPU spins with IRQs off while the dying CPU runs take_cpu_down(): it
 *   clears its bit in cpu_online_mask (__cpu_disable()) and runs the dying callbacks, among
 *   them smpcfd_dying_cpu(), which runs the csds already on its call_single_queue.
 * - The CPU is dead: it takes no interrupt (a csd queued to it afterwards never runs) and runs
 *   nothing.
 *
 * The model: one step per CPU listed in HOTPLUG, `takedown_cpu(CPUk)`, enabled when the CPU is
 * online, another CPU stays online (the kernel refuses to take down the last one), no task
 * other than a parked PINNED one is on it (a PINNED task, the model's kthread_bind()ed thread,
 * parks only at the start of its function: not started, or between two iterations), and
 * every online CPU could run the stopper now (IRQs on, in no handler, not preempted by the
 * hypervisor, and the task it runs, if any, has preemption enabled). The step runs the
 * prelude's `take_cpu_down()` on the dying CPU to its end (kernel code a patch can change),
 * then the CPU is offline for good:
 * - its pending IPI is dropped and it runs nothing: ./assemble.ts composes `running(s, cpu)`
 *   with "online", which every interrupt entry, hardware walk and task switch already asks;
 * - its TLB and paging-structure caches are emptied: it can never use them again (a CPU that
 *   comes back starts with an empty TLB: CPU online is not modelled);
 * - the PINNED tasks parked on it never run again.
 */
import { CError } from '../../c/error.js';
import type { State, Step } from '../../core/model.js';
import type { HotplugDecl, TaskDecl } from '../declarations.js';
import { canSchedule, finished, runningTask, type TaskRuntime } from './tasks.js';

/** The prelude function the dying CPU runs inside stop_machine (prelude/kernel/cpu.c). */
export const HOTPLUG_FN = 'take_cpu_down';

export interface HotplugRuntime {
  readonly decl: HotplugDecl;
  /** The tasks and their CPUs (`tasks.online`: the CPU's bit in `cpu_online_mask`). */
  readonly tasks: TaskRuntime;
  /** Runs take_cpu_down() on the dying CPU to its end (set once the steps are built). */
  readonly takeCpuDown: { run: (s: State, cpu: number) => void };
  /** The CPU field of the pending call-function IPI. */
  readonly ipi: number;
  readonly flushCpu: (s: State, cpu: number) => void;
}

/** May task k stay on a CPU that goes offline? Only a PINNED task parked at its function's start. */
function parked(rt: TaskRuntime, t: TaskDecl, s: State, actor: number): boolean {
  const b = rt.base(actor);
  return t.pinned && s[b + rt.pc] === 0 && s[b + rt.f.pcount] === 0 && s[b + rt.f.mdis] === 0;
}

/** Could CPU c schedule the stopper thread now? IRQs on, in no handler, running, and its task preemptible. */
function stoppable(rt: TaskRuntime, s: State, c: number): boolean {
  const t = runningTask(rt, s, c);
  return canSchedule(rt, s, c) && (t < 0 || s[rt.base(t) + rt.f.pcount] === 0);
}

/** The takedown step (an event of the CPU role; `cpu` is the CPU that goes offline). */
export function hotplugEvents(h: HotplugRuntime): Step[] {
  const rt = h.tasks;
  const listed = new Set(h.decl.cpus);
  const enabled = (s: State, cpu: number): boolean => {
    if (!listed.has(cpu) || !rt.online(s, cpu)) return false;
    let others = 0;
    for (let c = 0; c < rt.cpus; c++) {
      if (!rt.online(s, c)) continue;
      if (c !== cpu) others++;
      if (!stoppable(rt, s, c)) return false;
    }
    if (others === 0) return false;
    for (let k = 0; k < rt.tasks.length; k++) {
      const actor = rt.cpus + k;
      if (s[rt.base(actor) + rt.f.on] === cpu && !finished(rt, s, k) && !parked(rt, rt.tasks[k]!, s, actor)) return false;
    }
    return true;
  };
  return [
    {
      name: 'takedown_cpu',
      source: 'kernel/cpu.c: takedown_cpu() -> stop_machine_cpuslocked(take_cpu_down) (after sched_cpu_wait_empty(): no task left on the CPU but parked per-CPU threads)',
      text: (_s, cpu) => `CPU${cpu} goes offline: stop_machine(take_cpu_down)`,
      ignoresRunnable: true,
      enabled,
      run: (s, cpu) => {
        const b = rt.base(cpu);
        // multi_cpu_stop(): IRQs off on the dying CPU while take_cpu_down() runs.
        s[b + rt.irqsOff] = 1;
        h.takeCpuDown.run(s, cpu);
        if (rt.online(s, cpu)) throw new CError(h.decl.loc, `take_cpu_down() returned on CPU${cpu} with the CPU still in cpu_online_mask (set_cpu_online(cpu, false), as __cpu_disable() does)`);
        s[b + rt.irqsOff] = 0;
        s[b + h.ipi] = 0;
        h.flushCpu(s, cpu);
        // Parked per-CPU threads stay queued on the dead CPU, never to run.
        for (let k = 0; k < rt.tasks.length; k++) {
          const tb = rt.base(rt.cpus + k);
          if (s[tb + rt.f.on] === cpu) s[tb + rt.f.off] = 1;
        }
      },
    },
  ];
}
