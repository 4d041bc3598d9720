/**
 * A page-table walker that relies on RCU, not on IRQs off: a page fault of a thread of the mm.
 * handle_pte_fault() maps the PTE table with pte_offset_map_rw_nolock(), i.e.
 * __pte_offset_map(): rcu_read_lock(); pmdval = pmdp_get_lockless(pmd); then reads the PTE
 * (ptep_get_lockless()), takes the PTL, which lives in T's ptdesc (split PTE ptlocks), and
 * rechecks pte_same() before pte_unmap_unlock() -> rcu_read_unlock(). IRQs stay on throughout,
 * so flush and sync IPIs are handled at once; only the grace period waits for it. The comment
 * above __pte_offset_map_lock() (mm/pgtable-generic.c): "it does take rcu_read_lock(): so that
 * even when page table is racily removed, it remains a valid though empty and disconnected
 * table. Until pte_unmap(pte) unmaps and rcu_read_unlock()s afterwards." (since 6.5, Hugh
 * Dickins' pte_offset_map() series).
 *
 * Which callers it races with (what the model lets it reach):
 * - table-free-rcu, as CONFIG_PT_RECLAIM frees an empty PTE table (x86, arm64; not powerpc):
 *   zap_pte_range() -> zap_empty_pte_table() or zap_pte_table_if_empty() -> pmd_clear(), then
 *   pte_free_tlb() -> tlb_remove_table() -> call_rcu() (mm/memory.c), from madvise(MADV_DONTNEED)
 *   under mmap_read_lock() or the per-VMA read lock, which do not exclude a fault. The pmd is
 *   cleared under pmd_lock() and the PTL, so it can be cleared only before the fault reads it
 *   or while the fault is between reading pmdval and taking the PTL: that window is the fault's
 *   second step here.
 * - khugepaged: excluded. collapse_huge_page() takes mmap_write_lock() and vma_start_write()
 *   before pmdp_collapse_flush() ("Prevent all access to pagetables with the exception of
 *   gup_fast", mm/khugepaged.c; handle_pte_fault(): the pmd "can't morph into a huge pmd by
 *   anon khugepaged, since that takes mmap_lock in write mode", mm/memory.c).
 * - hugetlb unshare: excluded. huge_pmd_unshare() runs with the hugetlb VMA lock and
 *   i_mmap_rwsem held for write (mm/hugetlb.c); hugetlb_fault() takes the VMA lock for read and
 *   walks with huge_pte_offset(), never pte_offset_map().
 * - table-free-fallback (tlb_remove_table_one(), as free_pgtables() reaches it): excluded.
 *   free_pgtables() frees tables of VMAs already detached (vms_complete_munmap_vmas(),
 *   exit_mmap()); "outsiders like khugepaged should avoid pte_offset_map() and co once the vma
 *   is detached" (mm/pgtable-generic.c). (When zap_pte_range() reaches the fallback, it frees
 *   through call_rcu() as table-free-rcu does.)
 * So the fault maps T only while CPU0 runs table-free-rcu, and only with CONFIG_PT_RECLAIM.
 * Under the other callers a fault
 * could run before their write lock is taken, but it ends before the unlink (the lock waits
 * for it) and changes nothing anyone else sees; after the unlink the pmd no longer points to
 * T. Leaving those faults out (and the faults before CPU0 chose its caller, which commute with
 * that choice) loses no behaviour and keeps them out of the state space.
 *
 * Left out: the other rcu_read_lock() walkers (rmap's page_vma_mapped_walk() under the
 * anon_vma or i_mmap lock for read, GUP's follow_page_pte(), khugepaged's scan under
 * mmap_read_lock(), MGLRU's walk): towards T they do what the fault does (pmdval under RCU,
 * then the PTL), and since neither flush nor sync IPIs hold them up it does not matter that
 * rmap walkers also run on CPUs outside mm_cpumask, so one such walker stands for them; what
 * the fault does with the page (a new PTE) is not modelled; and under PREEMPT_RCU a reader
 * may be preempted, which still blocks the grace period, as here (the fault section runs to
 * its end on its CPU).
 *
 * Events, not a second walker program: with a program each walker CPU would first choose
 * GUP-fast or the fault (25688 states instead of 3517 for the x86-native baseline at 4 CPUs,
 * over 5M at 8), and every trace would gain a choice step. The mutator edits programs only,
 * so it does not drop this walker's rcu_read_lock(); the grace period it holds up is mutated
 * on the freeing side (rcu_gp_end dropped or moved after the free: caught).
 */
import type { ArchConfig } from '../arch/arch.js';
import type { Step } from '../core/model.js';
import { freerRuns } from './table-free-callers.js';
import { Hazard, Mode, Slot, tableRetired, type UserMmLayout } from './user-mm.js';

/**
 * The fault's two steps, as events of a CPU running a thread of the mm, between two GUP-fast
 * walks (a fault is taken in user mode; the same task cannot be inside GUP-fast).
 */
export function pageFaultWalk(L: UserMmLayout, arch: ArchConfig): Step[] {
  return [
    {
      name: 'pte_offset_map_rw_nolock',
      source: 'mm/memory.c: handle_pte_fault() -> pte_offset_map_rw_nolock() | mm/pgtable-generic.c: pte_offset_map_rw_nolock() -> __pte_offset_map() -> rcu_read_lock(), pmdp_get_lockless()',
      text: 'page fault: rcu_read_lock(); pmdval = READ(pmd) -> table T (IRQs on)',
      enabled: (s, cpu) => {
        const b = L.base(cpu);
        return (
          s[b + L.c.mode] === Mode.user &&
          s[b + L.c.pc] === 0 &&
          s[b + L.c.irqs] === 0 &&
          s[b + L.c.rcuWalk] === 0 &&
          s[L.g.slot] === Slot.table &&
          arch.ptReclaim &&
          freerRuns(L, arch, s, 'table-free-rcu')
        );
      },
      run: (s, cpu) => {
        s[L.base(cpu) + L.c.rcuWalk] = 1;
      },
    },
    {
      name: 'spin_lock(ptl)',
      source: "mm/memory.c: handle_pte_fault() -> ptep_get_lockless(), spin_lock(vmf->ptl), pte_same(), pte_unmap_unlock() (the PTL lives in T's ptdesc) | include/linux/mm.h: pte_unmap_unlock() -> pte_unmap() | include/linux/pgtable.h: pte_unmap() -> rcu_read_unlock()",
      text: 'READ(T[pte]); spin_lock(ptl of T); pte_same(); pte_unmap_unlock(): rcu_read_unlock()',
      enabled: (s, cpu) => s[L.base(cpu) + L.c.rcuWalk] === 1,
      run: (s, cpu) => {
        if (tableRetired(s[L.g.table]!)) s[L.g.hazard] = Hazard.rcuWalkerRead;
        s[L.base(cpu) + L.c.rcuWalk] = 0;
      },
    },
  ];
}
