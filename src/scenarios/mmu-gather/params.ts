/**
 * The hooks of the mmu-gather scenario: what a variant (a patch) may change. The callers are
 * Linux 7.1.5's (../../mechanisms/table-free-callers.ts). Base values (the `baseline` variant):
 * the hook tlb_table_flush_implies_ipi_broadcast() absent, i.e. false everywhere (so
 * tlb_remove_table_sync_one() always IPIs), and tlb_flush() waking lazy CPUs for freed and
 * unshared tables (v8 2/2's arch/x86/include/asm/tlb.h hunk, which the skip depends on; 7.1.5
 * itself, without it, is the `mainline` variant).
 */
import type { ArchConfig } from '../../arch/arch.js';
import type { Block, CallerName } from '../../mechanisms/table-free-callers.js';

export interface MmuGatherParams {
  /** tlb_table_flush_implies_ipi_broadcast() on a configuration (include/asm-generic/tlb.h). */
  readonly flushImpliesIpiBroadcast: (arch: ArchConfig) => boolean;
  /** tlb_flush() wakes lazy-TLB CPUs for unshared tables, not only freed ones. */
  readonly wakeLazyForUnshared: boolean;
  /** Edit of each caller's blocks (unlink, flush, sync, rcu, retire, install). */
  readonly edit: (caller: CallerName, blocks: readonly Block[]) => readonly Block[];
}

export const mmuGatherBase: MmuGatherParams = {
  flushImpliesIpiBroadcast: () => false,
  wakeLazyForUnshared: true,
  edit: (_caller, blocks) => blocks,
};

/** Lance Yang v8 2/2: true only if pv_ops flush is native_flush_tlb_multi and no INVLPGB. */
export const hookAsPosted = (arch: ArchConfig): boolean => arch.nativeFlushTlbMulti && !arch.invlpgb;
