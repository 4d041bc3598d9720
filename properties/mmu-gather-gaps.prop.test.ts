/**
 * Model gaps closed in issue #8: page faults that map T under rcu_read_lock() (PT_RECLAIM's
 * RCU free). Each mutant below was a listed model gap; it is now caught, by the property a
 * reviewer would name, with the kernel step that shows it in the trace. Baseline, 4 CPUs.
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

describe('mmu-gather: rcu_read_lock() walkers', () => {
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
