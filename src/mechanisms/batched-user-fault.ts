/**
 * A user thread of the mm reading P from a CPU that holds no TLB entry for it: the hardware
 * walk finds P's PTE not present and the read faults.
 *
 * Kernel: arch/arm64/mm/fault.c do_page_fault() (arch/x86/mm/fault.c do_user_addr_fault()):
 * lock_vma_under_rcu() takes the per-VMA read lock, which fails while the VMA is write-locked
 * (vma_start_write()), and the fallback lock_mm_and_find_vma() takes mmap_read_lock(); then
 * handle_mm_fault() -> handle_pte_fault() (mm/memory.c): a none PTE is "never faulted", and for
 * an anonymous VMA do_pte_missing() -> do_anonymous_page() maps the zero page for a read fault
 * (`pte_mkspecial(pfn_pte(my_zero_pfn(addr), vma->vm_page_prot))`), under the PTL:
 * pte_offset_map_lock(), `if (!pte_none(ptep_get(vmf->pte)))` back off, else set_pte_at(),
 * pte_unmap_unlock(). The read then returns zeros. A swap entry goes to do_swap_page()
 * instead, which reads P's data back (from the swap cache or the swap device).
 *
 * In this scenario P has been written before and a none PTE is only the transient value
 * between a PTL holder's clear and its set (change_pte_range()'s ptep_modify_prot_start() /
 * ptep_modify_prot_commit(), try_to_unmap_one()'s clear / set_pte_at(swp_pte)): a read fault
 * that finds it none under the PTL maps the zero page where P's data is. So the step records
 * the read of lost data (the violation) and writes no PTE: nothing after it is explored.
 *
 * Who holds faults off: mprotect() runs change_protection() with mmap_write_lock() held and the
 * VMA write-locked (do_mprotect_pkey(), mprotect_fixup(): vma_start_write()), so a fault on P
 * waits until mprotect() has returned; UFFDIO_WRITEPROTECT (mm/userfaultfd.c:
 * mwriteprotect_range()) holds mmap_read_lock() only, and reclaim holds no mmap_lock, so a
 * fault runs beside them and is held off only by the PTL. `heldOff` says when.
 *
 * Not modelled: do_swap_page() (it maps a folio this scenario does not track and returns P's
 * data), a read through a read-only or present PTE (a TLB fill that returns P's data; the
 * writer's refill stands for the present case), write faults (after mprotect(PROT_READ) a write
 * to the read-only VMA is an access error; the read alone shows the lost data).
 *
 * A TLB entry may also be evicted at any time (a TLB is a cache: the Arm ARM and the Intel SDM,
 * vol. 3 section 4.10, let an implementation drop an entry whenever it likes), so a user CPU
 * can be without an entry for P while a PTL holder has P's PTE none.
 * Eviction never adds a use of a stale entry: a later refill needs a present PTE.
 */
import type { State, Step } from '../core/model.js';
import { BatchHazard, Ptl, Pte, type BatchLayout } from './batched-unmap-state.js';

/** Hardware drops the TLB entry for P (an entry with an issued TLBI completes instead: `TLBI completes`). */
export function tlbEviction(L: BatchLayout): Step {
  return {
    name: 'TLB eviction',
    source: 'spec: Arm ARM and Intel SDM vol. 3A 4.10 (a TLB entry may be evicted at any time)',
    text: '(TLB entry for P evicted)',
    enabled: (s, cpu) => s[L.base(cpu) + L.c.tlb] === 1 && s[L.base(cpu) + L.c.pend] === 0,
    run: (s, cpu) => {
      s[L.base(cpu) + L.c.tlb] = 0;
    },
  };
}

/** A read of P that faults on a none PTE: do_anonymous_page() maps the zero page under the PTL. */
export function readFault(L: BatchLayout, heldOff: (s: State) => boolean): Step {
  return {
    name: 'do_anonymous_page',
    source:
      'mm/memory.c: handle_pte_fault() -> do_pte_missing() -> do_anonymous_page() (a read fault maps the zero page: pte_offset_map_lock(), pte_none() rechecked, set_pte_at(), pte_unmap_unlock())',
    text: 'LDR [P] faults: do_anonymous_page(): spin_lock(ptl), PTE still none -> zero page mapped, the read returns zeros',
    enabled: (s, cpu) => s[L.base(cpu) + L.c.tlb] === 0 && s[L.g.pte] === Pte.none && s[L.g.ptl] === Ptl.free && !heldOff(s),
    run: (s) => {
      s[L.g.hazard] = BatchHazard.readOfLostData;
    },
  };
}
