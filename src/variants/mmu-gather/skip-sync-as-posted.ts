/**
 * The series as posted: the hook is true only for native_flush_tlb_multi without INVLPGB,
 * and tlb_flush() wakes lazy CPUs for freed and unshared tables.
 * Kernel: Lance Yang v8 2/2 "x86/tlb: skip redundant sync IPIs for native TLB flush"
 * (native_pv_tlb_init() sets a static key), v10 <https://lkml.iu.edu/2604.3/00088.html>.
 */
import { holds, defineVariant } from '../../scenarios/scenario.js';
import { hookAsPosted, type MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'skip-sync-as-posted',
  summary: 'hook true only for native flush without INVLPGB; lazy CPUs woken for freed and unshared tables',
  patch: 'patch: Lance Yang v8 1/2 + 2/2 (the hook is a static key set in native_pv_tlb_init(); tlb_flush() passes freed_tables || unshared_tables)',
  apply: (p) => ({ ...p, flushImpliesIpiBroadcast: hookAsPosted, wakeLazyForUnshared: true }),
  expect: { otherwise: holds },
  expectSource: 'docs/verdicts.md; v8 2/2: "if using native TLB flush and INVLPGB is not supported, we know IPIs were sent"; elsewhere the sync stays',
});
