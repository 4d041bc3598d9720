/**
 * The cutoff carries a two-worker verdict to every CPU count only where its conditions hold;
 * these tests check that it applies to the scenarios whose workers are independent, that it is
 * refused (with the reason) where they are not, and that it agrees with the exhaustive search
 * one CPU above it wherever it applies. A toy model per condition is in
 * cutoff-conditions.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { cutoffFor } from '../src/engines/cutoff.js';
import { SCENARIOS, findScenario } from '../src/scenarios/index.js';

const cutoffOf = (scenario: string, variant: string, arch: keyof typeof ARCHES, mm: 'sc' | 'tso' | 'weak' = 'sc', cpus = 16) => {
  const s = findScenario(scenario)!;
  return cutoffFor((n) => s.build(variant, ARCHES[arch], n, mm), cpus, s.minCpus, s.maxCpus);
};

describe('cutoff', () => {
  it('applies to mmu-gather and to eqs-kick under sc: two walkers, two EQS CPUs', () => {
    for (const arch of findScenario('mmu-gather')!.arches) expect(cutoffOf('mmu-gather', 'baseline', arch)).toMatchObject({ applies: true, cpus: 3, workerRole: 'GUP-fast' });
    expect(cutoffOf('eqs-kick', 'baseline', 'arm64')).toMatchObject({ applies: true, cpus: 3, workerRole: 'EQS CPU' });
  });

  it('is refused, with the reason, where the workers are not independent', () => {
    // Under tso the sender's llist_add() drains its store buffer only if some CPU is IPIed.
    expect(cutoffOf('eqs-kick', 'baseline', 'arm64', 'tso')).toMatchObject({ applies: false, reason: expect.stringContaining('smp_call_function') });
    // Requesters share the target's queue.
    expect(cutoffOf('kick-async', 'baseline', 'x86-native', 'sc', 8).applies).toBe(false);
    expect(cutoffOf('preempt-wait', 'baseline', 'x86-native', 'sc', 3).applies).toBe(false);
  });

  it('agrees with the exhaustive search one CPU above it, on every configuration it applies to where that search ends within 1.5M states', () => {
    let compared = 0;
    for (const s of SCENARIOS) {
      for (const v of s.variants) {
        for (const arch of s.arches) {
          for (const mm of s.memoryModels) {
            const build = (n: number) => s.build(v.name, ARCHES[arch], n, mm);
            const c = cutoffFor(build, s.maxCpus, s.minCpus, s.maxCpus);
            if (!c.applies || c.cpus + 1 > s.maxCpus) continue;
            const at = (n: number) => bfs(compileModel(build(n)), { symmetry: true, maxStates: 1_500_000, timeoutMs: 60_000 }).verdict;
            const larger = at(c.cpus + 1);
            if (larger === 'inconclusive') continue;
            expect(at(c.cpus), `${s.name}/${v.name}/${arch}/${mm}`).toBe(larger);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(70);
  }, 600_000);

  it('check --cutoff proves the baseline at 16 CPUs and shows a violation on the cutoff CPUs', () => {
    const mg = findScenario('mmu-gather')!;
    const ok = runCheck(mg, 'baseline', 'x86-kvm-pv', { ...defaultCheckOptions, cpus: 16, cutoff: true });
    expect(ok).toMatchObject({ verdict: 'holds', cpus: 16, cutoff: { applies: true, cpus: 3 }, progress: 'checked' });
    const bad = runCheck(mg, 'skip-sync', 'x86-kvm-pv', { ...defaultCheckOptions, cpus: 16, cutoff: true });
    expect(bad).toMatchObject({ verdict: 'violated', property: 'no-walker-reads-freed-table' });
    expect(bad.cpus).toBeLessThanOrEqual(3);
    // Below the cutoff's CPU count nothing is carried: the model asked for is what is proved.
    const small = runCheck(mg, 'baseline', 'x86-native', { ...defaultCheckOptions, cpus: 2, cutoff: true });
    expect(small).toMatchObject({ verdict: 'holds', cpus: 2, cutoff: { applies: false } });
  });
});

