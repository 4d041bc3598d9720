/**
 * An arm64 TLBI left pending (`__tlbi()` without its DSB, src/cmodel/hardware/mmu.ts) keeps the
 * set of CPUs that issued it, one bit per CPU, so the issuer's `dsb(ish)` completes exactly its
 * own invalidations. test/fixtures/cmodels/tlbi.c: readers cache P's translation; the last CPU
 * clears P's PTE, issues the TLBI, executes its DSB, frees P. By hand: the DSB removes the
 * translation from every reader before the free, so it holds; without the DSB a reader uses
 * the freed P. At 9 CPUs the issuer is CPU8, whose bit lies past the first byte of the set (a
 * one-byte set dropped it: the DSB completed nothing and the model was falsely violated).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { loadCModelSync } from '../src/cmodel/index.js';

const F = 'test/fixtures/cmodels';

beforeAll(async () => {
  await loadCGrammar();
});

function built(patch?: string) {
  const m = loadCModelSync(`${F}/tlbi.c`, patch === undefined ? {} : { patch: `${F}/${patch}` });
  return m.build(ARCHES.arm64, 9, 'sc');
}

function verdict(patch: string | undefined, symmetry: boolean) {
  const r = bfs(compileModel(built(patch).spec), { symmetry, maxStates: 1_000_000, timeoutMs: 60_000 });
  return { verdict: r.verdict, property: r.verdict === 'violated' ? r.property : undefined };
}

describe('a TLBI left pending names its issuers, one bit per CPU', () => {
  it.each([true, false])('the ninth CPU\'s DSB completes its TLBI on every CPU (symmetry %s)', (symmetry) => {
    expect(verdict(undefined, symmetry).verdict).toBe('holds');
  });

  it('without the DSB a reader uses the freed page', () => {
    expect(verdict('tlbi-nosync.diff', true)).toEqual({ verdict: 'violated', property: 'no-stale-tlb-after-sync' });
  });

  it('__tlbi_pending() sees the bit of the ninth CPU, in the second byte of the set', () => {
    const witness = ['--- a/tlbi.c', '+++ b/tlbi.c', '@@ -34,2 +34,4 @@', ' MODEL_CPUS(9, 9);', ' MODEL_ARCHES("arm64");', '+static bool pending(int cpu) { return __tlbi_pending(cpu); }', '+WITNESS(no_stale_tlb_after_sync, pending, "a reader\'s translation has a TLBI pending");', ''].join('\n');
    const m = loadCModelSync(`${F}/tlbi.c`, { patchText: { name: 'pending.diff', text: witness } });
    const r = bfs(compileModel(m.build(ARCHES.arm64, 9, 'sc').spec), { symmetry: true, maxStates: 1_000_000, timeoutMs: 60_000 });
    expect(r.verdict).toBe('holds');
    expect(Object.values(r.reached)).toEqual([true]);
  });

  it('readers that issue nothing stay interchangeable: the set names only the unmapper, which is not permuted', () => {
    expect(built().symmetry.find((s) => s.role === 'reader')).toMatchObject({ symmetric: true });
  });

  it('a role whose CPUs issue TLBIs is not symmetric: permuting its CPUs would not rename their bits', () => {
    const s = built('tlbi-readers-issue.diff').symmetry.find((x) => x.role === 'reader');
    expect(s?.symmetric).toBe(false);
    expect(s?.reason).toMatch(/issue TLBIs left pending .*tlbi\.c:22: __tlbi\(vae1is, &pte\)/);
  });
});

/*
 * The walk caches too: test/fixtures/cmodels/mmu.c caches T's pointer on every task CPU; CPU0
 * unlinks T, invalidates, waits for an RCU grace period and frees T. An invalidation left
 * pending that covers the walk caches (arm64 ASIDE1IS, x86 INVLPGB without FINAL_ONLY) is
 * complete once the issuer's DSB or TLBSYNC has run, so no CPU walks the freed T; one of the
 * last level only (VALE1IS, INVLPGB_FLAG_FINAL_ONLY) leaves the pointer, and so does an
 * INVLPGB nobody waits for (a grace period does not complete it).
 */
describe('an invalidation left pending covers the walk caches unless it is of the last level only', () => {
  const mmu = (patch: string) => {
    const m = loadCModelSync(`${F}/mmu.c`, { patch: `${F}/${patch}` });
    const r = bfs(compileModel(m.build(ARCHES['x86-native'], 3, 'sc').spec), { symmetry: false, maxStates: 1_000_000, timeoutMs: 60_000 });
    return r.verdict === 'violated' ? `violated ${r.property}` : r.verdict;
  };

  it.each([
    ['mmu-invlpgb.diff', 'holds'],
    ['mmu-tlbi-aside1is.diff', 'holds'],
    ['mmu-invlpgb-final-only.diff', 'violated no-walker-reads-freed-table'],
    ['mmu-tlbi-vale1is.diff', 'violated no-walker-reads-freed-table'],
    ['mmu-invlpgb-nosync.diff', 'violated no-walker-reads-freed-table'],
  ])('%s: %s', (patch, want) => {
    expect(mmu(patch)).toBe(want);
  });
});
