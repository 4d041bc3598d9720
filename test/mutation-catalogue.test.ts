/**
 * The mutation catalogue stays complete and honest for every registered scenario, at its
 * default CPU count (the count the written entries are for): every mutant of a reviewed
 * variant is caught, justified (derived: never runs, or the same graph; or an entry of
 * src/mutate/equivalent.ts) or a listed model gap; no entry of either list is stale (it must
 * still describe a survivor, not covered by a derivation, of every variant and `only`
 * configuration it names). Which configurations are mutated follows the derived verdict, not
 * the variant's expectation. A new variant's survivors are findings (test/registration.test.ts).
 * A mutant whose run holds without reaching every race window is inconclusive (vacuous), as
 * `check` says, never justified: test/mutation-vacuous.test.ts has the toy.
 */
import { describe, expect, it } from 'vitest';
import { EQUIVALENT } from '../src/mutate/equivalent.js';
import { MODEL_GAPS } from '../src/mutate/model-gaps.js';
import { mutateScenario, type MutationScore } from '../src/mutate/run-mutants.js';
import { staleEntries } from '../src/mutate/stale-entries.js';
import { findScenario, SCENARIOS } from '../src/scenarios/index.js';
import { violated, type Scenario } from '../src/scenarios/scenario.js';
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
  for (const { name } of SCENARIOS) {
    it(`${name}: every mutant of a reviewed variant caught, justified, a listed model gap or vacuous; no stale entry`, () => {
      const score = scoreOf(name);
      expect(score.results.filter((r) => r.outcome === 'survived').map((r) => `${r.variant}/${r.arch}/${r.id}`)).toEqual([]);
      expect(score.caught + score.justified + score.gaps + score.findings + score.inconclusive).toBe(score.mutants);
      // Inconclusive only where a race window was never reached (a bound makes a survivor, to look at).
      for (const r of score.results.filter((x) => x.outcome === 'inconclusive')) expect(r.detail).toMatch(/^vacuous: .+ never reached$/);
      expect(staleEntries(EQUIVALENT, score)).toEqual([]);
      expect(staleEntries(MODEL_GAPS, score)).toEqual([]);
    }, 300_000);
  }

  it('mutates by the derived verdict: expectations that all say violated change nothing', () => {
    const s = findScenario('kick-async')!;
    const pessimist: Scenario = { ...s, variants: s.variants.map((v) => ({ ...v, expect: () => violated('no-walker-reads-freed-table') })) };
    const score = scoreOf('kick-async');
    const again = mutateScenario(pessimist, s.defaultCpus);
    expect(again.mutants).toBe(score.mutants);
    expect(again.notMutated).toEqual(score.notMutated);
    expect(score.notMutated.length).toBeGreaterThan(0);
    expect(score.notMutated.every((n) => n.verdict === 'violated')).toBe(true);
  });

  it('derives equivalences: a step that never runs, and a mutant with the unmutated graph', () => {
    const how = new Set(SCENARIOS.flatMap((s) => scoreOf(s.name).results.map((r) => r.how)));
    expect(how.has('never-runs')).toBe(true);
    expect(how.has('same-graph')).toBe(true);
    // The baseline batches nothing: dropping flush_tlb_batched_pending() changes no observed state.
    const drop = scoreOf('arm64-batch').results.filter((r) => r.variant === 'baseline' && r.id === 'drop:mprotect/mprotect/flush_tlb_batched_pending@1');
    expect(drop.length).toBeGreaterThan(0);
    for (const r of drop) expect(r.how).toBe('same-graph');
  });

  it('a mutant that never reaches a race window is inconclusive, not justified by the same graph', () => {
    // Flushing the batch before the PTL is released leaves reclaim no time to migrate with its
    // TLBIs pending: the window the batched variants exist for is never reached on arm64.
    const id = 'swap:reclaim/shrink_folio_list/page_vma_mapped_walk_done<>arch_tlbbatch_flush@4';
    const swaps = scoreOf('arm64-batch').results.filter((r) => r.variant === 'batched' && r.id === id);
    expect(swaps.find((r) => r.arch === 'arm64')).toMatchObject({ outcome: 'inconclusive', detail: 'vacuous: reclaim-migrated-mid-batch never reached' });
    expect(swaps.find((r) => r.arch === 'arm64')?.how).toBeUndefined();
    expect(scoreOf('arm64-batch').inconclusive).toBeGreaterThan(0);
  });

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
