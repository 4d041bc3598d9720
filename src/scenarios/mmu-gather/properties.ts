/**
 * The properties of the table-free model (mmu-gather, and kick-async's async-kick-as-sync):
 * each `always` claim with the `sometimes` race windows that show it is not vacuous.
 *
 * - no-walker-reads-freed-table (docs/properties.md): GUP-fast (IRQs off) and a page fault's
 *   pte_offset_map() (rcu_read_lock()) never read T once it stopped being this mm's table
 *   (deposited, the other mm's, freed); a hardware walk through a stale cached pointer never
 *   reads T once it is freed, nor T as the other mm's table on a CPU running this mm's code
 *   (a lazy-TLB CPU may: ../../mechanisms/tlb-flush.ts `speculativeWalk`).
 * - no-stale-tlb-after-sync (P2): no CPU uses a translation after the point the protocol
 *   promises it is gone: khugepaged's flush_tlb_range() returned and __collapse_huge_page_copy()
 *   copied and freed the small page (a write through the surviving entry is lost).
 * - no-access-to-huge-page-before-copy: no CPU reaches the new huge page through the pmd
 *   before __collapse_huge_page_copy() filled it (set_pmd_at() comes after the copy and the
 *   smp_wmb() in __folio_mark_uptodate()).
 */
import type { Property, State } from '../../core/model.js';
import type { ArchConfig } from '../../arch/arch.js';
import { freerRuns } from '../../mechanisms/table-free-callers.js';
import { Hazard, Mode, Ptr, Slot, Table, tableHazard, type UserMmLayout } from '../../mechanisms/user-mm.js';

const TABLE_NAMES: Record<number, string> = {
  [Table.live]: 'live',
  [Table.unlinked]: 'unlinked',
  [Table.deposited]: 'deposited',
  [Table.otherMm]: "the other mm's",
  [Table.freed]: 'freed',
};
const tableName = (t: number): string => TABLE_NAMES[t] ?? String(t);

function explainTableHazard(L: UserMmLayout, s: State): string {
  const t = tableName(s[L.g.table]!);
  const h = s[L.g.hazard];
  if (h === Hazard.walkerRead) return `T is ${t}: GUP-fast read a table it must no longer read`;
  if (h === Hazard.rcuWalkerRead) return `T is ${t}: a page fault's pte_offset_map() under rcu_read_lock() locked the PTL of a retired table`;
  if (s[L.g.table] === Table.freed) return 'T is freed: a walk through a stale paging-structure-cache pointer read the freed page as page-table entries';
  return `T is ${t}: a CPU running this mm walked the other mm's table through a stale paging-structure-cache pointer`;
}

export function mmuGatherProperties(L: UserMmLayout, arch: ArchConfig): Property[] {
  const anyCpu = (pred: (s: State, b: number) => boolean) => (s: State) => {
    for (let cpu = 0; cpu < L.cpus; cpu++) if (pred(s, L.base(cpu))) return true;
    return false;
  };
  return [
    {
      name: 'no-walker-reads-freed-table',
      kind: 'always',
      doc: "no lockless walker (GUP-fast, or a page fault mapping T under rcu_read_lock()) reads T once it is no longer this mm's table, and no walk through a cached paging-structure pointer reads T once freed (nor, on a CPU running this mm, once it is another mm's)",
      check: (s) => !tableHazard(s[L.g.hazard]!),
      explain: (s) => explainTableHazard(L, s),
    },
    {
      name: 'walker-mid-walk-at-unlink',
      kind: 'sometimes',
      witnessFor: 'no-walker-reads-freed-table',
      doc: 'a GUP-fast walker is between reading the pmd (-> T) and reading T when T is unlinked',
      check: anyCpu((s, b) => s[b + L.c.ptr] === Ptr.table && s[L.g.table] === Table.unlinked),
    },
    {
      name: 'ipi-pending-mid-walk',
      kind: 'sometimes',
      witnessFor: 'no-walker-reads-freed-table',
      doc: 'a flush or sync IPI is pending on a CPU that is mid-walk with IRQs off',
      check: anyCpu((s, b) => s[b + L.c.ptr] === Ptr.table && (s[b + L.c.flushIpi] === 1 || s[b + L.c.syncIpi] === 1)),
    },
    {
      name: 'lazy-cpu-caches-unlinked-table',
      kind: 'sometimes',
      witnessFor: 'no-walker-reads-freed-table',
      doc: 'a lazy-TLB CPU still caches a pointer to T after T was unlinked',
      check: anyCpu((s, b) => s[b + L.c.mode] === Mode.lazy && s[b + L.c.psc] === 1 && s[L.g.table] !== Table.live),
    },
    // Only CONFIG_PT_RECLAIM frees a table a page fault can hold (../../mechanisms/rcu-walker.ts).
    ...(arch.ptReclaim
      ? [
          {
            name: 'rcu-walker-holds-unlinked-table',
            kind: 'sometimes' as const,
            witnessFor: 'no-walker-reads-freed-table',
            doc: 'a page fault holds pmdval -> T under rcu_read_lock(), IRQs on, when T is unlinked',
            check: anyCpu((s, b) => s[b + L.c.rcuWalk] === 1 && s[L.g.table] === Table.unlinked),
          },
        ]
      : []),
    {
      name: 'no-stale-tlb-after-sync',
      kind: 'always',
      doc: "no CPU writes a small page through a TLB entry that khugepaged's flush_tlb_range() should have removed, after __collapse_huge_page_copy() copied and freed the page",
      check: (s) => s[L.g.hazard] !== Hazard.staleTlbWrite,
      explain: () => 'a TLB entry for the small page survived the flush; the write went to a page already copied into the huge page and freed (lost write)',
    },
    {
      name: 'cpu-holds-small-page-tlb-at-pmd-clear',
      kind: 'sometimes',
      witnessFor: 'no-stale-tlb-after-sync',
      doc: "a CPU of the mm holds the small page's TLB entry when khugepaged has cleared the pmd",
      check: (s) => freerRuns(L, arch, s, 'khugepaged') && s[L.g.table] === Table.unlinked && anyCpu((x, b) => x[b + L.c.psc] === 1)(s),
    },
    {
      name: 'no-access-to-huge-page-before-copy',
      kind: 'always',
      doc: 'no CPU accesses the huge page through the pmd before __collapse_huge_page_copy() filled it',
      check: (s) => s[L.g.hazard] !== Hazard.hugeBeforeCopy,
      explain: () => 'the huge pmd was installed before __collapse_huge_page_copy(): a user access sees the huge page without the small pages\' contents',
    },
    {
      name: 'huge-pmd-installed-under-user',
      kind: 'sometimes',
      witnessFor: 'no-access-to-huge-page-before-copy',
      doc: 'set_pmd_at() has installed the huge pmd while a CPU of the mm runs in user mode',
      check: (s) => s[L.g.slot] === Slot.huge && anyCpu((x, b) => x[b + L.c.mode] === Mode.user)(s),
    },
  ];
}
