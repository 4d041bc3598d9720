/**
 * mmu-gather: every variant x configuration gets the verdict its file declares, derived by the
 * engines: holds from an exhaustive run (4 CPUs: one freeing, three walking / going lazy, walks
 * looping forever) with every race window reached; violated found by BFS and by the random
 * engine within its default budget.
 */
import { describe, expect, it } from 'vitest';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { mmuGather } from '../src/scenarios/mmu-gather/index.js';
import { ARCHES } from '../src/arch/index.js';
import { naiveExplore } from '../test/toys/naive-explorer.js';

describe('mmu-gather verdicts', () => {
  for (const v of mmuGather.variants) {
    for (const arch of mmuGather.arches) {
      const expected = v.expect(ARCHES[arch], 'sc');
      it(`${v.name} on ${arch} is ${expected.verdict}`, () => {
        const r = runCheck(mmuGather, v.name, arch, defaultCheckOptions);
        expect(r.verdict).toBe(expected.verdict);
        expect(r.agrees).toBe(true);
        if (expected.verdict === 'holds') {
          expect(r.cpus).toBeGreaterThanOrEqual(3);
          expect(r.states).toBeGreaterThan(0);
          expect(r.vacuous).toEqual([]);
        } else {
          const rnd = runCheck(mmuGather, v.name, arch, { ...defaultCheckOptions, engine: 'random' });
          expect(rnd.verdict).toBe('violated');
          expect(rnd.property).toBe(expected.property);
        }
      });
    }
  }

  it('counts the baseline states on x86-kvm-pv (3 CPUs) as a naive explorer does', () => {
    const r = runCheck(mmuGather, 'baseline', 'x86-kvm-pv', { ...defaultCheckOptions, cpus: 3 });
    expect(r.verdict).toBe('holds');
    expect(r.states).toBe(naiveExplore(mmuGather.build('baseline', ARCHES['x86-kvm-pv'], 3)).orbits);
  });

  it('answers the issue acceptance questions', () => {
    const pv = runCheck(mmuGather, 'skip-sync', 'x86-kvm-pv', defaultCheckOptions);
    expect([pv.verdict, pv.property]).toEqual(['violated', 'no-walker-reads-freed-table']);
    expect(pv.trace?.map((t) => t.step)).toContain('vcpu_preempted');
    const native = runCheck(mmuGather, 'skip-sync', 'x86-native', defaultCheckOptions);
    expect(native.verdict).toBe('holds');
  });
});
