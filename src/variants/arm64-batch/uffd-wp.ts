/**
 * As batched-pending-flush-mm, but the racing change_protection() caller is
 * UFFDIO_WRITEPROTECT: mwriteprotect_range() holds mmap_read_lock() only, so page faults on P
 * run beside change_pte_range() and only its PTL holds them off. The question: does today's
 * change_pte_range() (ptep_modify_prot_start()/commit() under the PTL, flush_tlb_batched_pending()
 * = flush_tlb_mm()) keep a faulting reader from seeing P's PTE none?
 * Kernel: mm/userfaultfd.c mwriteprotect_range() -> uffd_wp_range() -> change_protection(MM_CP_UFFD_WP).
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import type { Arm64BatchParams } from '../../scenarios/arm64-batch/params.js';

export default defineVariant<Arm64BatchParams>({
  name: 'uffd-wp',
  summary: 'as batched-pending-flush-mm, the racing caller is UFFDIO_WRITEPROTECT (mmap_read_lock(): page faults run beside it)',
  patch: 'mm/userfaultfd.c: mwriteprotect_range() -> uffd_wp_range() -> change_protection() (mmap_read_lock() only: faults run beside it)',
  apply: (p) => ({ ...p, batched: true, racingMprotect: true, pendingFlush: 'flush-mm', protCaller: 'uffd-wp' }),
  expect: { otherwise: holds },
  expectSource: 'include/linux/pgtable.h above ptep_modify_prot_start(): the PTL is held over the transaction, so a fault rechecks the PTE under it (do_anonymous_page()); docs/verdicts.md',
});
