/**
 * The arm64-batch scenario twice: the TypeScript one (src/scenarios/arm64-batch) and the C model
 * (models/arm64-batch.c, its patches in models/arm64-batch/). Every variant (the C baseline is
 * the model with no patch; each other variant is the patch whose Mirrors: header names it) on
 * both configurations, at the scenario's default CPU count, checked by the same runCheck with
 * the same settings: the verdicts, the violated property and the race-window judgement (a
 * holds whose witnesses were all reached) must be equal.
 *
 * And the context switch's barrier is prelude code: without arm64 __switch_to()'s dsb(ish), a
 * reclaim task that migrates between its TLBIs and its batch flush leaves them pending on the
 * CPU it left, and a store through the stale translation reaches the freed page.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { compileModel } from '../src/core/compile.js';
import type { ModelSpec } from '../src/core/model.js';
import { bfs } from '../src/engines/bfs.js';
import { findScenario } from '../src/scenarios/index.js';
import { cMirrors, expectAgreement } from './cmodel-mirrors.js';

const MODEL = 'models/arm64-batch.c';
const ts = findScenario('arm64-batch')!;

const mirrors = (): Map<string, string> => cMirrors('arm64-batch');

/** A verdict on safety alone (the witnesses and progress are the agreement tests' part). */
function judge(spec: ModelSpec): string {
  const r = bfs(compileModel(spec), { symmetry: false, maxStates: 1_000_000, timeoutMs: 300_000 });
  return r.verdict === 'violated' ? `violated ${r.property}` : r.verdict;
}

beforeAll(async () => {
  await loadCGrammar();
});

describe('arm64-batch in C agrees with the TypeScript scenario', () => {
  const map = mirrors();

  it('is a model of at most 150 lines, and patches of at most 30 lines of diff each (below their header)', () => {
    expect(readFileSync(MODEL, 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(150);
    for (const f of readdirSync('models/arm64-batch')) {
      const text = readFileSync(`models/arm64-batch/${f}`, 'utf8');
      expect(text.slice(text.indexOf('\n--- ') + 1).trimEnd().split('\n').length, f).toBeLessThanOrEqual(30);
    }
  });

  it('every TypeScript variant has a C patch that mirrors it', () => {
    expect(ts.variants.map((v) => v.name).filter((v) => !map.has(v))).toEqual([]);
  });

  for (const v of ts.variants) {
    describe(v.name, () => {
      for (const arch of ts.arches) {
        it(arch, () => {
          expectAgreement(MODEL, ts, v.name, map.get(v.name)!, arch);
        }, 600_000);
      }
    });
  }
});

describe("arm64 __switch_to()'s dsb(ish) is prelude code", () => {
  const noSwitchDsb = ['--- a/prelude/arch/arm64/kernel/process.c', '+++ b/prelude/arch/arm64/kernel/process.c', '@@ -14,3 +14,2 @@', ' {', '-\tdsb(ish);', ' }', ''].join('\n');

  it('without it, the batched unmap lets a store reach the freed page once the reclaim task migrates', () => {
    const m = loadCModelSync(MODEL, { patch: 'models/arm64-batch/batched.diff', patchText: { name: 'no-switch-dsb.diff', text: noSwitchDsb } });
    expect(judge(m.build(ARCHES.arm64, 3, 'sc').spec)).toBe('violated no-stale-tlb-after-sync');
  }, 600_000);

  it('with it, the same model holds', () => {
    const m = loadCModelSync(MODEL, { patch: 'models/arm64-batch/batched.diff' });
    expect(judge(m.build(ARCHES.arm64, 3, 'sc').spec)).toBe('holds');
  }, 600_000);
});
