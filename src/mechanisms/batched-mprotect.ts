/**
 * mprotect(PROT_READ) on P racing with reclaim: the PTE read-modify-write under the PTL, and
 * the two flushes it relies on.
 *
 * Kernel: mm/mprotect.c change_pte_range(): pte_offset_map_lock(), then
 * flush_tlb_batched_pending(mm) (mm/rmap.c) for the TLB entries a batched reclaim left behind
 * on PTEs it already cleared, then per present PTE oldpte = ptep_modify_prot_start() (generic
 * include/linux/pgtable.h and arm64 arch/arm64/mm/mmu.c: ptep_get_and_clear()), ptent =
 * pte_modify(oldpte, newprot), ptep_modify_prot_commit() (set_pte_at()) and, if
 * pte_needs_flush() (RW -> RO does), tlb_flush_pte_range() into the mmu_gather; a none PTE is
 * left alone; pte_unmap_unlock(). The gathered range is flushed after the PTL is dropped:
 * tlb_end_vma() on arm64, tlb_finish_mmu() on x86 (MMU_GATHER_MERGE_VMAS), both through
 * tlb_flush_mmu_tlbonly() -> tlb_flush() (arm64: __flush_tlb_range(), TLBI + dsb(ish) by the
 * caller; x86: flush_tlb_mm_range(), IPIs waited for), before do_mprotect_pkey() returns.
 * The old PTE is held only in a local between start and commit, so whoever clears the PTE
 * without the PTL in that window has its clear overwritten by the commit.
 * Not modelled: munmap()/mremap() (same flush_tlb_batched_pending() rule), several PTEs.
 */
import type { ArchConfig } from '../arch/arch.js';
import type { Program, State } from '../core/model.js';
import { ipiWait, isArm, type PendingFlush } from './batched-reclaim.js';
import { ProtPte, Ptl, Pte, type BatchLayout } from './batched-unmap-state.js';
import { dsb, issueTlbi, sendFlushIpis } from './tlbi-completion.js';

export function mprotectProgram(L: BatchLayout, arch: ArchConfig, pending: PendingFlush): Program {
  const arm = isArm(arch);
  /** change_pte_range()'s hold on P's PTE: a register of the mprotect() CPU. */
  const prot = (s: State, cpu: number): number => s[L.base(cpu) + L.c.protPte] ?? 0;
  const setProt = (s: State, cpu: number, v: number): void => {
    s[L.base(cpu) + L.c.protPte] = v;
  };
  return {
    name: 'mprotect',
    source: 'mm/mprotect.c: do_mprotect_pkey() -> change_protection() -> change_pte_range()',
    loop: false,
    steps: [
      {
        name: 'pte_offset_map_lock',
        source: 'mm/mprotect.c: change_pte_range() -> pte_offset_map_lock()',
        text: 'change_pte_range(): spin_lock(ptl)',
        enabled: (s) => s[L.g.ptl] === Ptl.free,
        run: (s) => {
          s[L.g.ptl] = Ptl.mprotect;
        },
      },
      {
        name: 'flush_tlb_batched_pending',
        source: arm
          ? pending === 'dsb-local'
            ? 'mm/rmap.c: flush_tlb_batched_pending() -> arch_flush_tlb_batched_pending() (arm64 before 2025: dsb(ish))'
            : 'mm/rmap.c: flush_tlb_batched_pending() -> flush_tlb_mm() (Ryan Roberts 2025 fix)'
          : 'mm/rmap.c: flush_tlb_batched_pending() -> flush_tlb_mm() (x86: IPIs)',
        text: (s, cpu) =>
          s[L.g.batched] === 0
            ? 'flush_tlb_batched_pending(): nothing batched'
            : arm
              ? pending === 'dsb-local'
                ? `flush_tlb_batched_pending(): dsb(ish) on CPU${cpu}`
                : `flush_tlb_mm(): __tlbi(aside1is)+dsb(ish) by CPU${cpu}`
              : 'flush_tlb_batched_pending(): flush_tlb_mm() IPIs',
        tags: ['sync', 'flush'],
        run: (s, cpu) => {
          if (s[L.g.batched] === 0) return;
          if (!arm) sendFlushIpis(L, s, cpu);
          else if (pending === 'dsb-local') dsb(L, s, cpu);
          else {
            issueTlbi(L, s, cpu);
            dsb(L, s, cpu);
          }
          s[L.g.batched] = 0;
        },
      },
      ipiWait(L, arch, 'flush_tlb_mm'),
      {
        name: 'ptep_modify_prot_start',
        source: 'mm/mprotect.c: change_pte_range() -> ptep_modify_prot_start() (include/linux/pgtable.h, arch/arm64/mm/mmu.c: ptep_get_and_clear())',
        text: (s) => (s[L.g.pte] === Pte.present ? 'oldpte = ptep_modify_prot_start(): PTE cleared, old value held' : 'ptep_get(): PTE none, nothing to change'),
        tags: ['publish'],
        run: (s, cpu) => {
          if (s[L.g.pte] !== Pte.present) return;
          s[L.g.pte] = Pte.none;
          setProt(s, cpu, ProtPte.held);
        },
      },
      {
        name: 'ptep_modify_prot_commit',
        source: 'mm/mprotect.c: change_pte_range() -> ptep_modify_prot_commit() (set_pte_at()), tlb_flush_pte_range()',
        text: 'ptep_modify_prot_commit(): PTE = pte_modify(oldpte, PAGE_READONLY); range gathered',
        tags: ['publish'],
        // A none PTE was left alone (change_pte_range() goes on to the next one).
        onlyIf: (s, cpu) => prot(s, cpu) === ProtPte.held,
        run: (s, cpu) => {
          s[L.g.pte] = Pte.readOnly;
          setProt(s, cpu, ProtPte.gathered);
        },
      },
      {
        name: 'pte_unmap_unlock',
        source: 'mm/mprotect.c: change_pte_range() -> pte_unmap_unlock()',
        text: 'spin_unlock(ptl)',
        run: (s) => {
          s[L.g.ptl] = Ptl.free;
        },
      },
      {
        name: 'tlb_flush_mmu_tlbonly',
        source: arm
          ? 'include/asm-generic/tlb.h: tlb_end_vma() -> tlb_flush_mmu_tlbonly() -> tlb_flush() (arch/arm64/include/asm/tlb.h: __flush_tlb_range())'
          : 'mm/mmu_gather.c: tlb_finish_mmu() -> tlb_flush_mmu_tlbonly() -> tlb_flush() (arch/x86/include/asm/tlb.h: flush_tlb_mm_range())',
        text: (_s, cpu) => (arm ? `tlb_flush(): __tlbi(vale1is)+dsb(ish) by CPU${cpu}` : 'tlb_flush(): flush_tlb_mm_range() IPIs'),
        tags: ['flush'],
        // Nothing gathered (tlb->end == 0): tlb_flush_mmu_tlbonly() returns at once.
        onlyIf: (s, cpu) => prot(s, cpu) === ProtPte.gathered,
        run: (s, cpu) => {
          if (arm) {
            issueTlbi(L, s, cpu);
            dsb(L, s, cpu);
          } else sendFlushIpis(L, s, cpu);
          setProt(s, cpu, ProtPte.flushed);
        },
      },
      { ...ipiWait(L, arch, 'flush_tlb_mm_range'), onlyIf: (s, cpu) => !arm && prot(s, cpu) === ProtPte.flushed },
      {
        name: 'mprotect returns',
        source: 'mm/mprotect.c: do_mprotect_pkey() returns to user space',
        text: 'mprotect() returns: no writable mapping of P',
        tags: ['retire'],
        run: (s) => {
          s[L.g.mprotectDone] = 1;
        },
      },
    ],
  };
}
