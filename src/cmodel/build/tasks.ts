/**
 * Tasks: threads the scheduler preempts and migrates (TASK(...) in a model, ../declarations.ts).
 *
 * Layout. A model with tasks has an actor block per CPU (role `CPU`: no program of its own; it
 * takes interrupts and holds the per-CPU data, the IRQ flag, the TLB) and then one per task
 * (its program, its registers, and the scheduler fields below). A task's code runs with the
 * frame's CPU set to the CPU the task is on (`x.cpu`: per-CPU data, `smp_processor_id()`, the
 * IRQ flag, the TLB) and its registers in its own block (`x.task`), so registers move with the
 * task.
 *
 * Scheduler fields of a task: `task.on` (the CPU it is on, running or queued), `task.off` (1:
 * preempted, or not started, and queued on that CPU), `task.preempt_count`,
 * `task.migrate_disable`.
 *
 * When a task is preempted. The model is a fully preemptible kernel (CONFIG_PREEMPT): a task
 * can lose its CPU between any two of its steps where its preempt count is 0, the CPU's IRQs
 * are on and the CPU is in no interrupt handler. That is where the kernel can preempt it: an
 * interrupt (the tick, a wake-up IPI) may arrive at any instruction with IRQs on, and its
 * return preempts if need_resched is set (kernel/entry/common.c: irqentry_exit() ->
 * preempt_schedule_irq(), kernel/sched/core.c); preempt_enable() reaching 0 with need_resched
 * set calls preempt_schedule() (kernel/sched/core.c), which does nothing unless preemptible()
 * (count 0, IRQs on); both end in __schedule(). The point just after a preempt_enable() is such
 * a boundary, so the rule covers both. Steps are the model's atomic units (what another actor
 * can observe): preempting between two register-only instructions merged into one step would
 * change nothing another task can see.
 *
 * Where a preempted task resumes. A queued task runs again when its CPU has no running task
 * (kernel/sched/core.c: __schedule() -> context_switch()), or first moves to another CPU
 * (kernel/sched/core.c: set_task_cpu(), as the load balancer's detach_task() does), unless its
 * migrate-disable count is non-zero (kernel/sched/core.c: migrate_disable() pins the task to its
 * CPU; kernel/sched/fair.c: can_migrate_task() refuses is_migration_disabled() tasks) or its
 * affinity is its start CPU alone (PINNED: kernel/kthread.c kthread_bind()). A running task is
 * moved by the same two events (the stopper preempts it first). preempt_disable() (and
 * get_cpu(), spin_lock()) keeps the task on its CPU because it cannot be preempted at all.
 *
 * A context switch. Both events run the prelude's context_switch() on the CPU they switch
 * (kernel/sched/core.c: __schedule() -> context_switch(): the mm switch, then switch_to() ->
 * __switch_to()), to its end, inside the step: the preemption on the CPU the task leaves (it
 * switches to the idle task or another), the switch-in on the CPU the task comes to. So arm64's
 * dsb(ish) there, which completes the TLB maintenance the CPU issued "in case the thread
 * migrates to a different CPU" (arch/arm64/kernel/process.c), and whatever a patch adds to x86's
 * switch_mm_irqs_off(), are prelude code a patch can change, not hardware.
 *
 * Limits, stated in docs/c-models.md: sc only (a store buffer belongs to a CPU, and the barriers
 * of a context switch are not modelled); a context switch does not switch mm (the tasks share
 * the address space a CPU has loaded, as kernel threads or threads of one process do); no RCU
 * or instruction-stream hardware with tasks; a task that waits (a spin, a lock, a semaphore)
 * keeps its CPU until it is preempted, so a sleeping lock is modelled as a preemptible spin.
 */
import { CError } from '../../c/error.js';
import type { State, Step } from '../../core/model.js';
import type { ModelDecls, TaskDecl } from '../declarations.js';
import type { HwOp } from '../exec/codegen.js';
import type { Frame } from '../exec/frame.js';
import type { HwOpInfo } from '../hardware/hardware.js';
import type { FieldAllocator } from '../storage.js';
import { BOOL, INT } from '../types.js';
import type { Instr } from '../ir.js';
import type { OneSidedBoundary } from '../steps/unit.js';

/** The preempt-count and migrate-disable actions a task's code runs (../builtins/percpu.ts, locks.ts). */
export const TASK_OPS = ['preempt_count_inc', 'preempt_count_dec', 'preempt_count_dec_unless', 'migrate_disable_inc', 'migrate_disable_dec'] as const;
export type TaskOp = (typeof TASK_OPS)[number];

/**
 * An `__atomic_block("why")` claims that no other CPU can see inside it. With tasks another
 * task of the same CPU could, if the block's task can be preempted inside it: the block starts
 * with this check, and a block that starts with preempt_count 0 and IRQs on violates
 * ATOMIC_BLOCK_PREEMPTIBLE, a bound of the model (`check` reports inconclusive, never a
 * verdict): the model hides preemption points it should show.
 */
export const ATOMIC_BLOCK_CHECK = '__atomic_block_check';
/**
 * The running code's context, for the kernel's debug checks (../builtins/debug.ts): bit 0 set
 * when its preempt count is not 0 (or it is a CPU's own code: an interrupt handler, the context
 * switch, an INIT), bit 1 when its task has migration disabled.
 */
export const TASK_CONTEXT = '__task_context';

/**
 * A task's function (each iteration of a LOOP task's) returns with preemption and migration
 * enabled again; otherwise PREEMPT_COUNT_BALANCED is violated (the kernel complains of a task
 * that exits with a preempt count: kernel/exit.c do_exit(); of one that sleeps with one:
 * kernel/sched/core.c __schedule_bug()).
 */
export const TASK_END_CHECK = '__task_end_check';
export const PREEMPT_COUNT_BALANCED = 'preempt-count-balanced';
export const PREEMPT_COUNT_BALANCED_DOC = "a task's function returns with its preempt_disable() and migrate_disable() undone";
/**
 * A task's DEFINE_PER_TASK data stands for its stack (or task_struct): once a ONCE task's
 * function has returned, another CPU or task that reaches the instance through a pointer it
 * kept (a csd's info, a shared pointer) uses memory that is gone (KASAN reports such an access
 * as a use after return or after free). A LOOP task's data lives as long as the task.
 */
export const STACK_USE_AFTER_RETURN = 'no-stack-use-after-return';
export const STACK_USE_AFTER_RETURN_DOC = "no CPU or task uses a task's DEFINE_PER_TASK data (its stack) after the task's function returned";
export const ATOMIC_BLOCK_PREEMPTIBLE = 'atomic-block-not-preemptible';
export const ATOMIC_BLOCK_PREEMPTIBLE_DOC = 'every __atomic_block of a task starts with preemption or IRQs disabled, so no other task of its CPU can run inside it';
export const ATOMIC_BLOCK_BOUND = 'an __atomic_block started where its task could be preempted: the block would hide preemption points; disable preemption around it or write it without the block';

/**
 * They change only the task's own fields, but a preemption point lies between them and the
 * instructions around them: each is a step boundary (a preempt_disable() merged into the step
 * before it would lose the preemption between that step and the disable). For the preempt
 * count the boundary is on one side only (`preemptBoundary`); the migrate-disable count keeps
 * both, as a task that disabled migration can still be preempted.
 */
export const TASK_OP_INFO: Readonly<Record<TaskOp | typeof ATOMIC_BLOCK_CHECK | typeof TASK_END_CHECK | typeof TASK_CONTEXT, HwOpInfo>> = {
  ...(Object.fromEntries(TASK_OPS.map((o) => [o, { visible: true, blocking: false }])) as Record<TaskOp, HwOpInfo>),
  // It reads only the task's own count and its CPU's IRQ flag, as the block starts.
  [ATOMIC_BLOCK_CHECK]: { visible: false, blocking: false },
  [TASK_END_CHECK]: { visible: false, blocking: false },
  // It reads only the task's own counts.
  [TASK_CONTEXT]: { visible: false, blocking: false },
};

/**
 * The preempt count is read by nothing but the scheduler's decision to preempt (and with that
 * move) this task: no other CPU, interrupt handler or task sees it (kernel/sched/core.c:
 * preemptible(), include/linux/preempt.h). So only the side of the change where the task can
 * be preempted needs a step boundary:
 * - preempt_disable() (spin_lock(), get_cpu()) `opens`: the task can be preempted before it,
 *   and not after it until the count drops, so the step goes on through the next observable
 *   instruction. A run `inc; X1..Xk; S` (Xi steps of other actors, none of them this task's
 *   preemption, which the count forbids) is the run `X1..Xk; inc S`, as no Xi reads the count.
 * - preempt_enable() (spin_unlock(), put_cpu()) `closes`: the task cannot be preempted before
 *   it, so it joins the step before; a run `P; X1..Xk; dec` is the run `P dec; X1..Xk`. The
 *   preemption point after it stays: the step ends at the next observable instruction, and only
 *   register-only or task-private instructions lie between.
 * preempt_count_dec_unless (a failed spin_trylock() gives back its count) keeps both sides.
 */
export function preemptBoundary(i: Instr): OneSidedBoundary | undefined {
  if (i.op !== 'hw') return undefined;
  if (i.name === 'preempt_count_inc') return 'opens';
  if (i.name === 'preempt_count_dec') return 'closes';
  return undefined;
}

/** The deepest nesting of preempt_disable() or migrate_disable() a model may reach. */
const MAX_DEPTH = 15;

export interface TaskFields {
  readonly on: number;
  readonly off: number;
  readonly pcount: number;
  readonly mdis: number;
}

export function allocateTaskFields(fa: FieldAllocator): TaskFields {
  const depth = { kind: 'int' as const, name: 'count', lo: 0, hi: MAX_DEPTH };
  return {
    on: fa.addCpu('task.on', INT, 'task: the CPU it runs on, or is queued on'),
    off: fa.addCpu('task.off', BOOL, 'task: preempted (or not started) and queued on its CPU'),
    pcount: fa.addCpu('task.preempt_count', depth, 'task: preempt_disable() depth (spin_lock(), get_cpu() included)'),
    mdis: fa.addCpu('task.migrate_disable', depth, 'task: migrate_disable() depth'),
  };
}

/** Spec CPU roles of a model with tasks: role 0 (`CPU`) for CPUs 0..cpus-1, then one role per task. */
export function taskCpuRoles(decls: ModelDecls, cpus: number): number[] {
  const late = decls.tasks.find((t) => t.cpu >= cpus);
  if (late !== undefined) throw new CError(late.loc, `TASK ${late.name} starts on CPU${late.cpu}, but the model has ${cpus} CPUs`);
  return [...Array.from({ length: cpus }, () => 0), ...decls.tasks.map((_, k) => k + 1)];
}

export interface TaskRuntime {
  readonly cpus: number;
  readonly base: (actor: number) => number;
  readonly f: TaskFields;
  /** CPU fields: the IRQ flag, the interrupt handler's step, the program step. */
  readonly irqsOff: number;
  readonly irqpc: number;
  readonly pc: number;
  /** The (v)CPU runs: online, and not preempted by the hypervisor. */
  readonly running: (s: State, cpu: number) => boolean;
  /** The CPU is online (a model with HOTPLUG; otherwise always): a task may move to it. */
  readonly online: (s: State, cpu: number) => boolean;
  /** Steps of each task's program (a ONCE task has finished when its pc reaches it). */
  readonly programLength: readonly number[];
  readonly tasks: readonly TaskDecl[];
  /**
   * What the CPU runs at a context switch, on the CPU the switch happens on: the prelude's
   * context_switch() (x86: switch_mm_irqs_off(); arm64: the dsb(ish) of __switch_to()), run to
   * its end inside the scheduler's step.
   */
  readonly contextSwitch: { run: (s: State, cpu: number) => void };
  /** Out of its domain (a preempt_enable() without its disable, nesting too deep). */
  readonly outOfDomain: (x: Frame) => void;
  /** Records ATOMIC_BLOCK_PREEMPTIBLE. */
  readonly preemptibleBlock: (x: Frame) => void;
  /** Records PREEMPT_COUNT_BALANCED. */
  readonly unbalanced: (x: Frame) => void;
}

/** The actor block of task k. */
const actorOf = (rt: TaskRuntime, k: number): number => rt.cpus + k;

/** The task's code runs on this CPU. */
export const taskCpu = (rt: TaskRuntime) => (s: State, actor: number): number => s[rt.base(actor) + rt.f.on]!;

export function finished(rt: TaskRuntime, s: State, k: number): boolean {
  const t = rt.tasks[k]!;
  return !t.loop && s[rt.base(actorOf(rt, k)) + rt.pc]! >= rt.programLength[k]!;
}

/** The actor of the task CPU `cpu` runs (on it, not preempted, not finished), or -1. */
export function runningTask(rt: TaskRuntime, s: State, cpu: number): number {
  for (let k = 0; k < rt.tasks.length; k++) {
    const b = rt.base(actorOf(rt, k));
    if (s[b + rt.f.on] === cpu && s[b + rt.f.off] === 0 && !finished(rt, s, k)) return actorOf(rt, k);
  }
  return -1;
}

const cpuBusy = (rt: TaskRuntime, s: State, cpu: number): boolean => runningTask(rt, s, cpu) >= 0;

/** The CPU can switch tasks now: IRQs on, in no handler, and (under a hypervisor) running. */
export function canSchedule(rt: TaskRuntime, s: State, cpu: number): boolean {
  const b = rt.base(cpu);
  return s[b + rt.irqsOff] === 0 && s[b + rt.irqpc] === 0 && rt.running(s, cpu);
}

/** A task's program steps and its own events need it to be on its CPU, and the CPU free to run it. */
export function taskRunnable(rt: TaskRuntime): (s: State, actor: number) => boolean {
  return (s, actor) => {
    const b = rt.base(actor);
    if (s[b + rt.f.off] !== 0) return false;
    const cpu = s[b + rt.f.on]!;
    return s[rt.base(cpu) + rt.irqpc] === 0 && rt.running(s, cpu);
  };
}

/** The actions of ../builtins: the running task's preempt count and migrate-disable count. */
export function taskOps(rt: TaskRuntime): Record<TaskOp | typeof ATOMIC_BLOCK_CHECK | typeof TASK_END_CHECK | typeof TASK_CONTEXT, HwOp> {
  const bump = (field: number, by: number) => (x: Frame): number => {
    const at = rt.base(x.task) + field;
    const v = x.s[at]! + by;
    if (v < 0 || v > MAX_DEPTH) rt.outOfDomain(x);
    else x.s[at] = v;
    return 0;
  };
  return {
    preempt_count_inc: { run: bump(rt.f.pcount, 1) },
    preempt_count_dec: { run: bump(rt.f.pcount, -1) },
    // spin_trylock() that failed gives back the preempt_disable() it took.
    preempt_count_dec_unless: { run: (x, [ok]) => (ok === 0 ? bump(rt.f.pcount, -1)(x) : 0) },
    migrate_disable_inc: { run: bump(rt.f.mdis, 1) },
    migrate_disable_dec: { run: bump(rt.f.mdis, -1) },
    [ATOMIC_BLOCK_CHECK]: {
      run: (x) => {
        if (x.task >= rt.cpus && x.s[rt.base(x.task) + rt.f.pcount] === 0 && x.s[rt.base(x.cpu) + rt.irqsOff] === 0) rt.preemptibleBlock(x);
        return 0;
      },
    },
    [TASK_CONTEXT]: {
      run: (x) => {
        if (x.task < rt.cpus) return 1;
        const b = rt.base(x.task);
        return (x.s[b + rt.f.pcount] !== 0 ? 1 : 0) | (x.s[b + rt.f.mdis] !== 0 ? 2 : 0);
      },
    },
    [TASK_END_CHECK]: {
      run: (x) => {
        const b = rt.base(x.task);
        if (x.task >= rt.cpus && (x.s[b + rt.f.pcount] !== 0 || x.s[b + rt.f.mdis] !== 0)) rt.unbalanced(x);
        return 0;
      },
    },
  };
}

/** The scheduler's events for task k: preemption, switching in, migration to each other CPU. */
export function taskEvents(rt: TaskRuntime, k: number): Step[] {
  const t = rt.tasks[k]!;
  const b = (actor: number): number => rt.base(actor);
  const on = (s: State, actor: number): number => s[b(actor) + rt.f.on]!;
  const preempt: Step = {
    name: '__schedule',
    source: 'kernel/sched/core.c: preempt_schedule_irq() / preempt_schedule() -> __schedule() (a fully preemptible kernel: any boundary with preempt_count 0 and IRQs on)',
    text: (s, actor) => `${t.name} preempted on CPU${on(s, actor)}`,
    ignoresRunnable: true,
    enabled: (s, actor) => s[b(actor) + rt.f.off] === 0 && s[b(actor) + rt.f.pcount] === 0 && !finished(rt, s, k) && canSchedule(rt, s, on(s, actor)),
    run: (s, actor) => {
      s[b(actor) + rt.f.off] = 1;
      // context_switch(): the CPU the task leaves runs it.
      rt.contextSwitch.run(s, on(s, actor));
    },
  };
  const switchIn: Step = {
    name: 'context_switch',
    source: 'kernel/sched/core.c: __schedule() -> context_switch() (the CPU runs no other task)',
    text: (s, actor) => `${t.name} runs on CPU${on(s, actor)}`,
    ignoresRunnable: true,
    enabled: (s, actor) => s[b(actor) + rt.f.off] === 1 && !cpuBusy(rt, s, on(s, actor)) && canSchedule(rt, s, on(s, actor)),
    run: (s, actor) => {
      s[b(actor) + rt.f.off] = 0;
      rt.contextSwitch.run(s, on(s, actor));
    },
  };
  if (t.pinned) return [preempt, switchIn];
  const migrate = (to: number): Step => ({
    name: `set_task_cpu(CPU${to})`,
    source: 'kernel/sched/core.c: set_task_cpu() (load balancing a queued task; never one in migrate_disable(): kernel/sched/fair.c can_migrate_task())',
    text: (s, actor) => `${t.name} moves from CPU${on(s, actor)} to CPU${to}`,
    ignoresRunnable: true,
    enabled: (s, actor) => s[b(actor) + rt.f.off] === 1 && s[b(actor) + rt.f.mdis] === 0 && on(s, actor) !== to && !finished(rt, s, k) && rt.online(s, to),
    run: (s, actor) => {
      s[b(actor) + rt.f.on] = to;
    },
  });
  return [preempt, switchIn, ...Array.from({ length: rt.cpus }, (_, c) => migrate(c))];
}

/** The start: each task on its CPU; the first declared on a CPU runs, the others are queued. */
export function taskInit(rt: TaskRuntime): (s: State) => void {
  return (s) => {
    const taken = new Set<number>();
    rt.tasks.forEach((t, k) => {
      const bb = rt.base(actorOf(rt, k));
      s[bb + rt.f.on] = t.cpu;
      s[bb + rt.f.off] = taken.has(t.cpu) ? 1 : 0;
      taken.add(t.cpu);
    });
  };
}
