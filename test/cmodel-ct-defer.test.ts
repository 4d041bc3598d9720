/**
 * models/ct-defer.c, the text-patching half of the ct-defer scenario in kernel C, against its
 * TypeScript model (src/scenarios/ct-defer): the baseline and each patch in models/ct-defer/
 * (which names the TypeScript variant it re-expresses in its Mirrors: header) on x86-native
 * under sc and tso, at the scenario's default CPU count, checked by the same runCheck with the
 * same settings. The kernel-TLB half (vfree() and flush_tlb_kernel_range(), COALESCE_TLBI) is
 * not written in C: the MMU of the C models walks one user address space, and those variants
 * need the kernel's, behind PTI's two CR3s.
 *
 * And the deferral is what makes text-poke-defer hold: with CT_WORK_SYNC's sync_core() taken
 * out of arch_context_tracking_work(), a CPU that was left out of the IPI runs the old
 * instruction after its next kernel entry. And the kernel's own check of the IRQ state in
 * smp_call_function_many_cond() (prelude/kernel/smp.c) fires on a patch that syncs with IRQs
 * off, as lockdep would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { cMirrors, describeAgreement, safetyVerdict } from './cmodel-mirrors.js';

const MODEL = 'models/ct-defer.c';
const DEFER = 'models/ct-defer/text-poke-defer.diff';

beforeAll(async () => {
  await loadCGrammar();
});

describe('ct-defer in C agrees with the TypeScript scenario', () => {
  describeAgreement('ct-defer');

  it('mirrors the two text-patching variants', () => {
    // text-poke-defer-patched-entry is shorter than the TypeScript name, so that its counterexample's path fits 80 columns
    expect([...cMirrors('ct-defer')].sort()).toEqual([
      ['baseline', 'baseline'],
      ['text-poke-defer', 'text-poke-defer'],
      ['text-poke-defer-entry-text-patched', 'text-poke-defer-patched-entry'],
    ]);
  });
});

describe('the deferred work is what makes the deferral hold', () => {
  const noSync = [
    '--- a/prelude/arch/x86/include/asm/context_tracking_work.h',
    '+++ b/prelude/arch/x86/include/asm/context_tracking_work.h',
    '@@ -12,3 +12,2 @@',
    ' \tcase CT_WORK_SYNC:',
    '-\t\tsync_core();',
    ' \t\tbreak;',
    '',
  ].join('\n');

  it.each(['sc', 'tso'] as const)('without the sync_core() of CT_WORK_SYNC, a deferred CPU runs the old instruction (%s)', (mm) => {
    const m = loadCModelSync(MODEL, { patch: DEFER, patchText: { name: 'no-work-sync.diff', text: noSync } });
    expect(safetyVerdict(m.build(ARCHES['x86-native'], 3, mm).spec)).toBe('violated no-stale-text-after-sync');
  }, 600_000);

  it.each(['sc', 'tso'] as const)('with it, the same model holds (%s)', (mm) => {
    const m = loadCModelSync(MODEL, { patch: DEFER });
    expect(safetyVerdict(m.build(ARCHES['x86-native'], 3, mm).spec)).toBe('holds');
  }, 600_000);
});

describe("the prelude's own IRQ checks", () => {
  const syncIrqsOff = [
    '--- a/prelude/arch/x86/kernel/alternative.c',
    '+++ b/prelude/arch/x86/kernel/alternative.c',
    '@@ -59,4 +59,8 @@',
    ' {',
    '+\tunsigned long flags;',
    '+',
    '+\tlocal_irq_save(flags);',
    ' \ttext_poke(addr, insn);',
    ' \tsmp_text_poke_sync_each_cpu();',
    '+\tlocal_irq_restore(flags);',
    ' }',
    '',
  ].join('\n');

  it('smp_text_poke_sync_each_cpu() with IRQs off violates lockdep_assert_irqs_enabled()', () => {
    const m = loadCModelSync(MODEL, { patchText: { name: 'sync-irqs-off.diff', text: syncIrqsOff } });
    expect(safetyVerdict(m.build(ARCHES['x86-native'], 3, 'sc').spec)).toBe('violated lockdep_assert_irqs_enabled()');
  }, 600_000);
});
