/**
 * Skip the sync IPI whenever the preceding TLB flush "already IPIed": the hook returns true
 * on the configuration under check, whatever its flush transport.
 * Kernel: Lance Yang, "mm/mmu_gather: prepare to skip redundant sync IPIs" (v8 1/2,
 * <20260324085238.44477-2-lance.yang@linux.dev>) with tlb_table_flush_implies_ipi_broadcast() = true.
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import type { MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'skip-sync',
  summary: 'tlb_table_flush_implies_ipi_broadcast() returns true on this configuration',
  patch: 'patch: Lance Yang v8 1/2 <20260324085238.44477-2-lance.yang@linux.dev> with tlb_table_flush_implies_ipi_broadcast() forced true',
  apply: (p) => ({ ...p, flushImpliesIpiBroadcast: () => true }),
  expect: { 'x86-native': holds, otherwise: violated('no-walker-reads-freed-table') },
  expectSource: 'docs/verdicts.md; Sean Christopherson on v4 3/3 (KVM PV skips preempted vCPUs); hypercall flushes and broadcast invalidation do not wait for IRQs-off walkers',
});
