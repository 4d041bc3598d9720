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
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { checkOwnPatch, describeAgreement, safetyVerdict } from './cmodel-mirrors.js';

const MODEL = 'models/arm64-batch.c';

beforeAll(async () => {
  await loadCGrammar();
});

describe('arm64-batch in C agrees with the TypeScript scenario', () => {
  describeAgreement('arm64-batch');
});

describe("arm64 __switch_to()'s dsb(ish) is prelude code", () => {
  const noSwitchDsb = ['--- a/prelude/arch/arm64/kernel/process.c', '+++ b/prelude/arch/arm64/kernel/process.c', '@@ -14,3 +14,2 @@', ' {', '-\tdsb(ish);', ' }', ''].join('\n');

  it('without it, the batched unmap lets a store reach the freed page once the reclaim task migrates', () => {
    const m = loadCModelSync(MODEL, { patch: 'models/arm64-batch/batched.diff', patchText: { name: 'no-switch-dsb.diff', text: noSwitchDsb } });
    expect(safetyVerdict(m.build(ARCHES.arm64, 3, 'sc').spec)).toBe('violated no-stale-tlb-after-sync');
  }, 600_000);

  it('with it, the same model holds', () => {
    const m = loadCModelSync(MODEL, { patch: 'models/arm64-batch/batched.diff' });
    expect(safetyVerdict(m.build(ARCHES.arm64, 3, 'sc').spec)).toBe('holds');
  }, 600_000);
});

/*
 * x86 INVLPGB is issued, not waited for: TLBSYNC on the CPU that issued it completes it
 * (builtins __invlpgb() and __tlbsync()). Rik van Riel's targeted batch flush (v15 10/11)
 * issues an INVLPGB per page in arch_tlbbatch_add_pending() and waits in arch_tlbbatch_flush()
 * and at every context switch (switch_mm_irqs_off(), which the scheduler of a model with tasks
 * runs through the prelude's context_switch()).
 */
describe('x86 INVLPGB, completed by the issuing CPU\'s TLBSYNC', () => {
  const check = (variant: string) => checkOwnPatch(MODEL, variant, 'x86-invlpgb', 3);

  it('7.1.5 (the batch flush is one INVLPGB and its TLBSYNC, preemption off) holds', () => {
    expect(check('batched')).toMatchObject({ verdict: 'holds', vacuous: [] });
  }, 600_000);

  it('the targeted batch flush holds, the migrating reclaim task reached: the context switch waits', () => {
    expect(check('invlpgb-targeted')).toMatchObject({ verdict: 'holds', vacuous: [] });
  }, 600_000);

  it('without the tlbsync() at the context switch, a task that migrates waits for nothing: a store reaches the freed page', () => {
    const r = check('invlpgb-targeted-no-switch-sync');
    expect(r).toMatchObject({ verdict: 'violated', property: 'no-stale-tlb-after-sync' });
    expect(r.trace).toContain('reclaim moves from CPU0 to CPU1');
    expect(r.trace).toContain('__invlpgb');
  }, 600_000);
});
