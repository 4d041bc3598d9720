/**
 * Source mutation of C models on a small model (test/fixtures/cmodels/mutate-mp.c, message
 * passing under the weak memory model): a dropped barrier that the reader needs is caught; a
 * dropped barrier in a branch no reachable state takes is derived equivalent (never runs); a
 * dropped preempt_disable() is a finding the model cannot see (it compiles to nothing); each
 * mutant is a patch the loader applies; `shootdown mutate model.c` reports the C model.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { main } from '../src/cli.js';
import { mutateCModel, type CMutationScore } from '../src/mutate/c/run.js';
import { reportCMutation } from '../src/mutate/c/report.js';
import { sourceMutants } from '../src/mutate/c/source-mutants.js';
import { switchBackModel } from './switch-back.js';

const F = 'test/fixtures/cmodels/mutate-mp.c';
let score: CMutationScore;

beforeAll(async () => {
  await loadCGrammar();
  score = mutateCModel(cModelScenario(F), 2);
});

const result = (id: string) => {
  const r = score.results.find((x) => x.id === id);
  expect(r, id).toBeDefined();
  return r!;
};

describe('source mutation of a C model', () => {
  it('finds the mutants in the syntax tree of the code the model compiles, named by file:line', () => {
    const ids = sourceMutants(loadCModelSync(F)).map((m) => m.id);
    expect(ids).toContain(`drop smp_wmb() at ${F}:8`);
    expect(ids).toContain(`move smp_wmb() past WRITE_ONCE() at ${F}:8`);
    expect(ids).toContain(`drop smp_mb() at ${F}:12`);
    expect(ids).toContain(`weaken smp_load_acquire() to READ_ONCE() at ${F}:20`);
    expect(ids).toContain(`drop preempt_disable()/preempt_enable() at ${F}:19`);
    // The model sends no IPI: the prelude's interrupt handler and what it calls are not compiled.
    expect(ids.filter((id) => id.includes('prelude/'))).toEqual([]);
  });

  it('catches a dropped barrier the reader needs, with the property it violates', () => {
    const r = result(`drop smp_wmb() at ${F}:8`);
    expect(r.outcome).toBe('caught');
    expect(r.detail).toBe('BUG_ON(READ_ONCE(data) != 1)');
  });

  it('derives a dropped barrier that never runs equivalent, from the unmutated coverage', () => {
    const r = result(`drop smp_mb() at ${F}:12`);
    expect(r.outcome).toBe('equivalent');
    expect(r.how).toBe('never-runs');
  });

  it('reports a dropped primitive the model gives no effect as a finding, not as equivalent', () => {
    const r = result(`drop preempt_disable() at ${F}:19`);
    expect(r.outcome).toBe('finding');
    expect(r.detail).toContain('no effect');
  });

  it('each mutant is a patch against the committed sources that the loader applies', () => {
    const patch = score.patches['baseline']![`drop smp_wmb() at ${F}:8`]!;
    expect(patch).toContain('-\tsmp_wmb();');
    const m = loadCModelSync(F, { patchText: { name: 'mutant', text: patch } });
    const r = bfs(compileModel(m.build(ARCHES['x86-native'], 2, 'weak').spec), { symmetry: true, maxStates: 100_000, timeoutMs: 60_000 });
    expect(r.verdict).toBe('violated');
  });

  it('counts every result once', () => {
    expect(score.caught + score.equivalent + score.findings + score.refused + score.modelErrors + score.inconclusive).toBe(score.mutants);
    expect(score.notMutated).toEqual([]);
  });

  it('shootdown mutate model.c prints the C model and its findings within 80 columns; --json names the survivors with their patches', async () => {
    let out = '';
    expect(await main(['mutate', F], (s) => (out += s))).toBe(0);
    // One configuration (x86-native/weak): as many runs as mutants.
    expect(out.replace(/\s+/g, ' ')).toContain(`${F}: ${score.mutants} source mutants, ${score.mutants} runs on the configurations where the model holds: ${score.caught} caught`);
    expect(out.replace(/\s+/g, ' ')).toContain(`drop preempt_disable() at ${F}:19 on x86-native/weak`);
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    let json = '';
    expect(await main(['mutate', F, '--json'], (s) => (json += s))).toBe(0);
    const [c] = JSON.parse(json) as { kind: string; survivors: { id: string }[]; patches: Record<string, Record<string, string>> }[];
    expect(c!.kind).toBe('c');
    const finding = c!.survivors.find((s) => s.id === `drop preempt_disable() at ${F}:19`);
    expect(finding).toBeDefined();
    expect(c!.patches['baseline']![finding!.id]).toContain('-\tpreempt_disable();');
  });
});

describe('a mutant under which a race window is never reached', () => {
  it('is inconclusive, as check says, not a surviving holds (test/fixtures/cmodels/mutate-vacuous.c)', () => {
    // Without the starter's wait nobody is ever seen waiting: every property holds, vacuously.
    const V = 'test/fixtures/cmodels/mutate-vacuous.c';
    const r = mutateCModel(cModelScenario(V), 2).results.find((x) => x.id === `drop smp_cond_load_acquire() at ${V}:8`);
    expect(r).toMatchObject({ outcome: 'inconclusive', detail: 'vacuous: starter-waits never reached' });
  });

  it('a model vacuous as committed is not mutated, and the report says why (test/fixtures/cmodels/mutate-vacuous-unmutated.c)', () => {
    const V = 'test/fixtures/cmodels/mutate-vacuous-unmutated.c';
    const s = mutateCModel(cModelScenario(V), 2);
    expect(s.results).toEqual([]);
    expect(s.notMutated.length).toBeGreaterThan(0);
    for (const n of s.notMutated) expect(n).toMatchObject({ variant: 'baseline', verdict: 'inconclusive', detail: 'vacuous: starter-waits never reached' });
    let out = '';
    reportCMutation(s, (x) => void (out += x));
    expect(out).toContain(`${s.notMutated[0]!.config}: inconclusive (vacuous: starter-waits never reached)`);
  });
});

describe('a mutant that edits code inside an __atomic_block', () => {
  it('runs the edit step by step, as a patch would, and is judged against the unmutated model run the same way: the barrier 83b0177a put in switch_mm_irqs_off() is caught (test/switch-back.ts)', () => {
    // context_switch_to_task()'s block makes switch_mm_irqs_off() one step; kept whole, it hid the mutant.
    const tlb = readFileSync('prelude/arch/x86/mm/tlb.c', 'utf8').split('\n');
    const line = tlb.findIndex((l, i) => l.trim() === 'smp_mb();' && tlb[i - 1]!.includes('else')) + 1;
    expect(line).toBeGreaterThan(0);
    const id = `drop smp_mb() at prelude/arch/x86/mm/tlb.c:${line}`;
    const s = mutateCModel(cModelScenario(switchBackModel()), 2, { only: (x) => x === id });
    const on = (config: string) => s.results.find((r) => r.config === config);
    expect(on('x86-pcid/tso')).toMatchObject({ outcome: 'caught', detail: 'no-stale-tlb-after-sync' });
    // Without PCID every switch flushes: nothing is caught, and nothing is called equivalent that the split changes.
    expect(on('x86-native/tso')?.outcome).toBe('finding');
  });

  it('is inconclusive where the unmutated model, run step by step at the same lines, does not hold either (test/fixtures/cmodels/mutate-cut.c)', () => {
    const C = 'test/fixtures/cmodels/mutate-cut.c';
    const s = mutateCModel(cModelScenario(C), 2);
    const r = s.results.find((x) => x.id === `drop smp_mb() at ${C}:13`);
    expect(r?.outcome).toBe('inconclusive');
    expect(r?.detail).toBe(`the edit runs step by step inside the __atomic_block at ${C}:11; run the same way without the mutation, the model is already violated (BUG_ON(READ_ONCE(count) != 2)), so the mutant's run says nothing of the mutation`);
    // Outside the block a mutant is judged against the model as committed.
    expect(s.results.find((x) => x.id === `drop smp_cond_load_acquire() at ${C}:27`)).toMatchObject({ outcome: 'caught', detail: 'BUG_ON(READ_ONCE(count) != 2)' });
  });
});

describe('a model whose unmutated run leaves its bounds', () => {
  it('is not mutated, and is inconclusive, as check says, not violated (test/fixtures/cmodels/mutate-bound.c)', () => {
    const s = mutateCModel(cModelScenario('test/fixtures/cmodels/mutate-bound.c'), 2);
    expect(s.results).toEqual([]);
    expect(s.notMutated).toEqual([{ variant: 'baseline', config: 'x86-native/tso', verdict: 'inconclusive', detail: 'store-buffer-bound: a CPU stored into a full store buffer (1 entries); raise MODEL_STORE_BUFFER(n) in the model' }]);
  });
});
