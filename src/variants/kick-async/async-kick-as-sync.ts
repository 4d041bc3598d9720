/**
 * The asynchronous kick used where tlb_remove_table_sync_one() needs a synchronous IPI: the
 * freer kicks every CPU and frees/reuses the table without waiting, so a GUP-fast walk with
 * IRQs off may still be reading it. Reuses the mmu-gather freer and GUP-fast mechanisms.
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { KickAsyncParams } from '../../scenarios/kick-async/params.js';

export default defineVariant<KickAsyncParams>({
  name: 'async-kick-as-sync',
  summary: 'tlb_remove_table_sync_one() done with kick_cpu_async(): IPI sent, not waited for',
  patch: 'patch: mm/mmu_gather.c tlb_remove_table_sync_one() with smp_call_function(..., 1) replaced by kick_cpu_async() on every other CPU',
  apply: (p) => ({ ...p, usedAsTableSync: true }),
  // Where the preceding TLB flush is itself an IPI that is waited for (x86 native), it already
  // blocks GUP-fast (2ba99c5e0881, mmu-gather no-sync), so losing the sync's wait is harmless.
  expect: { 'x86-native': holds, otherwise: violated('no-walker-reads-freed-table') },
  expectSource: 'docs/verdicts.md: an asynchronous kick gives the sender no completion edge; on x86-native the waited-for flush IPI before it already holds GUP-fast off (as mmu-gather no-sync); violated where the flush is a hypercall or a broadcast',
});
