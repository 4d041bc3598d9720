/**
 * Asynchronous kicks of a nohz_full CPU: requesters queue a request for the target (an llist
 * node on its queue: irq_work / call_single_queue) and kick it with an empty IPI so that it
 * passes through irq_enter() ... irq_exit() and sees the request; nobody waits. Variants choose
 * when a requester may spare the IPI.
 *
 * Kernel: Frederic Weisbecker 2014 "[PATCH 01/10] smp: Introduce void kick_cpu_async()"
 * (kernel/smp.c: arch_send_call_function_single_ipi(cpu); its NOTE: spare IPIs when
 * call_single_queue isn't empty, "can't be done properly without cmpxchg()");
 * kernel/smp.c __smp_call_single_queue(): `if (llist_add(node, &per_cpu(call_single_queue,
 * cpu))) send_call_function_single_ipi(cpu)`; include/linux/llist.h llist_add() returns
 * whether the list was empty; __flush_smp_call_function_queue() takes all with llist_del_all().
 * A request is observed only when irq_exit() -> tick_nohz_irq_exit() re-evaluates the tick
 * after the request's callback ran (the callback is what changes what the re-evaluation must
 * see: a tick dependency, a timer); a callback run after irq_exit() is seen by nobody until
 * the next interrupt. Left out: the callbacks' payload, the tick itself (observing the request
 * is the point).
 */
import { match } from 'ts-pattern';
import { defineLayout, type Layout } from '../core/layout.js';
import { programFields, type ProgramFieldName, type Program, type State, type Step } from '../core/model.js';

/** A request: not made, on the target's queue, its callback ran, seen by the tick re-evaluation. */
export const Node = { none: 0, queued: 1, ran: 2, observed: 3 } as const;
/** A requester's IPI duty: not decided, owes the IPI (will send), done (sent or spared). */
export const Duty = { none: 0, owed: 1, done: 2 } as const;
export type KickPolicy = 'always' | 'if-queue-empty-checked-first' | 'llist-add-was-empty';

export const kickCpuFields = [
  ...programFields,
  { name: 'ipi', values: ['-', 'pending'], doc: 'target: IPI pending at the interrupt controller' },
  { name: 'node', values: ['-', 'queued', 'ran', 'observed'], doc: "requester: its request on the target's queue, run, or observed at irq_exit()" },
  { name: 'duty', values: ['-', 'owed', 'done'], doc: 'requester: whether it still has to send the IPI' },
] as const;
export type KickCpu = Exclude<(typeof kickCpuFields)[number]['name'], ProgramFieldName>;
export type KickLayout = Layout<never, KickCpu | ProgramFieldName>;

export function kickLayout(cpus: number): KickLayout {
  return defineLayout<never, KickCpu | ProgramFieldName>([], kickCpuFields, cpus);
}

/** The target is CPU0 (not symmetric); requesters are CPU1.. */
export const TARGET = 0;
const at = (L: KickLayout, cpu: number, f: KickCpu | ProgramFieldName): number => L.base(cpu) + L.c[f];
export const queueNonEmpty = (L: KickLayout, s: State): boolean => {
  for (let c = 1; c < L.cpus; c++) if (s[at(L, c, 'node')] === Node.queued) return true;
  return false;
};
/** Some request is not yet observed: still queued, or run but not seen by a later irq_exit(). */
export const requestUnobserved = (L: KickLayout, s: State): boolean => {
  for (let c = 1; c < L.cpus; c++) {
    const n = s[at(L, c, 'node')];
    if (n === Node.queued || n === Node.ran) return true;
  }
  return false;
};

export function requesterProgram(L: KickLayout, policy: KickPolicy): Program {
  const add = (decide: (s: State) => number): Step => ({
    name: 'llist_add',
    source: 'include/linux/llist.h: llist_add() | kernel/smp.c: __smp_call_single_queue() -> llist_add() | kernel/irq_work.c: irq_work_queue_on() -> __smp_call_single_queue()',
    text: (s) => `llist_add(request, target queue)${policy === 'llist-add-was-empty' ? (queueNonEmpty(L, s) ? ' = false: queue was not empty' : ' = true: queue was empty') : ''}`,
    tags: ['publish'],
    run: (s, cpu) => {
      const duty = decide(s);
      s[at(L, cpu, 'node')] = Node.queued;
      if (duty !== Duty.none) s[at(L, cpu, 'duty')] = duty;
    },
  });
  const check: Step = {
    name: 'llist_empty',
    source: 'patch: Weisbecker 2014 kick_cpu_async() NOTE ("checking that call_single_queue isn\'t empty before raising")',
    text: (s) => (queueNonEmpty(L, s) ? 'queue not empty: an IPI is on its way, spare ours' : 'queue empty: will send the IPI'),
    tags: ['critical'],
    run: (s, cpu) => {
      s[at(L, cpu, 'duty')] = queueNonEmpty(L, s) ? Duty.done : Duty.owed;
    },
  };
  const send: Step = {
    name: 'arch_send_call_function_single_ipi',
    source: 'patch: Weisbecker 2014 "[PATCH 01/10] smp: Introduce void kick_cpu_async()", kick_cpu_async() -> arch_send_call_function_single_ipi(cpu) in kernel/smp.c',
    text: 'kick_cpu_async(target): empty IPI, no wait',
    tags: ['sync'],
    onlyIf: (s, cpu) => s[at(L, cpu, 'duty')] === Duty.owed,
    run: (s, cpu) => {
      s[at(L, TARGET, 'ipi')] = 1;
      s[at(L, cpu, 'duty')] = Duty.done;
    },
  };
  const steps: Step[] = match(policy)
    .with('always', () => [add(() => Duty.owed), send])
    .with('if-queue-empty-checked-first', () => [check, add(() => Duty.none), send])
    .with('llist-add-was-empty', () => [add((s: State) => (queueNonEmpty(L, s) ? Duty.done : Duty.owed)), send])
    .exhaustive();
  // One request per requester, then it waits until the target took it: a kick that never
  // arrives leaves the requester waiting forever, which the progress check reports
  // (every-wait-completes) even where no state shows the loss.
  const served: Step = {
    name: 'request taken',
    source: "model: the requester's deferred work is seen (the target ran the request's callback, then re-evaluated the tick in irq_exit())",
    text: 'the target observed the request',
    // An observer, not a kernel step: no tag, so no mutant edits it.
    enabled: (s, cpu) => s[at(L, cpu, 'node')] === Node.observed,
    run: () => {},
  };
  return { name: `request + kick (${policy})`, source: send.source, loop: false, steps: [...steps, served] };
}

/** The nohz_full target: in EQS until an IPI arrives; then irq_enter, queue flush, irq_exit. */
export function targetProgram(L: KickLayout): Program {
  return {
    name: 'nohz_full user',
    source: 'kernel/softirq.c: irq_enter(), irq_exit()',
    loop: true,
    steps: [
      {
        name: 'irq_enter',
        source: 'kernel/softirq.c: irq_enter() -> ct_irq_enter() (interrupt entry: the EQS exit) | arch/x86/kernel/smp.c: sysvec_call_function_single() -> generic_smp_call_function_single_interrupt()',
        text: 'IPI taken: ack, irq_enter()',
        enabled: (s, cpu) => s[at(L, cpu, 'ipi')] === 1,
        run: (s, cpu) => {
          s[at(L, cpu, 'ipi')] = 0;
        },
      },
      {
        name: 'flush_smp_call_function_queue',
        source: 'kernel/smp.c: generic_smp_call_function_single_interrupt() -> ... -> llist_del_all()',
        text: 'llist_del_all(): take and run every queued request',
        tags: ['critical'],
        run: (s) => {
          for (let c = 1; c < L.cpus; c++) if (s[at(L, c, 'node')] === Node.queued) s[at(L, c, 'node')] = Node.ran;
        },
      },
      {
        name: 'irq_exit',
        source: 'kernel/softirq.c: irq_exit() -> __irq_exit_rcu() -> tick_irq_exit() -> tick_nohz_irq_exit() (the tick is re-evaluated)',
        text: 'irq_exit(): tick_nohz_irq_exit() sees what the callbacks did',
        run: (s) => {
          for (let c = 1; c < L.cpus; c++) if (s[at(L, c, 'node')] === Node.ran) s[at(L, c, 'node')] = Node.observed;
        },
      },
      {
        name: 'exit_to_user_mode',
        source: 'include/linux/irq-entry-common.h: irqentry_exit_to_user_mode() (back to user mode: EQS)',
        text: 'back to nohz_full user (EQS)',
        run: () => {},
      },
    ],
  };
}
