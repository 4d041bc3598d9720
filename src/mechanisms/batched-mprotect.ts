/**
 * A change_protection() caller write-protecting P, racing with reclaim: mprotect(PROT_READ) or
 * UFFDIO_WRITEPROTECT. The PTE read-modify-write under the PTL, and the two flushes it relies on.
 *
 * Kernel (7.1.5): mm/mprotect.c change_pte_range(): pte_offset_map_lock(), then
 * flush_tlb_batched_pending(mm) (mm/rmap.c: flush_tlb_mm()) for the TLB entries a batched
 * reclaim left behind on PTEs it already cleared, then per present PTE change_present_ptes():
 * oldpte = modify_prot_start_ptes() -> ptep_modify_prot_start() (generic
 * include/linux/pgtable.h; arm64: ptep_get_and_clear()), ptent = pte_modify(oldpte, newprot),
 * prot_commit_flush_ptes(): modify_prot_commit_ptes() -> ptep_modify_prot_commit() and, if
 * pte_needs_flush() (RW -> RO does), tlb_flush_pte_range() into the mmu_gather; a none PTE is
 * left alone; lazy_mmu_mode_disable(); pte_unmap_unlock(). The gathered range is flushed after the PTL is dropped:
 * tlb_end_vma() on arm64, tlb_finish_mmu() on x86 (MMU_GATHER_MERGE_VMAS), both through
 * tlb_flush_mmu_tlbonly() -> tlb_flush() (arm64: __flush_tlb_range(), TLBI + dsb(ish) by the
 * caller; x86: flush_tlb_mm_range(), IPIs waited for), before do_mprotect_pkey() returns.
 * The old PTE is held only in a local between start and commit, so whoever clears the PTE
 * without the PTL in that window has its clear overwritten by the commit, and a PTL holder
 * that acts on the none PTE in that window has its work overwritten: "the appropriate pte lock
 * must be held over the transation ... The update must be actually committed before the pte
 * lock is released" (include/linux/pgtable.h, above ptep_modify_prot_start()).
 * A swap entry is not present: change_pte_range() leaves a plain swap entry as it is
 * (`newpte = oldpte`, no set_pte_at()).
 *
 * The callers differ in the lock around change_protection(): mprotect() (do_mprotect_pkey())
 * holds mmap_write_lock() and write-locks the VMA (mprotect_fixup(): vma_start_write()) until it
 * returns, so page faults on P wait for it; UFFDIO_WRITEPROTECT (mm/userfaultfd.c:
 * mwriteprotect_range() -> uffd_wp_range(): tlb_gather_mmu(), change_protection(MM_CP_UFFD_WP),
 * tlb_finish_mmu()) holds mmap_read_lock() only, so faults run beside it (./batched-user-fault.ts).
 * Both make P's PTE read-only (pte_mkuffd_wp() write-protects) and flush the same way.
 * Not modelled: munmap()/mremap() (same flush_tlb_batched_pending() rule), several PTEs.
 */
import { match } from 'ts-pattern';
import type { ArchConfig } from '../arch/arch.js';
import type { Program, State, Step } from '../core/model.js';
import { ipiWait, isArm, type PendingFlush } from './batched-reclaim.js';
import { ProtPte, Ptl, Pte, type BatchLayout } from './batched-unmap-state.js';
import { ptlLock, ptlUnlock } from './page-table-lock.js';
import { dsb, issueTlbi, sendFlushIpis } from './tlbi-completion.js';

/** Which change_protection() caller races with reclaim (the lock it holds decides who waits for it). */
export type ProtCaller = 'mprotect' | 'uffd-wp';

/** The CPU running the change_protection() caller. */
export const PROT_CPU = 1;

/** Role and program names of a caller (the mutant ids are built from them). */
export function protCallerNames(caller: ProtCaller): { readonly role: string; readonly program: string } {
  return match(caller)
    .with('mprotect', () => ({ role: 'mprotect', program: 'mprotect' }))
    .with('uffd-wp', () => ({ role: 'uffd-wp', program: 'UFFDIO_WRITEPROTECT' }))
    .exhaustive();
}

/**
 * mprotect() holds mmap_write_lock() from before its first step (do_mprotect_pkey()) until it
 * returns: page faults on P wait. UFFDIO_WRITEPROTECT holds mmap_read_lock(): they do not.
 */
export function faultsHeldOffBy(L: BatchLayout, caller: ProtCaller): (s: State) => boolean {
  return match(caller)
    .with('mprotect', () => (s: State) => (s[L.base(PROT_CPU) + L.c.pc] ?? 0) > 0 && s[L.g.mprotectDone] === 0)
    .with('uffd-wp', () => () => false)
    .exhaustive();
}

export interface ProtHooks {
  readonly pending: PendingFlush;
  readonly caller: ProtCaller;
  /** ptep_modify_prot_commit() takes effect only after pte_unmap_unlock() (a commit queued past the PTL release). */
  readonly commitAfterUnlock: boolean;
}

export function mprotectProgram(L: BatchLayout, arch: ArchConfig, hooks: ProtHooks): Program {
  const { pending, caller } = hooks;
  const arm = isArm(arch);
  const names = protCallerNames(caller);
  const returns = match(caller)
    .with('mprotect', () => ({
      source: 'mm/mprotect.c: do_mprotect_pkey() -> mmap_write_unlock() (mprotect() returns to user space)',
      text: 'mprotect() returns: no writable mapping of P',
      newPte: 'pte_modify(oldpte, PAGE_READONLY)',
    }))
    .with('uffd-wp', () => ({
      source: 'mm/userfaultfd.c: mwriteprotect_range() -> mmap_read_unlock() (UFFDIO_WRITEPROTECT returns)',
      text: 'UFFDIO_WRITEPROTECT returns: P write-protected',
      newPte: 'pte_mkuffd_wp(pte_modify(oldpte, newprot)), read-only',
    }))
    .exhaustive();
  /** change_pte_range()'s hold on P's PTE: a register of the mprotect() CPU. */
  const prot = (s: State, cpu: number): number => s[L.base(cpu) + L.c.protPte] ?? 0;
  const setProt = (s: State, cpu: number, v: number): void => {
    s[L.base(cpu) + L.c.protPte] = v;
  };
  const commit: Step = {
    name: 'ptep_modify_prot_commit',
    source: hooks.commitAfterUnlock
      ? 'patch: ptep_modify_prot_commit() queued by lazy MMU batching and issued after pte_unmap_unlock() (what include/linux/pgtable.h forbids)'
      : 'mm/mprotect.c: change_pte_range() -> change_present_ptes() -> ... -> prot_commit_flush_ptes() -> modify_prot_commit_ptes(), tlb_flush_pte_range()',
    text: hooks.commitAfterUnlock
      ? `ptep_modify_prot_commit() lands, PTL already released: PTE = ${returns.newPte}; range gathered`
      : `ptep_modify_prot_commit(): PTE = ${returns.newPte}; range gathered`,
    tags: ['publish'],
    // A not present PTE was left alone (change_pte_range() goes on to the next one).
    onlyIf: (s, cpu) => prot(s, cpu) === ProtPte.held,
    run: (s, cpu) => {
      s[L.g.pte] = Pte.readOnly;
      setProt(s, cpu, ProtPte.gathered);
    },
  };
  const unlock = ptlUnlock(L, 'pte_unmap_unlock', 'mm/mprotect.c: change_pte_range() -> lazy_mmu_mode_disable(), pte_unmap_unlock()');
  return {
    name: names.program,
    source: match(caller)
      .with('mprotect', () => 'mm/mprotect.c: do_mprotect_pkey() -> mprotect_fixup() -> change_protection() -> ... -> change_pte_range() (mmap_write_lock(), vma_start_write())')
      .with('uffd-wp', () => 'mm/userfaultfd.c: mwriteprotect_range() -> uffd_wp_range() -> change_protection() -> ... -> change_pte_range() (mmap_read_lock())')
      .exhaustive(),
    loop: false,
    steps: [
      ptlLock(L, Ptl.mprotect, 'pte_offset_map_lock', 'mm/mprotect.c: change_pte_range() -> pte_offset_map_lock()', 'change_pte_range(): spin_lock(ptl)'),
      {
        name: 'flush_tlb_batched_pending',
        source: arm
          ? pending === 'dsb-local'
            ? 'history: arm64 arch_flush_tlb_batched_pending() was dsb(ish) (db6c1f6f236d) until "arm64/mm: Close theoretical race where stale TLB entry remains valid" (Ryan Roberts, 2025)'
            : 'mm/rmap.c: flush_tlb_batched_pending() -> flush_tlb_mm() (arm64: TLBI ASIDE1IS and DSB)'
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
        source: 'mm/mprotect.c: change_pte_range() -> change_present_ptes() -> modify_prot_start_ptes() | include/linux/pgtable.h: modify_prot_start_ptes() -> ptep_modify_prot_start() (arm64: ptep_get_and_clear())',
        text: (s) =>
          s[L.g.pte] === Pte.present
            ? 'oldpte = ptep_modify_prot_start(): PTE cleared, old value held'
            : s[L.g.pte] === Pte.swap
              ? 'ptep_get(): swap entry, left as it is'
              : 'ptep_get(): PTE not present, nothing to change',
        tags: ['publish'],
        run: (s, cpu) => {
          if (s[L.g.pte] !== Pte.present) return;
          s[L.g.pte] = Pte.none;
          setProt(s, cpu, ProtPte.held);
        },
      },
      ...(hooks.commitAfterUnlock ? [unlock, commit] : [commit, unlock]),
      {
        name: 'tlb_flush_mmu_tlbonly',
        source: arm
          ? 'include/asm-generic/tlb.h: tlb_end_vma() -> tlb_flush_mmu_tlbonly() -> tlb_flush() | arch/arm64/include/asm/tlb.h: tlb_flush() -> __flush_tlb_range()'
          : 'mm/mmu_gather.c: tlb_finish_mmu() -> tlb_flush_mmu() -> tlb_flush_mmu_tlbonly() -> tlb_flush() | arch/x86/include/asm/tlb.h: tlb_flush() -> flush_tlb_mm_range()',
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
        name: `${names.program} returns`,
        source: returns.source,
        text: returns.text,
        tags: ['retire'],
        run: (s) => {
          s[L.g.mprotectDone] = 1;
        },
      },
    ],
  };
}
