/**
 * The cutoff carries a two-worker verdict to every CPU count only where its conditions hold;
 * these tests check that it applies to the models whose workers are independent, that it is
 * refused (with the reason) where they are not, that it agrees with exhaustive runs on larger
 * models wherever it applies, and that each condition catches a toy model breaking it, among
 * them one whose violation needs three workers.
 */
import { describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import type { Guard, ModelSpec, Role } from '../src/core/model.js';
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

  it('agrees with the exhaustive search one CPU above it, on every configuration it applies to', () => {
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

  describe('catches a toy model that breaks a condition', () => {
    it('workers that count themselves into shared state: the violation needs three of them', () => {
      const toy = toyModel({ workerWritesShared: true });
      expect(bfs(compileModel(toy(3)), opts).verdict).toBe('holds');
      expect(bfs(compileModel(toy(4)), opts).verdict).toBe('violated');
      expect(cutoffFor(toy, 8, 2, 8)).toMatchObject({ applies: false, reason: expect.stringContaining('read by a step') });
    });
    it('a controller that waits for any one worker, not for each', () => {
      const toy = toyModel({ guard: 'any' });
      expect(cutoffFor(toy, 8, 2, 8)).toMatchObject({ applies: false, reason: expect.stringContaining('guard') });
    });
    it('a property about two workers at once', () => {
      const toy = toyModel({ pairwise: true });
      expect(cutoffFor(toy, 8, 2, 8)).toMatchObject({ applies: false, reason: expect.stringContaining('violation') });
    });
    it('and accepts the same toy without the flaw', () => {
      expect(cutoffFor(toyModel({}), 8, 2, 8)).toMatchObject({ applies: true, cpus: 3 });
    });
  });
});

const opts = { symmetry: true, maxStates: 100_000, timeoutMs: 10_000 };

/**
 * CPU0 waits for the workers, then sets `done`; each worker marks itself ready once. Flaws:
 * workers also count themselves in a shared byte and the count reaching 3 is a violation; or
 * CPU0 waits for any worker instead of every one; or two workers both ready and `done` unset
 * is a violation.
 */
function toyModel(flaw: { workerWritesShared?: boolean; guard?: 'any'; pairwise?: boolean }) {
  return (cpus: number): ModelSpec => {
    const layout = {
      globalFields: [{ name: 'done', values: ['no', 'yes'] }, { name: 'count', values: ['0', '1', '2', '3'] }, { name: 'hazard', values: ['none', 'bad'] }],
      cpuFields: [{ name: 'prog' }, { name: 'pc' }, { name: 'ready', values: ['no', 'yes'] }],
      g: { done: 0, count: 1, hazard: 2 },
      c: { prog: 0, pc: 1, ready: 2 },
      cpus,
      cpuBase: 3,
      cpuSize: 3,
      size: 3 + 3 * cpus,
      base: (c: number) => 3 + c * 3,
    };
    const ready = (s: Uint8Array, c: number) => s[layout.base(c) + 2] === 1;
    const waitAll: Guard = (s) => {
      let all = true;
      let any = false;
      for (let c = 1; c < cpus; c++) {
        all &&= ready(s, c);
        any ||= ready(s, c);
      }
      return flaw.guard === 'any' ? any : all;
    };
    const controller: Role = {
      name: 'controller',
      symmetric: false,
      events: [],
      programs: [{ name: 'wait', source: 'test', loop: false, steps: [{ name: 'wait', source: 'test', enabled: waitAll, run: (s) => void (s[0] = 1) }] }],
    };
    const worker: Role = {
      name: 'worker',
      symmetric: true,
      events: [],
      programs: [
        {
          name: 'ready',
          source: 'test',
          loop: false,
          steps: [
            {
              name: 'mark ready',
              source: 'test',
              run: (s, c) => {
                s[layout.base(c) + 2] = 1;
                if (flaw.workerWritesShared === true) {
                  s[1] = Math.min(3, s[1]! + 1);
                  if (s[1] === 3) s[2] = 1;
                }
              },
            },
          ],
        },
      ],
    };
    const pairBad = (s: Uint8Array) => {
      let n = 0;
      for (let c = 1; c < cpus; c++) if (ready(s, c)) n++;
      return n >= 2 && s[0] === 0;
    };
    return {
      name: 'toy',
      layout,
      roles: [controller, worker],
      cpuRoles: Array.from({ length: cpus }, (_, c) => (c === 0 ? 0 : 1)),
      init: () => {},
      properties: [{ name: 'toy', kind: 'always', doc: 'toy', check: (s) => s[2] === 0 && !(flaw.pairwise === true && pairBad(s)) }],
    };
  };
}
