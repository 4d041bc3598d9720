/**
 * The mmu-gather scenario twice: the TypeScript one (src/scenarios/mmu-gather) and the C model
 * (models/mmu-gather.c, its patches in models/mmu-gather/). Every variant (the C baseline is
 * the model with no patch; each other variant is the patch whose Mirrors: header names it) on
 * every configuration, at the scenario's default CPU count, checked by the same runCheck with
 * the same settings (exhaustive BFS with symmetry): the verdicts, the violated property and the
 * race-window judgement (a holds whose witnesses were all reached) must be equal.
 *
 * The default `npm test` checks every variant on x86-native, arm64 and powerpc (one of each
 * architecture); the paravirtual and INVLPGB configurations (x86-kvm-pv alone takes minutes:
 * a vCPU may be preempted at any step) run in `npm run test:full`, which CI runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCGrammar } from '../src/c/grammar.js';
import { findScenario } from '../src/scenarios/index.js';
import { cMirrors, checkOwnPatch, expectAgreement, expectModelSize, mirrored } from './cmodel-mirrors.js';

const MODEL = 'models/mmu-gather.c';
const FULL = process.env['SHOOTDOWN_FULL'] === '1';
const DEFAULT_ARCHES: readonly string[] = ['x86-native', 'arm64', 'powerpc'];
const ts = findScenario('mmu-gather')!;

const mirrors = (): Map<string, string> => cMirrors('mmu-gather');

beforeAll(async () => {
  await loadCGrammar();
});

describe('mmu-gather in C agrees with the TypeScript scenario', () => {
  const map = mirrors();

  it('is a model of at most 150 lines, and patches of at most 30 lines of diff each (below their header)', () => {
    expectModelSize('mmu-gather');
  });

  it('every C patch mirrors a variant of the TypeScript scenario', () => {
    expect([...map.keys()].filter((v) => !mirrored(ts, map).some((x) => x.name === v))).toEqual([]);
  });

  for (const v of mirrored(ts, map)) {
    describe(v.name, () => {
      for (const arch of ts.arches) {
        const inDefault = DEFAULT_ARCHES.includes(arch);
        (FULL || inDefault ? it : it.skip)(inDefault ? arch : `${arch} (npm run test:full)`, () => {
          expectAgreement(MODEL, ts, v.name, map.get(v.name)!, arch);
        }, 600_000);
      }
    });
  }
});

/*
 * x86 INVLPGB as the kernel issues it (INVLPGB, then TLBSYNC): with INVLPGB_FLAG_FINAL_ONLY the
 * walk caches keep their pointers. Rik van Riel's "Only invalidate final translations with
 * INVLPGB" sets it only without freed tables and holds; set always, a CPU keeps the pointer to
 * the freed T. The freed table's page is in the gather's range (pte_free_tlb()), so the flush is
 * the page's INVLPGB, whose flag matters, as in the kernel's flush of a small unmap.
 */
describe('x86 INVLPGB_FLAG_FINAL_ONLY and freed page tables', () => {
  const check = (variant: string) => checkOwnPatch(MODEL, variant, 'x86-invlpgb', ts.defaultCpus);

  it('final translations only, unless tables were freed: holds, every race window reached', () => {
    expect(check('invlpgb-final-only')).toMatchObject({ verdict: 'holds', vacuous: [] });
  }, 600_000);

  it('final translations only, always: a CPU walks the freed table through its cached pointer', () => {
    const r = check('invlpgb-final-only-always');
    expect(r).toMatchObject({ verdict: 'violated', property: 'no-walker-reads-freed-table' });
    expect(r.trace).toContain('INVLPGB_FLAG_FINAL_ONLY');
  }, 600_000);
});
