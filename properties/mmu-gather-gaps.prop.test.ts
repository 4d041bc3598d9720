/**
 * The two model gaps closed in issue #8: the small data pages khugepaged copies and frees
 * (their TLB entries, and the huge pmd installed only after the copy), and page faults that
 * map T under rcu_read_lock() (PT_RECLAIM's RCU free). Each mutant below was a listed model
 * gap; it is now caught, by the property a reviewer would name, with the kernel step that
 * shows it in the trace. Baseline, 4 CPUs.
 */
import { describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { compileModel } from '../src/core/compile.js';
import { runActions } from '../src/core/replay.js';
import type { ArchName } from '../src/arch/arch.js';
import { bfs } from '../src/engines/bfs.js';
import { mutantsOf } from '../src/mutate/mutants.js';
import { mmuGather } from '../src/scenarios/mmu-gather/index.js';

function caughtBy(arch: ArchName, id: string): { property: string; steps: string[] } {
  const spec = mmuGather.build('baseline', ARCHES[arch], 4);
  const m = mutantsOf(spec).find((x) => x.id === id);
  if (m === undefined) throw new Error(`no mutant ${id}`);
  const machine = compileModel(m.spec);
  const r = bfs(machine, { symmetry: true, maxStates: 2_000_000, timeoutMs: 60_000 });
  if (r.verdict !== 'violated') throw new Error(`${id} on ${arch}: ${r.verdict}`);
  return { property: r.property, steps: runActions(machine, r.trace).steps.map((s) => s.name) };
}

describe('mmu-gather: khugepaged data pages and rcu_read_lock() walkers', () => {
  for (const arch of ['x86-native', 'x86-kvm-pv', 'arm64'] as const) {
    it(`${arch}: khugepaged without flush_tlb_range() loses a write through a stale TLB entry`, () => {
      const r = caughtBy(arch, 'drop:freer/khugepaged: collapse_huge_page/flush_tlb_range@1');
      expect(r.property).toBe('no-stale-tlb-after-sync');
      expect(r.steps.at(-1)).toBe('user store via TLB');
    });
    it(`${arch}: flushing before pmdp_huge_get_and_clear() lets a walk refill the entry`, () => {
      const r = caughtBy(arch, 'swap:freer/khugepaged: collapse_huge_page/pmdp_collapse_flush<>flush_tlb_range@0');
      expect(r.property).toBe('no-stale-tlb-after-sync');
      expect(r.steps).toContain('page walk (PSC fill)');
    });
    it(`${arch}: set_pmd_at() before the copy exposes an unfilled huge page`, () => {
      const r = caughtBy(arch, 'swap:freer/khugepaged: collapse_huge_page/__collapse_huge_page_isolate<>set_pmd_at@6');
      expect(r.property).toBe('no-access-to-huge-page-before-copy');
      expect(r.steps.at(-1)).toBe('user access via huge pmd');
    });
  }

  it('x86-native: khugepaged not waiting for its flush IPIs is caught (the IPI, not the sync, removes the entry)', () => {
    const r = caughtBy('x86-native', 'drop:freer/khugepaged: collapse_huge_page/csd_lock_wait@2');
    expect(r.property).toBe('no-stale-tlb-after-sync');
  });

  it('x86-native: freeing T before the grace period ends is a use-after-free for a page fault under rcu_read_lock()', () => {
    // The waited-for flush IPI keeps GUP-fast out on x86-native; the fault has IRQs on.
    for (const id of ['drop:freer/mmu_gather: tlb_remove_table_rcu/rcu_gp_end@4', 'later:freer/mmu_gather: tlb_remove_table_rcu/rcu_gp_end<>__tlb_remove_table@4']) {
      const r = caughtBy('x86-native', id);
      expect(r.property).toBe('no-walker-reads-freed-table');
      expect(r.steps).toContain('pte_offset_map_rw_nolock');
      expect(r.steps.at(-1)).toBe('spin_lock(ptl)');
      expect(r.steps).not.toContain('local_irq_save');
    }
  });
});
