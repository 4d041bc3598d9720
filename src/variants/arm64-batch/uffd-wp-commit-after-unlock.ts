/**
 * As uffd-wp, but ptep_modify_prot_commit() takes effect only after pte_unmap_unlock(): the
 * commit is queued (the interface "is intended to be batchable, meaning that
 * ptep_modify_prot_commit may not actually update the pte, but merely queue the update to be
 * done at some later time. The update must be actually committed before the pte lock is
 * released, however", include/linux/pgtable.h), as a lazy-MMU batch does (Xen PV queues the
 * commit in a multicall, e57778a1e304) when it is issued at arch_leave_lazy_mmu_mode() placed
 * after the PTL release. Zachary Amsden's lazy MMU hooks (6606c3e0da53) state why the leave must
 * happen under the page table lock: otherwise "you end up with stale state in the batched
 * hypercall, which other CPUs can race ahead of", and doing it under the locks "means that
 * spurious faults which are generated during this window by remote CPUs are properly handled,
 * as the page fault handler must re-check the PTE under protection of the same lock". A read
 * fault in that window finds P's PTE none and maps the zero page; the late commit then
 * overwrites it.
 */
import { violated, defineVariant } from '../../scenarios/scenario.js';
import type { Arm64BatchParams } from '../../scenarios/arm64-batch/params.js';

export default defineVariant<Arm64BatchParams>({
  name: 'uffd-wp-commit-after-unlock',
  summary: 'as uffd-wp, ptep_modify_prot_commit() lands after pte_unmap_unlock() (a queued commit issued past the PTL release)',
  patch: 'patch: ptep_modify_prot_commit() landing after pte_unmap_unlock() (a lazy-MMU commit issued past the PTL release), which include/linux/pgtable.h forbids',
  apply: (p) => ({ ...p, batched: true, racingMprotect: true, pendingFlush: 'flush-mm', protCaller: 'uffd-wp', commitAfterUnlock: true }),
  expect: { otherwise: violated('no-read-of-lost-data') },
  expectSource: '6606c3e0da53 "paravirt: lazy mmu mode hooks" (the fault handler must recheck the PTE under the same lock); include/linux/pgtable.h: "The update must be actually committed before the pte lock is released"; docs/verdicts.md',
});
