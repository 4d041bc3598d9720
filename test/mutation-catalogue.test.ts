/**
 * The mutation catalogue stays complete and honest, at each scenario's default CPU count (the
 * count the catalogue was written for; the whole catalogue takes about a minute on 2 cores):
 * every mutant is caught, justified (never runs, or an entry of src/mutate/equivalent.ts), or
 * a listed model gap (src/mutate/model-gaps.ts); scenarios without listed gaps are at 100%;
 * and no entry of either list is stale (it must still describe a survivor of every variant and
 * `only` configuration it names).
 */
import { describe, expect, it } from 'vitest';
import { EQUIVALENT } from '../src/mutate/equivalent.js';
import { MODEL_GAPS } from '../src/mutate/model-gaps.js';
import { mutateScenario, type MutationScore } from '../src/mutate/run-mutants.js';
import { staleEntries } from '../src/mutate/stale-entries.js';
import { findScenario } from '../src/scenarios/index.js';
import type { CatalogueEntry } from '../src/mutate/catalogue-entry.js';

const scores = new Map<string, MutationScore>();
const scoreOf = (name: string): MutationScore => {
  const cached = scores.get(name);
  if (cached !== undefined) return cached;
  const s = findScenario(name);
  if (s === undefined) throw new Error(`no scenario ${name}`);
  const r = mutateScenario(s, s.defaultCpus);
  scores.set(name, r);
  return r;
};

describe('mutation catalogue', () => {
  for (const name of ['kick-async', 'eqs-kick', 'ct-defer', 'preempt-wait', 'arm64-batch', 'mmu-gather']) {
    it(`${name}: every mutant caught, justified or a listed model gap; no stale entry`, () => {
      const score = scoreOf(name);
      expect(score.results.filter((r) => r.outcome === 'survived').map((r) => `${r.variant}/${r.arch}/${r.id}`)).toEqual([]);
      expect(score.caught + score.justified + score.gaps).toBe(score.mutants);
      if (!MODEL_GAPS.some((g) => g.scenario === name)) expect(score.score).toBe(1);
      expect(staleEntries(EQUIVALENT, score)).toEqual([]);
      expect(staleEntries(MODEL_GAPS, score)).toEqual([]);
    }, 120_000);
  }

  it('reports an entry as stale when the mutant it names no longer survives', () => {
    const score = scoreOf('kick-async');
    // Dropping the kick is caught in the baseline: an entry "justifying" it matches no survivor.
    const bogus: CatalogueEntry = { scenario: 'kick-async', variants: ['baseline'], mutant: 'drop:requester/request + kick (always)/arch_send_call_function_single_ipi@1', reason: 'x' };
    expect(score.results.some((r) => r.variant === 'baseline' && r.id === bogus.mutant && r.outcome === 'caught')).toBe(true);
    expect(staleEntries([bogus], score)).toEqual([`kick-async/baseline ${bogus.mutant}`]);
    // An `only` configuration on which the entry is never used is stale too.
    const real = EQUIVALENT.find((e) => e.scenario === 'kick-async' && e.only !== undefined);
    expect(real).toBeDefined();
    if (real === undefined) return;
    const widened: CatalogueEntry = { ...real, only: [...(real.only ?? []), 'arm64'] };
    expect(staleEntries([widened], score)).toContain(`kick-async/${real.variants[0]}/arm64 ${real.mutant}`);
  });

  it('drops of the kick itself are caught, not justified, where the kick is the only synchronisation', () => {
    const sends = scoreOf('kick-async').results.filter((r) => r.variant === 'baseline' && r.id.startsWith('drop:') && r.id.includes('arch_send_call_function_single_ipi'));
    expect(sends.length).toBeGreaterThan(0);
    for (const r of sends) expect(r.outcome).toBe('caught');
  });

  it('moving the queue flush past irq_exit() is caught: the tick re-evaluation would not see the request', () => {
    const moved = scoreOf('kick-async').results.filter((r) => r.id === 'later:nohz_full target/nohz_full user/flush_smp_call_function_queue<>irq_exit@1');
    expect(moved.length).toBeGreaterThan(0);
    for (const r of moved) expect(r.outcome).toBe('caught');
  });
});
