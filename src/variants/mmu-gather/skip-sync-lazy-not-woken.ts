/**
 * As posted, but the flush for unshared hugetlb tables still passes only freed_tables, so
 * lazy-TLB CPUs are skipped (the series before v8).
 * Kernel: arch/x86/include/asm/tlb.h tlb_flush() -> flush_tlb_mm_range(..., tlb->freed_tables).
 */
import { holds, violated, defineVariant } from '../../scenarios/scenario.js';
import { hookAsPosted, type MmuGatherParams } from '../../scenarios/mmu-gather/params.js';

export default defineVariant<MmuGatherParams>({
  name: 'skip-sync-lazy-not-woken',
  summary: 'as posted, but the unshare flush skips lazy-TLB CPUs (before v8)',
  patch: 'patch: Lance Yang v7 (the hook as posted; tlb_flush() still passes freed_tables only)',
  apply: (p) => ({ ...p, flushImpliesIpiBroadcast: hookAsPosted, wakeLazyForUnshared: false }),
  expect: {
    'x86-native': violated('no-walker-reads-freed-table'),
    'x86-kvm-pv': violated('no-walker-reads-freed-table'),
    'x86-hyperv': violated('no-walker-reads-freed-table'),
    otherwise: holds,
  },
  expectSource: 'docs/verdicts.md, docs/unshared-table.md; v10 2/2 <https://lkml.iu.edu/2604.3/00088.html>: "lazy-TLB CPUs must receive IPIs before page tables can be freed or reused"; Xen, INVLPGB, arm64 and powerpc reach lazy CPUs anyway',
});
