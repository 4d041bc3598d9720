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
  patch: 'mm/mmu_gather.c tlb_remove_table_sync_one() with smp_call_function(..., 1) replaced by kick_cpu_async()',
  apply: (p) => ({ ...p, usedAsTableSync: true }),
  // Where the preceding TLB flush is itself an IPI that is waited for (x86 native), it already
  // blocks GUP-fast (2ba99c5e0881, mmu-gather no-sync), so losing the sync's wait is harmless.
  expect: { 'x86-native': holds, otherwise: violated('no-walker-reads-freed-table') },
  expectSource:
    'DESIGN.md section 4 says violated on all; kernel-notes 2.3 [I]. The model finds holds on x86-native because the preceding flush_tlb_range()/tlb_flush() IPI is waited for and already excludes GUP-fast (as in mmu-gather no-sync / Lance Yang skip-sync); violated where the flush is a hypercall or broadcast',
});
