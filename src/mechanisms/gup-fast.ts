/**
 * The lockless walker: GUP-fast. With IRQs off it reads the pmd, then the PTE table the pmd
 * points to, then enables IRQs again; it walks forever (each walk is one loop iteration).
 *
 * Kernel: mm/gup.c gup_fast(): local_irq_save(); gup_fast_pgd_range() ->
 * gup_fast_pmd_range() (pmdp_get_lockless) -> gup_fast_pte_range() (ptep_get_lockless);
 * local_irq_restore(). "With interrupts disabled, we block page table pages from being freed
 * from under us."
 */
import type { Program } from '../core/model.js';
import { Hazard, Mode, Ptr, Slot, tableRetired, type UserMmLayout } from './user-mm.js';

export function gupFast(L: UserMmLayout): Program {
  const reg = (cpu: number) => L.base(cpu) + L.c.ptr;
  return {
    name: 'gup_fast',
    source: 'mm/gup.c: gup_fast()',
    loop: true,
    steps: [
      {
        name: 'local_irq_save',
        source: 'mm/gup.c: gup_fast() -> local_irq_save()',
        text: 'local_irq_save()',
        tags: ['critical'],
        // Not while this task is inside a page fault's pte_offset_map() (./rcu-walker.ts).
        enabled: (s, cpu) => s[L.base(cpu) + L.c.mode] === Mode.user && s[L.base(cpu) + L.c.rcuWalk] === 0,
        run: (s, cpu) => {
          s[L.base(cpu) + L.c.irqs] = 1;
        },
      },
      {
        name: 'pmdp_get_lockless',
        source: 'mm/gup.c: gup_fast_pmd_range() -> pmdp_get_lockless()',
        text: (s) => (s[L.g.slot] === Slot.table ? 'pmd = READ(pmd) -> table T' : s[L.g.slot] === Slot.huge ? 'pmd = READ(pmd) -> huge page' : 'pmd = READ(pmd) -> none'),
        run: (s, cpu) => {
          const slot = s[L.g.slot];
          s[reg(cpu)] = slot === Slot.table ? Ptr.table : slot === Slot.huge ? Ptr.huge : Ptr.none;
        },
      },
      {
        name: 'ptep_get_lockless',
        source: 'mm/gup.c: gup_fast_pte_range() -> ptep_get_lockless()',
        text: 'READ(T[pte])',
        onlyIf: (s, cpu) => s[reg(cpu)] === Ptr.table,
        run: (s) => {
          if (tableRetired(s[L.g.table]!)) s[L.g.hazard] = Hazard.walkerRead;
        },
      },
      {
        name: 'local_irq_restore',
        source: 'mm/gup.c: gup_fast() -> local_irq_restore()',
        text: 'local_irq_restore()',
        tags: ['critical'],
        run: (s, cpu) => {
          s[L.base(cpu) + L.c.irqs] = 0;
          s[reg(cpu)] = Ptr.none;
        },
      },
    ],
  };
}
