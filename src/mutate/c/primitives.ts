/**
 * The synchronisation primitives a broken kernel patch deletes, weakens or moves, by the name
 * a call is written with (from the syntax tree, never from the text): the kernel's barriers,
 * waits, cross-CPU calls, TLB and paging-structure flushes, IRQ/preemption/lock pairs and
 * cpumask updates, and the ordered accesses with their relaxed forms. A function of the
 * model or the prelude whose body is nothing but such calls (`caches_clean_inval_pou()`:
 * `smp_mb()`) counts as one too (./source-mutants.ts derives it).
 */

export type PrimitiveGroup = 'barrier' | 'wait' | 'ipi' | 'flush' | 'irq-preempt-lock' | 'cpumask' | 'ordered';

const GROUPS: Readonly<Record<Exclude<PrimitiveGroup, 'ordered'>, readonly string[]>> = {
  barrier: [
    'smp_mb',
    'mb',
    'smp_wmb',
    'wmb',
    'smp_rmb',
    'rmb',
    'smp_mb__before_atomic',
    'smp_mb__after_atomic',
    'smp_mb__after_spinlock',
    'smp_mb__after_unlock_lock',
    'smp_acquire__after_ctrl_dep',
    'isb',
    'isync',
    'sync_core',
  ],
  wait: ['csd_lock_wait', 'smp_cond_load_acquire', 'smp_cond_load_relaxed', 'synchronize_rcu', 'synchronize_rcu_expedited', 'rcu_barrier', 'tlb_remove_table_sync_one'],
  ipi: [
    'arch_send_call_function_ipi_mask',
    'arch_send_call_function_single_ipi',
    'send_call_function_ipi_mask',
    'send_call_function_single_ipi',
    'smp_call_function',
    'smp_call_function_many',
    'smp_call_function_many_cond',
    'smp_call_function_single',
    'on_each_cpu',
    'on_each_cpu_mask',
    'on_each_cpu_cond',
    'on_each_cpu_cond_mask',
    'kick_all_cpus_sync',
    'csd_lock',
    'csd_unlock',
  ],
  flush: [
    'flush_tlb_local',
    'flush_tlb_broadcast',
    'hypervisor_flush_tlb_mask',
    'load_cr3',
    'flush_tlb_func',
    'native_flush_tlb_multi',
    'tlb_flush_mmu',
    'tlb_flush_mmu_tlbonly',
    'tlb_flush',
    'tlb_remove_table_sync_rcu',
    'arch_tlbbatch_flush',
    'try_to_unmap_flush',
    'flush_tlb_batched_pending',
    'pmdp_collapse_flush',
    'ptep_clear_flush',
  ],
  'irq-preempt-lock': [
    'local_irq_disable',
    'local_irq_enable',
    'local_irq_save',
    'local_irq_restore',
    'preempt_disable',
    'preempt_enable',
    'preempt_enable_no_resched',
    'migrate_disable',
    'migrate_enable',
    'get_cpu',
    'put_cpu',
    'rcu_read_lock',
    'rcu_read_unlock',
    'spin_lock',
    'spin_unlock',
    'spin_lock_irq',
    'spin_unlock_irq',
    'spin_lock_irqsave',
    'spin_unlock_irqrestore',
    'raw_spin_lock',
    'raw_spin_unlock',
    'raw_spin_lock_irq',
    'raw_spin_unlock_irq',
    'raw_spin_lock_irqsave',
    'raw_spin_unlock_irqrestore',
    'down_read',
    'up_read',
    'down_write',
    'up_write',
    'mmap_read_lock',
    'mmap_read_unlock',
    'mmap_write_lock',
    'mmap_write_unlock',
  ],
  cpumask: [
    'cpumask_set_cpu',
    'cpumask_clear_cpu',
    'cpumask_clear',
    'cpumask_setall',
    'cpumask_copy',
    'cpumask_and',
    'cpumask_andnot',
    'cpumask_or',
    'cpumask_test_and_set_cpu',
    'cpumask_test_and_clear_cpu',
  ],
};

/** Names that start a whole family of TLB and paging-structure flushes (`flush_tlb_mm_range`, `__flush_tlb_all`). */
const FLUSH_PREFIXES: readonly string[] = ['flush_tlb_', '__flush_tlb', '__tlbi', 'flush_tlb_one_', 'tlb_flush_'];

const BY_NAME: ReadonlyMap<string, PrimitiveGroup> = new Map(
  (Object.entries(GROUPS) as [Exclude<PrimitiveGroup, 'ordered'>, readonly string[]][]).flatMap(([g, names]) => names.map((n) => [n, g] as const)),
);

/** The group of a primitive whose call a patch may delete, or null. */
export function syncGroup(callee: string): PrimitiveGroup | null {
  return BY_NAME.get(callee) ?? (FLUSH_PREFIXES.some((p) => callee.startsWith(p)) ? 'flush' : null);
}

/**
 * Pairs whose two halves open and close one section: both dropped together is a patch that
 * leaves the section unprotected (one alone is a mutant of its own).
 */
export const PAIRS: ReadonlyMap<string, string> = new Map([
  ['local_irq_disable', 'local_irq_enable'],
  ['local_irq_save', 'local_irq_restore'],
  ['preempt_disable', 'preempt_enable'],
  ['migrate_disable', 'migrate_enable'],
  ['get_cpu', 'put_cpu'],
  ['rcu_read_lock', 'rcu_read_unlock'],
  ['spin_lock', 'spin_unlock'],
  ['spin_lock_irq', 'spin_unlock_irq'],
  ['spin_lock_irqsave', 'spin_unlock_irqrestore'],
  ['raw_spin_lock', 'raw_spin_unlock'],
  ['raw_spin_lock_irq', 'raw_spin_unlock_irq'],
  ['raw_spin_lock_irqsave', 'raw_spin_unlock_irqrestore'],
  ['down_read', 'up_read'],
  ['down_write', 'up_write'],
  ['mmap_read_lock', 'mmap_read_unlock'],
  ['mmap_write_lock', 'mmap_write_unlock'],
]);

/**
 * How an ordered primitive is weakened: its relaxed form, and whether the first argument
 * changes from a pointer to the place it points to (`smp_store_release(&x, v)` ->
 * `WRITE_ONCE(x, v)`). Null when the call has no weaker form.
 */
export interface Weakening {
  readonly to: string;
  readonly deref: boolean;
}

const FIXED: ReadonlyMap<string, Weakening> = new Map([
  ['smp_store_release', { to: 'WRITE_ONCE', deref: true }],
  ['smp_load_acquire', { to: 'READ_ONCE', deref: true }],
  ['smp_store_mb', { to: 'WRITE_ONCE', deref: false }],
  ['smp_cond_load_acquire', { to: 'smp_cond_load_relaxed', deref: false }],
  ['clear_bit_unlock', { to: 'clear_bit', deref: false }],
]);

/** Value-returning atomics (atomic_t.txt): fully ordered unless suffixed. */
const ORDERED_RMW = /^(?:(?:atomic64|atomic_long|atomic)_(?:(?:add|sub|and|or|xor|andnot|inc|dec)_return|fetch_(?:add|sub|and|or|xor|andnot|inc|dec)|xchg|cmpxchg|try_cmpxchg)|xchg|cmpxchg|try_cmpxchg)(_acquire|_release)?$/;

export function weakening(callee: string): Weakening | null {
  const fixed = FIXED.get(callee);
  if (fixed !== undefined) return fixed;
  const m = /^(atomic64|atomic_long|atomic)_(read_acquire|set_release)$/.exec(callee);
  if (m !== null) return { to: `${m[1]}_${m[2]!.split('_')[0]}`, deref: false };
  const r = ORDERED_RMW.exec(callee);
  if (r === null) return null;
  const base = r[1] === undefined ? callee : callee.slice(0, -r[1].length);
  return { to: `${base}_relaxed`, deref: false };
}
