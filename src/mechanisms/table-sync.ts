/**
 * Synchronising with lockless page-table walkers before a table is freed or reused.
 *
 * Kernel: mm/mmu_gather.c tlb_remove_table_sync_one() = smp_call_function(
 * tlb_remove_table_smp_sync, NULL, 1): an empty IPI to every other online CPU, waited for;
 * since GUP-fast runs with IRQs off, its return means no walk that began before it is still
 * running. The handler is empty: it changes nothing in the target's TLB or paging-structure
 * caches. With Lance Yang's v8 1/2 it first returns early if
 * tlb_table_flush_implies_ipi_broadcast(), and so does tlb_remove_table_sync_rcu(). The RCU
 * paths (call_rcu(), synchronize_rcu()) wait for a grace period instead; an IRQs-off region is
 * an RCU read-side critical section.
 */
import type { Step } from '../core/model.js';
import type { UserMmLayout } from './user-mm.js';

/**
 * The three steps of tlb_remove_table_sync_one(): the early return (only when the hook says
 * the flush implied the IPI), the IPI broadcast and the wait (only when it does not).
 */
export function tableSyncOne(L: UserMmLayout, flushImpliesIpiBroadcast: boolean, caller: string): Step[] {
  return [
    {
      name: 'tlb_remove_table_sync_one',
      source: `patch: Lance Yang v8 1/2 (tlb_remove_table_sync_one() returns early when tlb_table_flush_implies_ipi_broadcast(); called from ${caller}())`,
      text: `tlb_remove_table_sync_one(): returns early, no IPI`,
      onlyIf: () => flushImpliesIpiBroadcast,
      run: () => {},
    },
    {
      name: 'smp_call_function',
      source: 'mm/mmu_gather.c: tlb_remove_table_sync_one() -> smp_call_function(tlb_remove_table_smp_sync, NULL, 1)',
      text: `tlb_remove_table_sync_one(): IPI all CPUs`,
      tags: ['sync'],
      ipi: 'send',
      onlyIf: () => !flushImpliesIpiBroadcast,
      run: (s, self) => {
        for (let cpu = 0; cpu < L.cpus; cpu++) if (cpu !== self) s[L.base(cpu) + L.c.syncIpi] = 1;
      },
    },
    {
      name: 'csd_lock_wait',
      source: 'kernel/smp.c: smp_call_function_many_cond() -> csd_lock_wait()',
      text: 'csd_lock_wait(): sync IPIs done',
      tags: ['sync'],
      onlyIf: () => !flushImpliesIpiBroadcast,
      enabled: (s) => {
        for (let cpu = 0; cpu < L.cpus; cpu++) if (s[L.base(cpu) + L.c.syncIpi] === 1) return false;
        return true;
      },
      run: () => {},
    },
  ];
}

/** The empty sync IPI handler: runs only with IRQs on. */
export function syncIpiHandler(L: UserMmLayout): Step {
  return {
    name: 'tlb_remove_table_smp_sync',
    source: 'mm/mmu_gather.c: tlb_remove_table_smp_sync() (empty: "Simply deliver the interrupt")',
    text: 'IPI: tlb_remove_table_smp_sync',
    ipi: 'handle',
    enabled: (s, cpu) => s[L.base(cpu) + L.c.syncIpi] === 1 && s[L.base(cpu) + L.c.irqs] === 0,
    run: (s, cpu) => {
      s[L.base(cpu) + L.c.syncIpi] = 0;
    },
  };
}

/**
 * call_rcu() or synchronize_rcu(), then the grace period: every other CPU must report a
 * quiescent state before the free. `skippedByHook`: tlb_remove_table_sync_rcu() returns early
 * (Lance Yang v8 1/2 with the hook true), so there is no grace period at all.
 */
export function rcuGracePeriod(L: UserMmLayout, name: 'call_rcu' | 'synchronize_rcu', source: string, skippedByHook = false): Step[] {
  return [
    {
      name,
      source,
      text: name === 'call_rcu' ? 'call_rcu(): grace period starts' : 'synchronize_rcu(): grace period starts',
      tags: ['sync'],
      onlyIf: () => !skippedByHook,
      run: (s, self) => {
        s[L.g.gp] = 1;
        for (let cpu = 0; cpu < L.cpus; cpu++) s[L.base(cpu) + L.c.qs] = cpu === self ? 1 : 0;
      },
    },
    {
      name: 'rcu_gp_end',
      source: 'kernel/rcu/tree.c: rcu_gp_kthread() -> rcu_gp_cleanup() (the grace period ends) | kernel/rcu/tree.c: rcu_core() -> rcu_do_batch() (the callback runs, or synchronize_rcu() returns)',
      text: name === 'call_rcu' ? 'grace period ends: the RCU callback runs' : 'grace period ends: synchronize_rcu() returns',
      tags: ['sync'],
      onlyIf: () => !skippedByHook,
      enabled: (s) => {
        for (let cpu = 0; cpu < L.cpus; cpu++) if (s[L.base(cpu) + L.c.qs] === 0) return false;
        return true;
      },
      run: (s) => {
        s[L.g.gp] = 0;
      },
    },
  ];
}

/**
 * A CPU outside any RCU read-side critical section reports a quiescent state (rcu_qs / tick /
 * EQS): neither in an IRQs-off region (GUP-fast) nor between rcu_read_lock() and
 * rcu_read_unlock() (a page fault's pte_offset_map(), ./rcu-walker.ts).
 */
export function rcuQuiescentState(L: UserMmLayout): Step {
  return {
    name: 'rcu_qs',
    source: 'kernel/rcu/tree_plugin.h: rcu_qs() | kernel/rcu/tree.c: rcu_sched_clock_irq()',
    text: 'RCU: quiescent state reported',
    enabled: (s, cpu) => {
      const b = L.base(cpu);
      return s[L.g.gp] === 1 && s[b + L.c.qs] === 0 && s[b + L.c.irqs] === 0 && s[b + L.c.rcuWalk] === 0;
    },
    run: (s, cpu) => {
      s[L.base(cpu) + L.c.qs] = 1;
    },
  };
}
