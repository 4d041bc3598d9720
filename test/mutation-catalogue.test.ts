/**
 * The mutation catalogue's equivalences stay honest: every entry still matches a surviving
 * mutant of its scenario (a stale entry fails), and the scenarios whose survivors are all
 * justified (every scenario) stay at 100% caught-or-justified.
 */
import { describe, expect, it } from 'vitest';
import { EQUIVALENT } from '../src/mutate/equivalent.js';
import { mutateScenario } from '../src/mutate/run-mutants.js';
import { findScenario } from '../src/scenarios/index.js';

describe('mutation catalogue', () => {
  for (const name of ['kick-async', 'eqs-kick', 'ct-defer', 'preempt-wait', 'arm64-batch', 'mmu-gather']) {
    it(`${name}: every mutant caught or justified, and each equivalence used`, () => {
      const s = findScenario(name)!;
      const score = mutateScenario(s, s.defaultCpus);
      expect(score.results.filter((r) => r.outcome === 'survived').map((r) => `${r.variant}/${r.arch}/${r.id}`)).toEqual([]);
      expect(score.score).toBe(1);
      for (const e of EQUIVALENT.filter((x) => x.scenario === name)) {
        expect(score.results.some((r) => r.outcome === 'justified' && e.pattern.test(`${r.variant}/${r.arch}/${r.id}`)), e.pattern.source).toBe(true);
      }
    }, 120_000);
  }
  it('drops of the kick itself are caught, not justified, where the kick is the only synchronisation', () => {
    const s = findScenario('kick-async')!;
    const score = mutateScenario(s, s.defaultCpus);
    const sends = score.results.filter((r) => r.variant === 'baseline' && r.id.startsWith('drop:') && r.id.includes('arch_send_call_function_single_ipi'));
    expect(sends.length).toBeGreaterThan(0);
    for (const r of sends) expect(r.outcome).toBe('caught');
  });
});
