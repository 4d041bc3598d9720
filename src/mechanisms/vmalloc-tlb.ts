/**
 * A vmalloc translation as something a CPU can hold stale: vfree() unmaps area V (mapped to
 * page A), the kernel range flush must remove every CPU's TLB entry for V before V is reused
 * (mapped to page B). Optionally the PTE-table page of V is freed too (a range whose page
 * tables are freed), which a stale paging-structure-cache pointer can still reach.
 *
 * Kernel: mm/vmalloc.c vfree() -> __vunmap_range_noflush(), flush_tlb_kernel_range()
 * (arch/x86/mm/tlb.c: on_each_cpu(do_kernel_range_flush) / flush_tlb_all), pte_free_kernel();
 * hardware: Intel SDM 4.10 (TLB fills and paging-structure caches may be used speculatively).
 * Under tso the sender's PTE stores wait in its store buffer (`vmapBuf`); page walks read
 * memory (`vmap`).
 * Left out: lazy vmap purging (vm_unmap_aliases), huge vmap, more than one area.
 */
import type { Step } from '../core/model.js';
import type { MemoryModelName } from '../memory/model-name.js';
import { bufferedNote, storeIsBuffered } from './store-buffer.js';
import { Hazard, PtTable, Tlb, Vmap, cf, setCf, type EqsLayout } from './eqs-state.js';

/** The pending PTE store reaches memory: unmap (and unlink the table), or map page B. */
function commitVmap(L: EqsLayout, s: Uint8Array, freesTables: boolean): void {
  const b = s[L.g.vmapBuf];
  if (b === 1) {
    s[L.g.vmap] = Vmap.none;
    if (freesTables) s[L.g.ptTable] = PtTable.unlinked;
  } else if (b === 2) s[L.g.vmap] = Vmap.b;
  s[L.g.vmapBuf] = 0;
}

/** A full barrier or locked instruction of the sender: its buffered PTE store commits first. */
export function drainVmap(L: EqsLayout, s: Uint8Array, freesTables: boolean): void {
  commitVmap(L, s, freesTables);
}

/** The sender's store buffer commits its PTE store (an event of the sender, tso only). */
export function vmapCommitEvent(L: EqsLayout, freesTables: boolean): Step {
  return {
    name: 'store buffer: commit PTE',
    source: "model: memory model tso, the buffered store to V's PTE (pte_clear(), set_pte()) becomes visible to the other CPUs' page walks",
    text: (s) => (s[L.g.vmapBuf] === 1 ? 'store buffer commits the PTE clear of V: page walks now see it unmapped' : 'store buffer commits the new PTE of V (page B)'),
    tags: ['publish'],
    enabled: (s) => s[L.g.vmapBuf] !== 0,
    run: (s) => commitVmap(L, s, freesTables),
  };
}

export function vunmap(L: EqsLayout, freesTables: boolean, mm: MemoryModelName = 'sc'): Step {
  const buffered = storeIsBuffered(mm, 'WRITE_ONCE');
  return {
    name: 'vunmap_range_noflush',
    source: 'mm/vmalloc.c: vfree() -> remove_vm_area() -> ... -> vunmap_range_noflush() (the PTEs of V are cleared; the flush is left for later)',
    text: `${freesTables ? 'vunmap V: PTEs cleared, pmd_clear() unlinks its PTE table' : 'vunmap V: PTEs cleared'}${bufferedNote(mm, 'WRITE_ONCE')}`,
    tags: ['publish'],
    run: (s) => {
      s[L.g.vmapBuf] = 1;
      if (!buffered) commitVmap(L, s, freesTables);
    },
  };
}

export function pteFreeKernel(L: EqsLayout): Step {
  return {
    name: 'pte_free_kernel',
    source: 'include/asm-generic/pgalloc.h: pte_free_kernel() (the page-table page of V, freed after the flush)',
    text: 'pte_free_kernel(): PTE table of V freed',
    tags: ['retire'],
    run: (s) => {
      // The allocator's stores come after the unlink in the FIFO store buffer.
      commitVmap(L, s, true);
      s[L.g.ptTable] = PtTable.freed;
    },
  };
}

export function vmallocReuse(L: EqsLayout, freesTables = false, mm: MemoryModelName = 'sc'): Step {
  const buffered = storeIsBuffered(mm, 'WRITE_ONCE');
  return {
    name: '__vmalloc_node_range',
    source: 'mm/vmalloc.c: __vmalloc_node_range_noprof() -> __vmalloc_area_node() -> __vmap_pages_range() (V reused, mapped to page B)',
    text: `vmalloc(): V reused, mapped to page B${bufferedNote(mm, 'WRITE_ONCE')}`,
    tags: ['retire'],
    run: (s) => {
      // One buffered store per location: the older PTE store commits first (coherence).
      commitVmap(L, s, freesTables);
      s[L.g.vmapBuf] = 2;
      if (!buffered) commitVmap(L, s, freesTables);
    },
  };
}

/**
 * A CPU touches V (a live vmalloc object: a vmalloc'd stack, a data structure). Before vfree
 * it uses page A; after reuse it must see page B. Nobody touches V while it is unmapped.
 */
export function touchVmalloc(L: EqsLayout, name: string, source: string, where: string): Step {
  return {
    name,
    source,
    text: (s, cpu) => `${where}: touches vmalloc V${s[L.g.vmap] === Vmap.b && cf(L, s, cpu, 'tlb') === Tlb.a ? ' through stale TLB entry (page A)' : ''}`,
    tags: ['critical'],
    run: (s, cpu) => {
      const v = s[L.g.vmap];
      if (v === Vmap.a) setCf(L, s, cpu, 'tlb', Tlb.a);
      else if (v === Vmap.b) {
        if (cf(L, s, cpu, 'tlb') === Tlb.a) s[L.g.hazard] = Hazard.staleTlb;
        else setCf(L, s, cpu, 'tlb', Tlb.b);
      }
    },
  };
}

/** __flush_tlb_all() / invpcid_flush_all(): TLB and paging-structure caches emptied. */
export function flushTlbAll(L: EqsLayout, s: Uint8Array, cpu: number): void {
  setCf(L, s, cpu, 'tlb', Tlb.none);
  setCf(L, s, cpu, 'psc', 0);
}

/**
 * The hardware walker of a CPU on the kernel page tables fills the TLB and paging-structure
 * caches at any time (speculation, prefetch) from whatever is mapped.
 */
export function hardwareFill(L: EqsLayout, onKernelCr3: (s: Uint8Array, cpu: number) => boolean): Step {
  return {
    name: 'page walk (TLB fill)',
    source: 'spec: Intel SDM vol. 3A 4.10.2, 4.10.3 (translations and paging-structure entries may be cached speculatively)',
    text: 'hardware walk: TLB / paging-structure cache filled for V',
    enabled: (s, cpu) =>
      onKernelCr3(s, cpu) &&
      ((s[L.g.vmap] !== Vmap.none && cf(L, s, cpu, 'tlb') === Tlb.none) || (s[L.g.ptTable] === PtTable.live && cf(L, s, cpu, 'psc') === 0)),
    run: (s, cpu) => {
      const v = s[L.g.vmap];
      if (cf(L, s, cpu, 'tlb') === Tlb.none && v !== Vmap.none) setCf(L, s, cpu, 'tlb', v === Vmap.a ? Tlb.a : Tlb.b);
      if (s[L.g.ptTable] === PtTable.live) setCf(L, s, cpu, 'psc', 1);
    },
  };
}

/**
 * A speculative walk through a cached pointer to V's PTE table after that page was freed, in
 * any mode (the cached entry is not used architecturally, but the walk reads the page).
 */
export function speculativePscWalk(L: EqsLayout): Step {
  return {
    name: 'page walk via paging-structure cache',
    source: 'spec: Intel SDM vol. 3A 4.10.3.1 (a paging-structure-cache entry is used without re-reading the entry it caches) | history: 2ff6ddf19c0e "x86/mm/tlb: Leave lazy TLB mode at page table free time" (a speculative walk through memory that used to be a page table)',
    text: 'speculative walk through cached pointer: READ(freed PTE table of V)',
    enabled: (s, cpu) => cf(L, s, cpu, 'psc') === 1 && s[L.g.ptTable] === PtTable.freed && s[L.g.hazard] === Hazard.none,
    run: (s) => {
      s[L.g.hazard] = Hazard.pscWalk;
    },
  };
}
