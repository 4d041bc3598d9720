/**
 * A synchronous cross-CPU call that may leave some CPUs out: the sender evaluates a condition
 * per CPU (one step per CPU, in any order), queues a csd and sends the IPI to the CPUs the
 * condition kept, then waits for each of them to run the handler.
 *
 * Conditions (the variants' hook):
 * - `all`: smp_call_function() to every other CPU (kernel/smp.c kick_all_cpus_sync(), 7.1.5).
 * - `dynticks`: Norov: `rcu_dynticks_in_eqs(atomic_read(&rdtp->dynticks))` after smp_mb();
 *    EQS CPUs are left out (rcu_get_eqs_cpus() in v2 5/5).
 * - `ct-work`: Schneider: ct_set_cpu_work(cpu, work) cmpxchgs the work bit in while
 *    CT_RCU_WATCHING is clear; success means "deferred, no IPI" (do_sync_core_defer_cond()).
 * - `kernel-cr3`: COALESCE_TLBI RFC: `housekeeping_cpu(cpu) || per_cpu(kernel_cr3_loaded, cpu)`.
 *
 * The per-CPU condition is an event of the target's role (its column in the diagram), so the
 * decision lives in the target's block and symmetric CPUs stay interchangeable.
 * Kernel: kernel/smp.c smp_call_function_many_cond(), csd_lock_wait(); on_each_cpu_cond().
 * Under tso/weak (src/mechanisms/store-buffer.ts) the leading smp_mb() and the first llist_add()
 * commit the sender's buffered text store; the condition reads what other CPUs see of the
 * target's ct word (`ctVisible`).
 * Left out: csd reuse and locking (one call), preemption of the sender.
 */
import { match } from 'ts-pattern';
import type { Step } from '../core/model.js';
import type { MemoryModelName } from '../memory/model-name.js';
import { Kick, Snap, cf, ctVisible, setCf, type EqsLayout } from './eqs-state.js';
import { contextSync } from './kernel-text.js';
import { drainsStoreBuffer } from './store-buffer.js';
import { flushTlbAll } from './vmalloc-tlb.js';

export type SyncCond = 'all' | 'dynticks' | 'ct-work' | 'kernel-cr3';
export type IpiWork = 'do_nothing' | 'do_sync_core' | 'do_kernel_range_flush';

const others = (L: EqsLayout, self: number): number[] => Array.from({ length: L.cpus }, (_, c) => c).filter((c) => c !== self);

export interface SenderOrdering {
  /** The memory model the sender's stores and barriers run under. */
  readonly mm: MemoryModelName;
  /** kick_all_cpus_sync() starts with smp_mb() (mainline, Norov v1/v2); false: removed. */
  readonly senderMb: boolean;
  /** Commits the sender's buffered stores (the scenario knows which: text, PTE). */
  readonly drainSender: (s: Uint8Array) => void;
}

const SC_WITH_MB: SenderOrdering = { mm: 'sc', senderMb: true, drainSender: () => {} };

/** The sender's steps, after its patch/unmap: start, IPI, wait. */
export function syncCallSteps(L: EqsLayout, cond: SyncCond, call: string, handler: IpiWork, order: SenderOrdering = SC_WITH_MB): Step[] {
  const [startName, startSource] = match(cond)
    .with('all', 'dynticks', () =>
      order.senderMb
        ? (['smp_mb', 'kernel/smp.c: kick_all_cpus_sync() -> smp_mb()'] as const)
        : (['kick_all_cpus_sync', 'patch: kick_all_cpus_sync() with its leading smp_mb() removed'] as const),
    )
    .with('ct-work', 'kernel-cr3', () => ['on_each_cpu_cond', 'kernel/smp.c: on_each_cpu_cond_mask() -> smp_call_function_many_cond()'] as const)
    .exhaustive();
  const mbDrains = order.senderMb && cond !== 'ct-work' && cond !== 'kernel-cr3' && drainsStoreBuffer(order.mm, 'smp_mb');
  const queueDrains = drainsStoreBuffer(order.mm, 'cmpxchg');
  return [
    {
      name: startName,
      source: startSource,
      text: cond === 'all' || cond === 'dynticks' ? `${call}: ${order.senderMb ? 'smp_mb()' : 'no smp_mb()'}${mbDrains ? ', store buffer drained' : ''}` : `${call}: evaluate the condition on each CPU`,
      tags: ['barrier'],
      run: (s, self) => {
        if (mbDrains) order.drainSender(s);
        s[L.g.kick] = Kick.reading;
        if (cond === 'all') for (const c of others(L, self)) setCf(L, s, c, 'snap', Snap.kernel);
      },
    },
    {
      name: cond === 'all' ? 'smp_call_function' : 'smp_call_function_many',
      source: 'kernel/smp.c: smp_call_function_many_cond() -> send_call_function_ipi_mask()',
      text: (s, self) => {
        const n = others(L, self).filter((c) => cf(L, s, c, 'snap') === Snap.kernel).length;
        return n === 0 ? `${call}: every CPU skipped, no csd queued, no IPI` : `${call}: csd queued (llist_add) + IPI (${handler}) to ${n} CPU${n > 1 ? 's' : ''} in the mask`;
      },
      tags: ['sync'],
      enabled: (s, self) => others(L, self).every((c) => cf(L, s, c, 'snap') !== Snap.unread),
      run: (s, self) => {
        const targets = others(L, self).filter((c) => cf(L, s, c, 'snap') === Snap.kernel);
        // llist_add() is a try_cmpxchg() loop: fully ordered, so the first queued csd commits
        // the sender's buffered stores; with every CPU skipped nothing orders them.
        if (queueDrains && targets.length > 0) order.drainSender(s);
        for (const c of targets) setCf(L, s, c, 'ipi', 1);
        s[L.g.kick] = Kick.sent;
      },
    },
    {
      name: 'csd_lock_wait',
      source: 'kernel/smp.c: smp_call_function_many_cond() -> csd_lock_wait()',
      text: `csd_lock_wait(): every IPI target ran ${handler}`,
      tags: ['sync'],
      enabled: (s, self) => others(L, self).every((c) => cf(L, s, c, 'ipi') === 0),
      run: () => {},
    },
    // The point the protocol's promise starts: kept apart from the wait (and untagged, so no
    // mutant removes it) so that a dropped or moved wait is still judged against the return.
    {
      name: call,
      source: `model: the caller of ${call}() continues`,
      text: `${call}() returns`,
      run: (s) => {
        s[L.g.kick] = Kick.returned;
      },
    },
  ];
}

/** The per-CPU condition, evaluated by the sender on this CPU's block (an event of the target). */
export function syncCondEvent(
  L: EqsLayout,
  cond: Exclude<SyncCond, 'all'>,
  work: number,
  onKernelCr3Loaded: (s: Uint8Array, cpu: number) => boolean,
  order: SenderOrdering = SC_WITH_MB,
): Step {
  // ct_set_cpu_work() is an atomic_try_cmpxchg(): fully ordered, so the sender's buffered
  // stores commit before it; the other conditions are plain loads.
  const condDrains = cond === 'ct-work' && drainsStoreBuffer(order.mm, 'cmpxchg');
  const [name, source] = match(cond)
    .with('dynticks', () => ['rcu_dynticks_in_eqs', 'patch: Norov v2 5/5, rcu_get_eqs_cpus() -> rcu_dynticks_in_eqs(atomic_read(&rdtp->dynticks)) in the kernel/rcu/tree.c of 2018'] as const)
    .with('ct-work', () => ['ct_set_cpu_work', 'patch: Schneider v7 24/31, ct_set_cpu_work() (atomic_try_cmpxchg() of the work bit while CT_RCU_WATCHING is clear, kernel/context_tracking.c)'] as const)
    .with('kernel-cr3', () => ['kernel_cr3_loaded', 'patch: COALESCE_TLBI RFC v7 30/31, flush_tlb_kernel_cond(): housekeeping_cpu(cpu) || per_cpu(kernel_cr3_loaded, cpu) (arch/x86/mm/tlb.c)'] as const)
    .exhaustive();
  return {
    name,
    source,
    text: (s, cpu) => {
      const inKernel = cond === 'kernel-cr3' ? onKernelCr3Loaded(s, cpu) : ctVisible(L, s, cpu) === 1;
      const buffered = match(cond)
        .with('kernel-cr3', () => (cf(L, s, cpu, 'cr3Buf') === 1 ? ' (its kernel_cr3_loaded = 1 is still in its store buffer)' : ''))
        .with('ct-work', 'dynticks', () => (cf(L, s, cpu, 'ctBuf') === 1 ? ' (its EQS-exit increment is still in its store buffer)' : ''))
        .exhaustive();
      const what = match(cond)
        .with('ct-work', () => (inKernel ? 'watching: cmpxchg fails -> IPI' : 'not watching: work bit set, deferred'))
        .with('kernel-cr3', () => (inKernel ? 'kernel_cr3_loaded (or not a user CPU) -> IPI' : 'kernel_cr3_loaded == 0 -> skipped'))
        .with('dynticks', () => (inKernel ? 'in kernel -> IPI' : 'EQS -> skipped'))
        .exhaustive();
      return `sender reads this CPU: ${what}${buffered}`;
    },
    tags: ['critical'],
    enabled: (s, cpu) => s[L.g.kick] === Kick.reading && cf(L, s, cpu, 'snap') === Snap.unread,
    run: (s, cpu) => {
      if (condDrains) order.drainSender(s);
      const inKernel = cond === 'kernel-cr3' ? onKernelCr3Loaded(s, cpu) : ctVisible(L, s, cpu) === 1;
      setCf(L, s, cpu, 'snap', inKernel ? Snap.kernel : Snap.eqs);
      if (cond === 'ct-work' && !inKernel) setCf(L, s, cpu, 'work', cf(L, s, cpu, 'work') | work);
    },
  };
}

/** The IPI handler on a target in the kernel with IRQs on: entry + handler + return. */
export function syncIpiEvent(L: EqsLayout, handler: IpiWork, irqsOn: (s: Uint8Array, cpu: number) => boolean): Step {
  return {
    name: handler,
    source: 'kernel/smp.c: generic_smp_call_function_single_interrupt() -> ... -> csd_do_func() (the handler runs; the return from the interrupt is context synchronising)',
    text: `IPI: ${handler}()`,
    tags: ['sync'],
    enabled: (s, cpu) => cf(L, s, cpu, 'ipi') === 1 && irqsOn(s, cpu),
    run: (s, cpu) => {
      setCf(L, s, cpu, 'ipi', 0);
      contextSync(L, s, cpu);
      if (handler === 'do_kernel_range_flush') flushTlbAll(L, s, cpu);
    },
  };
}
