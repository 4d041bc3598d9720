/**
 * Properties of the EQS scenarios (eqs-kick, ct-defer): stale kernel text, stale vmalloc
 * translations and walks into freed kernel page tables after the sender's sync returned, and
 * the race windows (sometimes-properties) that show the interesting states are reached.
 */
import type { Property, State } from '../../core/model.js';
import { Hazard, Kick, PtTable, Text, Tlb, Vmap, cf, type EqsLayout } from '../../mechanisms/eqs-state.js';

const anyCpu = (L: EqsLayout, from: number, pred: (s: State, cpu: number) => boolean) => (s: State) => {
  for (let cpu = from; cpu < L.cpus; cpu++) if (pred(s, cpu)) return true;
  return false;
};
/** Out of EQS (exception taken / woken) but not yet watching. */
const onEntryPath = (L: EqsLayout, s: State, cpu: number): boolean => cf(L, s, cpu, 'prog') !== 0 && cf(L, s, cpu, 'pc') > 0 && cf(L, s, cpu, 'ct') === 0;

export function textProperties(L: EqsLayout, irqsOn: (s: State, cpu: number) => boolean): Property[] {
  return [
    {
      name: 'no-stale-text-after-sync',
      kind: 'always',
      doc: 'no CPU executes the patched site with an unsynchronised instruction stream after the sync (kick_all_cpus_sync / smp_text_poke_sync_each_cpu) returned',
      check: (s) => s[L.g.hazard] !== Hazard.staleText,
      explain: (s) =>
        s[L.g.textBuf] === 1
          ? "a CPU executed the old instruction after the sync returned: the new one was still in the patcher's store buffer (nothing ordered it before the return)"
          : 'a CPU executed the patched site without a context synchronisation after the patch, although the sync had returned',
    },
    {
      name: 'eqs-exit-while-text-stale',
      kind: 'sometimes',
      witnessFor: 'no-stale-text-after-sync',
      doc: 'a CPU is on its way out of EQS (entry path, not yet watching) with a stale instruction stream after the patch',
      check: anyCpu(L, 1, (s, c) => s[L.g.text] === Text.patched && cf(L, s, c, 'stale') === 1 && onEntryPath(L, s, c)),
    },
    {
      name: 'stale-cpu-in-kernel-during-sync',
      kind: 'sometimes',
      witnessFor: 'no-stale-text-after-sync',
      doc: 'a CPU runs in the kernel with IRQs on and a stale instruction stream while the sync is in flight',
      check: anyCpu(L, 1, (s, c) => cf(L, s, c, 'stale') === 1 && irqsOn(s, c) && s[L.g.kick] !== Kick.idle && s[L.g.kick] !== Kick.returned),
    },
  ];
}

/**
 * Under tso/weak: the race window of the store-buffering shape is reached, the new instruction
 * still sitting in the sender's store buffer while a CPU leaves EQS.
 */
export function storeBufferWindow(L: EqsLayout): Property {
  return {
    name: 'eqs-exit-while-patch-buffered',
    kind: 'sometimes',
    witnessFor: 'no-stale-text-after-sync',
    doc: "a CPU is on its way out of EQS while the text patch still waits in the sender's store buffer",
    check: anyCpu(L, 1, (s, c) => s[L.g.textBuf] === 1 && onEntryPath(L, s, c)),
  };
}

/**
 * Under tso: a CPU is on its way into the kernel while vfree()'s PTE clear still waits in the
 * sender's store buffer (its page walks can still load the old translation).
 */
export function pteStoreBufferWindow(L: EqsLayout): Property {
  return {
    name: 'entry-while-pte-clear-buffered',
    kind: 'sometimes',
    witnessFor: 'no-stale-tlb-after-sync',
    doc: "a CPU is on the entry path while the PTE clear of V still waits in the sender's store buffer",
    check: anyCpu(L, 1, (s, c) => s[L.g.vmapBuf] === 1 && onEntryPath(L, s, c)),
  };
}

export function tlbProperties(L: EqsLayout, freesTables: boolean): Property[] {
  const props: Property[] = [
    {
      name: 'no-stale-tlb-after-sync',
      kind: 'always',
      doc: 'no CPU uses its old translation of vmalloc area V once V was reused after flush_tlb_kernel_range() returned',
      check: (s) => s[L.g.hazard] !== Hazard.staleTlb,
      explain: () => 'a CPU touched V through a TLB entry for the old page after the flush returned and V was reused',
    },
    {
      name: 'skipped-cpu-holds-stale-tlb',
      kind: 'sometimes',
      witnessFor: 'no-stale-tlb-after-sync',
      doc: 'after the flush returned, a CPU it did not interrupt still holds the old translation of V',
      check: anyCpu(L, 1, (s, c) => s[L.g.kick] === Kick.returned && cf(L, s, c, 'tlb') === Tlb.a),
    },
    {
      name: 'entry-with-stale-tlb-after-reuse',
      kind: 'sometimes',
      witnessFor: 'no-stale-tlb-after-sync',
      doc: 'a CPU is on the entry path holding the old translation of V after V was reused',
      check: anyCpu(L, 1, (s, c) => s[L.g.vmap] === Vmap.b && cf(L, s, c, 'tlb') === Tlb.a && onEntryPath(L, s, c)),
    },
  ];
  if (freesTables) {
    props.push(
      {
        name: 'no-walker-reads-freed-table',
        kind: 'always',
        doc: 'no (speculative) page walk dereferences the PTE table of V after it was freed',
        check: (s) => s[L.g.hazard] !== Hazard.pscWalk,
        explain: () => 'a paging-structure-cache pointer was walked into the freed PTE table of V',
      },
      {
        name: 'psc-points-to-unlinked-table',
        kind: 'sometimes',
        witnessFor: 'no-walker-reads-freed-table',
        doc: "a CPU's paging-structure cache still points to V's PTE table after it was unlinked",
        check: anyCpu(L, 1, (s, c) => s[L.g.ptTable] !== PtTable.live && cf(L, s, c, 'psc') === 1),
      },
    );
  }
  return props;
}
