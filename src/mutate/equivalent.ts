/**
 * Surviving mutants studied by hand and found equivalent where no derivation shows it (the
 * edited steps never run, or the mutant's reachable graph is the unmutated model's:
 * ./run-mutants.ts), each named exactly (scenario, variants, arch-independent mutant id, and
 * `only` where the reason depends on the configuration) with its reason in kernel terms.
 * Reasons shared by several mutants are named once in `R`. A survivor listed neither here nor
 * in ./model-gaps.ts counts against the score, and is a regression for a reviewed variant
 * (./reviewed.ts), a finding for a new one. An entry that no longer justifies a surviving
 * mutant of each variant (and each `only` configuration) it lists, or that a derivation now
 * covers, is stale and fails test/mutation-catalogue.test.ts.
 */
import type { CatalogueEntry } from './catalogue-entry.js';

const R = {
  x86NativeFlushIpiMakesSyncRedundant:
    "on x86-native the flush before it is an IPI that is waited for and cannot be handled while GUP-fast has IRQs off (README, model findings: no-sync holds there), so the sync's IPI and wait add no ordering",
  x86NativeFlushIpiMakesRcuWaitRedundant:
    "on x86-native the fallback's flush is an IPI to every CPU of the mm (lazy ones too: freed_tables) that is waited for and that GUP-fast, with IRQs off, cannot take until its walk is over; free_pgtables() frees only tables of detached VMAs, which no page fault can reach: once the flush returned nobody holds T, so the grace period before the free adds no ordering",
  rcuFreeWaitsForGracePeriod:
    "the free waits for the grace period, which waits for every GUP-fast section (IRQs off is an RCU read side) and every page fault between pte_offset_map()'s rcu_read_lock() and pte_unmap_unlock(); where the flush's wait sits relative to call_rcu() cannot matter",
  baselineFlushWaitPastSwapEntry:
    "the baseline's flush_tlb_range() still waits for its flush IPIs under the PTL and before free_unref_folios() when the wait moves past set_pte_at(swp_pte): the PTE is already clear, so no CPU can refill P meanwhile, and a stale entry may still be written through until P is freed",
  swapEntryAfterClear:
    "the TLBI is issued after ptep_get_and_clear() either way; set_pte_at(swp_pte) replaces a PTE that is already clear, and a none PTE and a swap entry look alike to the hardware walker (not present): only PTL holders tell them apart, and both steps run under the PTL",
  mprotectCommitUnderMmapWriteLock:
    "mprotect() holds mmap_write_lock() and has write-locked the VMA (do_mprotect_pkey(); mprotect_fixup(): vma_start_write()) until it returns, after the late commit: no page fault on P (lock_vma_under_rcu() fails, lock_mm_and_find_vma() waits in mmap_read_lock()), GUP, madvise() or anon khugepaged collapse can run in the window, and the PTL holders that can (the rmap walkers: reclaim's try_to_unmap_one(), migration) find P's PTE none in page_vma_mapped_walk() and leave the folio mapped, so shrink_folio_list() keeps it (the model's reclaim does not re-check the PTE and frees P: a simplification only this mutant reaches). The same edit under UFFDIO_WRITEPROTECT, which holds mmap_read_lock() only, is caught (variant uffd-wp, no-read-of-lost-data) and is the broken variant uffd-wp-commit-after-unlock; for file-backed memory truncation's zap and khugepaged's retract_page_tables() take neither lock, but P here is anonymous",
  batchFlushInsidePtl:
    "flushing the batch just before releasing the PTL instead of just after only shortens the time in which mprotect() can find it pending",
  mprotectFlushUnderPtl:
    "flushing the range change_pte_range() changed just before pte_unmap_unlock() instead of just after (zap_pte_range() flushes under the PTL too): the flush and its wait still come before mprotect() / UFFDIO_WRITEPROTECT returns, and holding the PTL longer only keeps reclaim and page faults waiting",
  csdLockOrder:
    "the csds for CPU1 and CPU2 are locked and queued one after the other before the IPI is sent: their order is irrelevant",
  waitWithPreemptionOff:
    "waiting for the first target with preemption still disabled is what mainline did before the series: the edit only removes preemption points",
  textPokeWatchingLonger:
    "without (or with a later) return of the ct word to EQS the CPU is seen watching for longer: ct_set_cpu_work()'s cmpxchg fails and the sender IPIs it, which only adds synchronisation",
  observationStepNotSync:
    "the dropped step is where the property is observed (the CPU running the patched site or touching vmalloc area V), not a synchronisation: without it nothing can be used stale",
  flushBeforeKernelCr3:
    "flushing just before the switch to the kernel CR3 instead of just after: on the user CR3 (PTI) no vmalloc translation can be filled in between, and kernel_cr3_loaded is then set with the switch, so no fill on the kernel page tables happens while the CPU still reads as skippable",
  flushReturnMarker:
    "only the marker 'flush_tlb_kernel_range() returns' moves (past the wait, or past the reuse of V); no-stale-tlb-after-sync judges by V being reused, and csd_lock_wait() still comes before the reuse",
  eqsExitDroppedMeansMoreIpis:
    "without the increment back into EQS the counter keeps saying 'in the kernel': the sender then always IPIs this CPU and waits for it, which only adds synchronisation",
  baselinePatchBeforeCsdQueue:
    "with every CPU IPIed the csds are queued after the patch wherever smp_mb() sits (llist_add() is itself fully ordered), so every handler's context synchronisation follows the new instruction",
  asyncKickX86Native:
    "on x86-native the flush before the kick is an IPI that is waited for and that GUP-fast, with IRQs off, cannot take until its walk is over: once the flush returned no walker holds T (README, model findings: async-kick-as-sync holds on x86-native), so the asynchronous kick, its place, and where the flush's wait sits relative to it add no ordering",
} as const;

export const EQUIVALENT: readonly CatalogueEntry[] = [
  {
    scenario: 'arm64-batch',
    variants: ['baseline'],
    mutant: 'later:reclaim/shrink_folio_list/csd_lock_wait<>set_pte_at@3',
    only: ['x86-native'],
    reason: R.baselineFlushWaitPastSwapEntry,
  },
  {
    scenario: 'arm64-batch',
    variants: ['batched', 'batched-pending-flush-mm', 'batched-pending-remote-dsb', 'uffd-wp'],
    mutant: 'later:reclaim/shrink_folio_list/set_tlb_ubc_flush_pending<>set_pte_at@2',
    reason: R.swapEntryAfterClear,
  },
  {
    scenario: 'arm64-batch',
    variants: ['batched', 'batched-pending-flush-mm', 'batched-pending-remote-dsb', 'uffd-wp'],
    mutant: 'swap:reclaim/shrink_folio_list/page_vma_mapped_walk_done<>arch_tlbbatch_flush@4',
    reason: R.batchFlushInsidePtl,
  },
  {
    scenario: 'arm64-batch',
    variants: ['baseline', 'batched-pending-flush-mm', 'batched-pending-remote-dsb'],
    mutant: 'swap:mprotect/mprotect/pte_unmap_unlock<>tlb_flush_mmu_tlbonly@5',
    reason: R.mprotectFlushUnderPtl,
  },
  {
    scenario: 'arm64-batch',
    variants: ['uffd-wp'],
    mutant: 'swap:uffd-wp/UFFDIO_WRITEPROTECT/pte_unmap_unlock<>tlb_flush_mmu_tlbonly@5',
    reason: R.mprotectFlushUnderPtl,
  },
  {
    scenario: 'arm64-batch',
    variants: ['baseline', 'batched-pending-flush-mm', 'batched-pending-remote-dsb'],
    mutant: 'swap:mprotect/mprotect/ptep_modify_prot_commit<>pte_unmap_unlock@4',
    reason: R.mprotectCommitUnderMmapWriteLock,
  },
  {
    scenario: 'ct-defer',
    variants: ['text-poke-defer'],
    mutant: 'drop:EQS CPU/guest: VM-exit ... VM-entry/ct_kernel_exit_state@12',
    reason: R.textPokeWatchingLonger,
  },
  {
    scenario: 'ct-defer',
    variants: ['text-poke-defer'],
    mutant: 'drop:EQS CPU/idle: do_idle ... cpuidle_enter/ct_kernel_exit_state@12',
    reason: R.textPokeWatchingLonger,
  },
  {
    scenario: 'ct-defer',
    variants: ['text-poke-defer'],
    mutant: 'drop:EQS CPU/user: idtentry ... iretq/ct_kernel_exit_state@12',
    reason: R.textPokeWatchingLonger,
  },
  {
    scenario: 'ct-defer',
    variants: ['coalesce-tlbi-flag-before-flush', 'coalesce-tlbi-flag-before-flush-mb', 'coalesce-tlbi-ordered'],
    mutant: 'drop:EQS CPU/guest: VM-exit ... VM-entry/guest_state_exit_irqoff@6',
    reason: R.observationStepNotSync,
  },
  {
    scenario: 'ct-defer',
    variants: ['coalesce-tlbi-flag-before-flush', 'coalesce-tlbi-flag-before-flush-mb', 'coalesce-tlbi-ordered'],
    mutant: 'drop:EQS CPU/guest: VM-exit ... VM-entry/kernel@11',
    reason: R.observationStepNotSync,
  },
  {
    scenario: 'ct-defer',
    variants: ['coalesce-tlbi-flag-before-flush', 'coalesce-tlbi-flag-before-flush-mb', 'coalesce-tlbi-ordered'],
    mutant: 'drop:EQS CPU/idle: do_idle ... cpuidle_enter/arch_cpu_idle@6',
    reason: R.observationStepNotSync,
  },
  {
    scenario: 'ct-defer',
    variants: ['coalesce-tlbi-flag-before-flush', 'coalesce-tlbi-flag-before-flush-mb', 'coalesce-tlbi-ordered'],
    mutant: 'drop:EQS CPU/idle: do_idle ... cpuidle_enter/kernel@11',
    reason: R.observationStepNotSync,
  },
  {
    scenario: 'ct-defer',
    variants: ['coalesce-tlbi-flag-before-flush', 'coalesce-tlbi-flag-before-flush-mb', 'coalesce-tlbi-ordered'],
    mutant: 'drop:EQS CPU/user: idtentry ... iretq/enter_from_user_mode@6',
    reason: R.observationStepNotSync,
  },
  {
    scenario: 'ct-defer',
    variants: ['text-poke-defer'],
    mutant: 'drop:EQS CPU/user: idtentry ... iretq/kernel text@10',
    reason: R.observationStepNotSync,
  },
  {
    scenario: 'ct-defer',
    variants: ['coalesce-tlbi-flag-before-flush', 'coalesce-tlbi-flag-before-flush-mb', 'coalesce-tlbi-ordered'],
    mutant: 'drop:EQS CPU/user: idtentry ... iretq/kernel@11',
    reason: R.observationStepNotSync,
  },
  {
    scenario: 'ct-defer',
    variants: ['coalesce-tlbi-flag-before-flush', 'coalesce-tlbi-flag-before-flush-mb', 'coalesce-tlbi-ordered'],
    mutant: 'swap:EQS CPU/user: idtentry ... iretq/SWITCH_TO_KERNEL_CR3<>invpcid_flush_all@1',
    reason: R.flushBeforeKernelCr3,
  },
  {
    scenario: 'ct-defer',
    variants: ['coalesce-tlbi-flag-before-flush', 'coalesce-tlbi-flag-before-flush-mb', 'coalesce-tlbi-ordered'],
    mutant: 'later:vfree/vfree + flush_tlb_kernel_range/csd_lock_wait<>flush_tlb_kernel_range@4',
    reason: R.flushReturnMarker,
  },
  {
    scenario: 'ct-defer',
    variants: ['coalesce-tlbi-flag-before-flush', 'coalesce-tlbi-flag-before-flush-mb', 'coalesce-tlbi-ordered'],
    mutant: 'swap:vfree/vfree + flush_tlb_kernel_range/flush_tlb_kernel_range<>__vmalloc_node_range@5',
    reason: R.flushReturnMarker,
  },
  {
    scenario: 'eqs-kick',
    variants: ['skip-eqs-atomic-inc', 'skip-eqs-atomic-inc-mb', 'skip-eqs-isb-after-exit', 'skip-eqs-no-mb'],
    mutant: 'drop:EQS CPU/guest: VM-exit ... VM-entry/ct_kernel_exit_state@12',
    reason: R.eqsExitDroppedMeansMoreIpis,
  },
  {
    scenario: 'eqs-kick',
    variants: ['skip-eqs-atomic-inc', 'skip-eqs-atomic-inc-mb', 'skip-eqs-isb-after-exit', 'skip-eqs-no-mb'],
    mutant: 'drop:EQS CPU/idle: do_idle ... cpuidle_enter/ct_kernel_exit_state@12',
    reason: R.eqsExitDroppedMeansMoreIpis,
  },
  {
    scenario: 'eqs-kick',
    variants: ['skip-eqs-atomic-inc', 'skip-eqs-atomic-inc-mb', 'skip-eqs-isb-after-exit', 'skip-eqs-no-mb'],
    mutant: 'drop:EQS CPU/user: el0_svc ... eret/ct_kernel_exit_state@12',
    reason: R.eqsExitDroppedMeansMoreIpis,
  },
  {
    scenario: 'eqs-kick',
    variants: ['baseline'],
    mutant: 'swap:text patcher/patch + kick_all_cpus_sync/aarch64_insn_patch_text_nosync<>smp_mb@0',
    reason: R.baselinePatchBeforeCsdQueue,
  },
  {
    scenario: 'eqs-kick',
    variants: ['baseline'],
    mutant: 'swap:text patcher/patch + kick_all_cpus_sync/patch_instruction<>smp_mb@0',
    reason: R.baselinePatchBeforeCsdQueue,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'drop:freer/hugetlb: huge_pmd_unshare/kick_cpu_async@3',
    only: ['x86-native'],
    reason: R.asyncKickX86Native,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'drop:freer/khugepaged: collapse_huge_page/kick_cpu_async@3',
    only: ['x86-native'],
    reason: R.asyncKickX86Native,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'later:freer/hugetlb: huge_pmd_unshare/csd_lock_wait<>kick_cpu_async@2',
    only: ['x86-native'],
    reason: R.asyncKickX86Native,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'later:freer/hugetlb: huge_pmd_unshare/kick_cpu_async<>i_mmap_unlock_write@3',
    only: ['x86-native'],
    reason: R.asyncKickX86Native,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'later:freer/khugepaged: collapse_huge_page/csd_lock_wait<>kick_cpu_async@2',
    only: ['x86-native'],
    reason: R.asyncKickX86Native,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'later:freer/khugepaged: collapse_huge_page/kick_cpu_async<>__collapse_huge_page_isolate@3',
    only: ['x86-native'],
    reason: R.asyncKickX86Native,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'drop:freer/mmu_gather: tlb_remove_table_one/rcu_gp_end@4',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesRcuWaitRedundant,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'later:freer/mmu_gather: tlb_remove_table_one/rcu_gp_end<>__tlb_remove_table@4',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesRcuWaitRedundant,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'later:freer/mmu_gather: tlb_remove_table_one/csd_lock_wait<>call_rcu@2',
    only: ['x86-native'],
    reason: R.rcuFreeWaitsForGracePeriod,
  },
  {
    scenario: 'kick-async',
    variants: ['async-kick-as-sync'],
    mutant: 'later:freer/mmu_gather: tlb_remove_table_rcu/csd_lock_wait<>call_rcu@2',
    only: ['x86-native'],
    reason: R.asyncKickX86Native,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline'],
    mutant: 'drop:freer/hugetlb: huge_pmd_unshare/csd_lock_wait@5',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesSyncRedundant,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline'],
    mutant: 'drop:freer/hugetlb: huge_pmd_unshare/smp_call_function@4',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesSyncRedundant,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline'],
    mutant: 'drop:freer/khugepaged: collapse_huge_page/csd_lock_wait@5',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesSyncRedundant,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline'],
    mutant: 'drop:freer/khugepaged: collapse_huge_page/smp_call_function@4',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesSyncRedundant,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'no-sync', 'skip-sync', 'skip-sync-any-ipi-flush', 'skip-sync-as-posted'],
    mutant: 'drop:freer/mmu_gather: tlb_remove_table_one/rcu_gp_end@4',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesRcuWaitRedundant,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline'],
    mutant: 'later:freer/hugetlb: huge_pmd_unshare/csd_lock_wait<>i_mmap_unlock_write@5',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesSyncRedundant,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline'],
    mutant: 'later:freer/hugetlb: huge_pmd_unshare/smp_call_function<>csd_lock_wait@4',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesSyncRedundant,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline'],
    mutant: 'later:freer/khugepaged: collapse_huge_page/csd_lock_wait<>__collapse_huge_page_isolate@5',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesSyncRedundant,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline'],
    mutant: 'later:freer/khugepaged: collapse_huge_page/smp_call_function<>csd_lock_wait@4',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesSyncRedundant,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'no-sync', 'skip-sync', 'skip-sync-any-ipi-flush', 'skip-sync-as-posted'],
    mutant: 'later:freer/mmu_gather: tlb_remove_table_one/rcu_gp_end<>__tlb_remove_table@4',
    only: ['x86-native'],
    reason: R.x86NativeFlushIpiMakesRcuWaitRedundant,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'no-sync', 'skip-sync', 'skip-sync-any-ipi-flush', 'skip-sync-as-posted'],
    mutant: 'later:freer/mmu_gather: tlb_remove_table_rcu/csd_lock_wait<>call_rcu@2',
    reason: R.rcuFreeWaitsForGracePeriod,
  },
  {
    scenario: 'mmu-gather',
    variants: ['baseline', 'no-sync', 'skip-sync', 'skip-sync-any-ipi-flush', 'skip-sync-as-posted'],
    mutant: 'later:freer/mmu_gather: tlb_remove_table_one/csd_lock_wait<>call_rcu@2',
    reason: R.rcuFreeWaitsForGracePeriod,
  },
  {
    scenario: 'preempt-wait',
    variants: ['as-merged', 'baseline', 'kvm-preemptible-pv-mask'],
    mutant: 'later:CPU0/taskA/flush_tlb_mm_range/csd_lock<>csd_lock@7',
    reason: R.csdLockOrder,
  },
  {
    scenario: 'preempt-wait',
    variants: ['as-merged', 'kvm-preemptible-pv-mask'],
    mutant: 'swap:CPU0/taskA/flush_tlb_mm_range/preempt_enable<>csd_lock_wait@10',
    reason: R.waitWithPreemptionOff,
  },
  {
    scenario: 'preempt-wait',
    variants: ['as-merged', 'kvm-preemptible-pv-mask'],
    mutant: 'swap:CPU0/taskB/smp_call_function_many/preempt_enable<>csd_lock_wait@9',
    reason: R.waitWithPreemptionOff,
  },
];
