/**
 * Surviving mutants studied by hand and found equivalent, each with its reason. A mutant that
 * survives and is not listed here (and whose edited steps do run) counts against the score.
 */
export interface Equivalence {
  readonly scenario: string;
  /** Matched against `${variant}/${arch}/${mutant id}`. */
  readonly pattern: RegExp;
  readonly reason: string;
}

export const EQUIVALENT: readonly Equivalence[] = [
  {
    scenario: 'mmu-gather',
    pattern:
      /\/(drop:freer\/khugepaged: collapse_huge_page\/(flush_tlb_range@1|csd_lock_wait@2)|swap:freer\/khugepaged: collapse_huge_page\/(pmdp_collapse_flush<>flush_tlb_range@0|__collapse_huge_page_isolate<>set_pmd_at@(3|6))|later:freer\/khugepaged: collapse_huge_page\/flush_tlb_range<>csd_lock_wait@1)$/,
    reason:
      "model gap, named: khugepaged's flush protects the data pages' TLB entries, which are not modelled; for T itself a stale paging-structure pointer is harmless while T is deposited in the same mm (it is only reinstalled there), and a waited-for IPI (the flush's or the sync's) still keeps GUP-fast out, so the flush, its place and its wait, and the order of isolating the pages and installing the huge PMD, cannot be seen",
  },
  {
    scenario: 'mmu-gather',
    pattern:
      /^(baseline|no-sync)\/x86-native\/(drop|later):freer\/[^/]+\/(smp_call_function@4|csd_lock_wait@5|smp_call_function<>csd_lock_wait@4|csd_lock_wait<>(__tlb_remove_table|__collapse_huge_page_isolate|last sharer reuses T)@5)$/,
    reason:
      "on x86-native the flush before it is an IPI that is waited for and cannot be handled while GUP-fast has IRQs off (README, model findings: no-sync holds there), so the sync's IPI and wait add no ordering",
  },
  {
    scenario: 'mmu-gather',
    pattern: /^skip-sync[a-z-]*\/x86-native\/later:freer\/[^/]+\/csd_lock_wait<>tlb_remove_table_sync_one@2$/,
    reason: "with the hook true on x86-native tlb_remove_table_sync_one() returns at once: moving the flush's wait past it keeps the wait before the table is retired",
  },
  {
    scenario: 'mmu-gather',
    pattern: /^[a-z-]+\/x86-native\/(drop|later):freer\/mmu_gather: tlb_remove_table_rcu\/(rcu_gp_end@4|rcu_gp_end<>__tlb_remove_table@4)$/,
    reason:
      'on x86-native the waited-for flush IPI already keeps GUP-fast out before the table is queued for RCU; the grace period protects other RCU page-table walkers, which are not modelled',
  },
  {
    scenario: 'mmu-gather',
    pattern: /^[a-z-]+\/x86-(native|kvm-pv)\/later:freer\/mmu_gather: tlb_remove_table_rcu\/csd_lock_wait<>call_rcu@2$/,
    reason:
      "the free waits for the grace period, which waits for every GUP-fast section (IRQs off is an RCU read side); where the flush's wait sits relative to call_rcu() cannot matter",
  },
  {
    scenario: 'arm64-batch',
    pattern:
      /^baseline\/(arm64|x86-native)\/(swap|drop|later):mprotect\/mprotect\/(pte_offset_map_lock<>flush_tlb_batched_pending@0|flush_tlb_batched_pending@1|flush_tlb_batched_pending<>csd_lock_wait@1|csd_lock_wait@2|csd_lock_wait<>pte_unmap_unlock@2)$/,
    reason:
      'the baseline reclaim flushes synchronously (ptep_clear_flush()), so nothing is ever batched: flush_tlb_batched_pending() and the wait for its IPIs do nothing, wherever they are',
  },
  {
    scenario: 'arm64-batch',
    pattern: /^baseline\/x86-native\/(swap:reclaim\/shrink_folio_list\/page_vma_mapped_walk<>ptep_clear_flush@0|later:reclaim\/shrink_folio_list\/csd_lock_wait<>page_vma_mapped_walk_done@3)$/,
    reason:
      "the baseline's ptep_clear_flush() waits for its flush IPIs before free_unref_folios() wherever the PTL is taken or dropped, and the racing mprotect() has nothing batched to look for under the PTL",
  },
  {
    scenario: 'arm64-batch',
    pattern: /\/swap:reclaim\/shrink_folio_list\/ptep_get_and_clear<>set_tlb_ubc_flush_pending@1$/,
    reason: 'both happen under the PTL: mprotect() and the batch flush can only see them together',
  },
  {
    scenario: 'arm64-batch',
    pattern: /^batched\/(arm64|x86-native)\/(swap:reclaim\/shrink_folio_list\/page_vma_mapped_walk<>ptep_get_and_clear@0|later:reclaim\/shrink_folio_list\/set_tlb_ubc_flush_pending<>page_vma_mapped_walk_done@2)$/,
    reason: 'the `batched` variant has no racing mprotect(): nothing else takes the PTL, so which reclaim steps it covers cannot matter (the racing variants check that)',
  },
  {
    scenario: 'arm64-batch',
    pattern: /\/swap:reclaim\/shrink_folio_list\/page_vma_mapped_walk_done<>arch_tlbbatch_flush@3$/,
    reason: 'flushing the batch just before releasing the PTL instead of just after only shortens the time in which mprotect() can find it pending',
  },
  {
    scenario: 'arm64-batch',
    pattern: /^batched-pending-[a-z-]+\/x86-native\/later:mprotect\/mprotect\/csd_lock_wait<>pte_unmap_unlock@2$/,
    reason:
      "mprotect() still waits for its flush_tlb_mm() IPIs before it returns; dropping the PTL first only lets reclaim go on, and reclaim's own batch flush still precedes the free",
  },
  {
    scenario: 'arm64-batch',
    pattern: /\/swap:mprotect\/mprotect\/pte_unmap_unlock<>mprotect returns@3$/,
    reason: "flush_tlb_batched_pending() and its wait come before both: the unlock only lets reclaim continue, which mprotect()'s return does not depend on",
  },
  {
    scenario: 'preempt-wait',
    pattern: /\/later:CPU0\/taskA\/flush_tlb_mm_range\/csd_lock<>csd_lock@7$/,
    reason: "the csds for CPU1 and CPU2 are locked and queued one after the other before the IPI is sent: their order is irrelevant",
  },
  {
    scenario: 'preempt-wait',
    pattern: /\/later:CPU0\/taskA\/flush_tlb_mm_range\/csd_lock_wait<>csd_lock_wait@11$/,
    reason: "waiting for CPU1's csd and then CPU2's, or the other way round: the call returns only once both are unlocked",
  },
  {
    scenario: 'preempt-wait',
    pattern: /^(as-merged|kvm-preemptible-pv-mask)\/x86-(native|kvm-pv)\/swap:CPU0\/task[AB]\/[a-z_]+\/preempt_enable<>csd_lock_wait@(9|10)$/,
    reason: 'waiting for the first target with preemption still disabled is what mainline did before the series: the edit only removes preemption points',
  },
  {
    scenario: 'ct-defer',
    pattern: /^coalesce-tlbi-[a-z-]+\/x86-native(\/tso)?\/(drop|later):EQS CPU\/[^/]+\/([A-Za-z_ ]+<>)?ct_kernel_(enter|exit)_state(<>[A-Za-z_0-9 ]+)?@\d+$/,
    reason:
      "COALESCE_TLBI's condition reads per_cpu(kernel_cr3_loaded), never the context-tracking word, and these variants queue no ct work: updates of the ct word, and where they happen, cannot matter",
  },
  {
    scenario: 'ct-defer',
    pattern: /^text-poke-defer\/x86-native(\/tso)?\/(drop|later):EQS CPU\/[^/]+\/ct_kernel_exit_state(<>SWITCH_TO_USER_CR3)?@12$/,
    reason:
      "without (or with a later) return of the ct word to EQS the CPU is seen watching for longer: ct_set_cpu_work()'s cmpxchg fails and the sender IPIs it, which only adds synchronisation",
  },
  {
    scenario: 'ct-defer',
    pattern: /\/drop:EQS CPU\/[^/]+\/(kernel text@10|kernel@11|enter_from_user_mode@6|arch_cpu_idle_exit@6|guest_state_exit_irqoff@6)$/,
    reason:
      'the dropped step is where the property is observed (the CPU running the patched site or touching vmalloc area V), not a synchronisation: without it nothing can be used stale',
  },
  {
    scenario: 'ct-defer',
    pattern: /^coalesce-tlbi-[a-z-]+\/x86-native(\/tso)?\/swap:EQS CPU\/user: idtentry \.\.\. iretq\/SWITCH_TO_KERNEL_CR3<>invpcid_flush_all@1$/,
    reason:
      'flushing just before the switch to the kernel CR3 instead of just after: on the user CR3 (PTI) no vmalloc translation can be filled in between, and kernel_cr3_loaded is then set with the switch, so no fill on the kernel page tables happens while the CPU still reads as skippable',
  },
  {
    scenario: 'ct-defer',
    pattern: /^coalesce-tlbi-[a-z-]+\/x86-native(\/tso)?\/(later:vfree\/[^/]+\/csd_lock_wait<>flush_tlb_kernel_range@4|swap:vfree\/[^/]+\/flush_tlb_kernel_range<>__vmalloc_node_range@5)$/,
    reason:
      "only the marker 'flush_tlb_kernel_range() returns' moves (past the wait, or past the reuse of V); no-stale-tlb-after-sync judges by V being reused, and csd_lock_wait() still comes before the reuse",
  },
  {
    scenario: 'ct-defer',
    pattern: /^coalesce-tlbi-(ordered|flag-before-flush-mb)\/x86-native\/(drop|later|swap):vfree\/[^/]+\/(smp_mb|vunmap_range_noflush<>smp_mb|smp_mb<>on_each_cpu_cond)@\d$/,
    reason:
      'under sequential consistency smp_mb() orders nothing; the same mutants are caught under x86-TSO (the x86-native/tso configuration of coalesce-tlbi-ordered)',
  },
  {
    scenario: 'eqs-kick',
    pattern: /\/drop:EQS CPU\/[^/]+\/kernel text@10$/,
    reason:
      'the dropped step is where P3 is observed (the kernel running the patched site), not a synchronisation: without it no CPU runs patched text in these variants, so nothing can be stale',
  },
  {
    scenario: 'eqs-kick',
    pattern: /^baseline\/(arm64|powerpc)(\/(tso|weak))?\/drop:EQS CPU\/[^/]+\/ct_kernel_(enter|exit)_state@(7|12)$/,
    reason:
      "mainline kick_all_cpus_sync() IPIs every CPU whatever its dynticks counter says: nobody reads the counter, so dropping an update of it changes nothing",
  },
  {
    scenario: 'eqs-kick',
    pattern: /\/drop:EQS CPU\/[^/]+\/ct_kernel_exit_state@12$/,
    reason:
      "without the increment back into EQS the counter keeps saying 'in the kernel': the sender then always IPIs this CPU and waits for it, which only adds synchronisation",
  },
  {
    scenario: 'eqs-kick',
    pattern: /^baseline\/(arm64|powerpc)(\/(tso|weak))?\/swap:text patcher\/patch \+ kick_all_cpus_sync\/(aarch64_insn_patch_text_nosync|patch_instruction)<>smp_mb@0$/,
    reason:
      "with every CPU IPIed the csds are queued after the patch wherever smp_mb() sits (llist_add() is itself fully ordered), so every handler's context synchronisation follows the new instruction",
  },
  {
    scenario: 'kick-async',
    pattern: /^async-kick-as-sync\/x86-native\/(drop|later|swap):freer\//,
    reason:
      "on x86-native the preceding flush IPI is waited for and cannot be handled while GUP-fast has IRQs off, so no walker holds T once the flush returned (README, model findings: async-kick-as-sync holds on x86-native); the kick, its place, the RCU grace period and the order of the later steps add no ordering there (data pages and the new PMD's contents are not modelled)",
  },
];
