/**
 * tlb_remove_table_sync_one() done with an asynchronous kick: the empty IPI is sent to every
 * other CPU (handled by the same empty handler, only with IRQs on) but nobody waits for it.
 * Kernel: mm/mmu_gather.c tlb_remove_table_sync_one() with smp_call_function(..., wait=1)
 * replaced by kick_cpu_async() per CPU (Frederic Weisbecker 2014, "[PATCH 01/10] smp:
 * Introduce void kick_cpu_async()"): an asynchronous empty IPI gives the sender no completion
 * edge (docs/kernel-facts.md).
 */
import type { Step } from '../core/model.js';
import type { UserMmLayout } from './user-mm.js';

export function tableSyncAsync(L: UserMmLayout, caller: string): Step[] {
  return [
    {
      name: 'kick_cpu_async',
      source: 'patch: mm/mmu_gather.c tlb_remove_table_sync_one() with smp_call_function(..., 1) replaced by Weisbecker 2014 kick_cpu_async() on each other online CPU (no wait)',
      text: `${caller}: kick_cpu_async() every other CPU, no wait`,
      tags: ['sync'],
      run: (s, self) => {
        for (let cpu = 0; cpu < L.cpus; cpu++) if (cpu !== self) s[L.base(cpu) + L.c.syncIpi] = 1;
      },
    },
  ];
}
