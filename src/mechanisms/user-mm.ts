/**
 * The state of one user address space as the table-freeing mechanisms see it: the page-table
 * slot (a PMD, or a PUD for a shared hugetlb PMD table) that points to table page T, T's life
 * cycle, and per CPU what that CPU holds of it: its mode towards the mm, IRQ state, the
 * pointer a lockless walker read (GUP-fast with IRQs off, or a page fault's pmdval under
 * rcu_read_lock()), its paging-structure cache and TLB entries through T, pending IPIs, vCPU
 * preemption.
 *
 * `psc` stands for both caches a walk through T fills: the pointer to T (x86 PDE cache, arm64
 * walk cache) and the leaf TLB entries of the small pages T maps (used by khugepaged's data
 * pages, ./data-tlb.ts). The same walk fills both while T is linked, and every invalidation the
 * model has removes both: INVLPG and a full flush invalidate the paging-structure caches too
 * (x86 SDM 4.10.4.1); INVLPGB is final-translation-only only without freed_tables, which x86
 * flush_tlb_range() always passes since 3ef938c35035 ("x86/mm: Fix flush_tlb_range() when used
 * for zapping normal PMDs"); arm64 flush_tlb_range() is not last-level-only. A CPU holding
 * only one of them can do no more than one holding both, so one bit loses no behaviour.
 *
 * Values are byte codes with names (for traces); the constants below are the vocabulary the
 * mechanism files share. Kernel: mm/gup.c, mm/mmu_gather.c, arch/x86/mm/tlb.c.
 */
import { defineLayout, type Layout } from '../core/layout.js';
import { programFields, type ProgramFieldName } from '../core/model.js';

/** What the slot (pmd, or pud for hugetlb sharing) of the mm points to. */
export const Slot = { table: 0, none: 1, huge: 2 } as const;
/**
 * Life cycle of table page T: live in the mm; unlinked from it; deposited (khugepaged keeps it
 * for a later split, in the same mm); `otherMm`: a live page table of another process only
 * (hugetlb unshare: the other sharer's, which may modify it and later free it); freed (and so
 * reusable as any other memory).
 */
export const Table = { live: 0, unlinked: 1, deposited: 2, otherMm: 3, freed: 4 } as const;
/** A CPU's relation to the mm: running its task, lazy TLB (kernel thread, mm still loaded), other mm. */
export const Mode = { user: 0, lazy: 1, other: 2, kernel: 3 } as const;
/** What a lockless walker has read from the slot (its register). */
export const Ptr = { none: 0, table: 1, huge: 2 } as const;
/** Which hazard a step hit: set by the step that dereferenced T (or the data page), read by the properties. */
export const Hazard = { none: 0, walkerRead: 1, pscWalk: 2, rcuWalkerRead: 3, staleTlbWrite: 4, hugeBeforeCopy: 5 } as const;
/** The hazards of `no-walker-reads-freed-table` (P1, P1b). */
export const tableHazard = (h: number): boolean => h === Hazard.walkerRead || h === Hazard.pscWalk || h === Hazard.rcuWalkerRead;

export const userMmGlobals = [
  { name: 'slot', values: ['T', 'none', 'huge'], doc: 'pmd (or pud) entry of the mm: what it points to' },
  { name: 'table', values: ['live', 'unlinked', 'deposited', 'other-mm', 'freed'], doc: 'table page T' },
  { name: 'sharers', doc: 'mms sharing T (hugetlb PMD sharing)' },
  { name: 'gp', values: ['idle', 'waiting'], doc: 'RCU grace period in progress' },
  {
    name: 'hazard',
    values: ['none', 'walker-read-retired-T', 'psc-walk-retired-T', 'rcu-walker-read-retired-T', 'write-through-stale-tlb', 'access-to-uncopied-huge-page'],
    doc: 'set by a step that used a retired T, a freed small page, or a huge page not yet filled',
  },
] as const;

export const userMmCpuFields = [
  ...programFields,
  { name: 'mode', values: ['user', 'lazy', 'other', 'kernel'], doc: 'loaded_mm / is_lazy' },
  { name: 'irqs', values: ['on', 'off'], doc: 'local_irq_save() state' },
  { name: 'ptr', values: ['-', 'T', 'huge'], doc: 'what GUP-fast read from the pmd' },
  { name: 'rcuWalk', values: ['-', 'T'], doc: "page fault inside rcu_read_lock(): pte_offset_map() read pmdval -> T, T's PTL not yet taken" },
  {
    name: 'psc',
    values: ['-', 'T'],
    doc: 'paging-structure cache holds a pointer to T, and the TLB the translations of the small pages T maps (one walk fills both, every flush removes both)',
  },
  { name: 'stale', values: ['no', 'yes'], doc: 'tlb_gen behind: skipped by a flush while lazy' },
  { name: 'flushIpi', values: ['-', 'pending'], doc: 'flush_tlb_func IPI queued' },
  { name: 'syncIpi', values: ['-', 'pending'], doc: 'tlb_remove_table_smp_sync IPI queued' },
  { name: 'preempted', values: ['no', 'yes'], doc: 'vCPU preempted by the hypervisor' },
  { name: 'pvFlush', values: ['no', 'yes'], doc: 'KVM_VCPU_FLUSH_TLB set in steal_time' },
  { name: 'qs', values: ['no', 'yes'], doc: 'RCU quiescent state reported for the current grace period' },
] as const;

export type UserMmGlobal = (typeof userMmGlobals)[number]['name'];
export type UserMmCpu = Exclude<(typeof userMmCpuFields)[number]['name'], ProgramFieldName>;
export type UserMmLayout = Layout<UserMmGlobal, UserMmCpu | ProgramFieldName>;

export function userMmLayout(cpus: number): UserMmLayout {
  return defineLayout(userMmGlobals, userMmCpuFields, cpus);
}

/**
 * A software walker of this mm must no longer read T: its entries are deposited, another
 * process's, or the page is freed. (What a hardware walk through a stale cached pointer may
 * do is narrower: ./tlb-flush.ts `speculativeWalk`.)
 */
export function tableRetired(t: number): boolean {
  return t === Table.deposited || t === Table.otherMm || t === Table.freed;
}
