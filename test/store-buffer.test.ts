/**
 * Memory models in the scenarios (issue #9 part 3): the kernel primitives' store-buffer
 * semantics per model, and what they do to eqs-kick: the store-buffering counterexamples show
 * the buffered stores, SC calls the same code safe, and the posted code holds under every model
 * with the store-buffer race window reached (not vacuous).
 */
import { describe, expect, it, vi } from 'vitest';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { drainsStoreBuffer, storeIsBuffered } from '../src/mechanisms/store-buffer.js';
import { eqsKick } from '../src/scenarios/eqs-kick/index.js';
import { ctDefer } from '../src/scenarios/ct-defer/index.js';
import { main } from '../src/cli.js';

describe('store-buffer semantics of kernel primitives', () => {
  it('buffers nothing under sc', () => {
    for (const p of ['WRITE_ONCE', 'atomic_inc', 'atomic_add_return', 'cmpxchg'] as const) expect(storeIsBuffered('sc', p)).toBe(false);
  });
  it('tso: plain stores wait, every (locked) atomic drains and writes through', () => {
    expect(storeIsBuffered('tso', 'WRITE_ONCE')).toBe(true);
    expect(storeIsBuffered('tso', 'atomic_inc')).toBe(false);
    expect(drainsStoreBuffer('tso', 'atomic_inc')).toBe(true);
    expect(drainsStoreBuffer('tso', 'smp_mb')).toBe(true);
    expect(drainsStoreBuffer('tso', 'smp_mb__after_atomic')).toBe(false);
  });
  it('weak: non-value-returning atomics wait too; value-returning ones and smp_mb__after_atomic drain', () => {
    expect(storeIsBuffered('weak', 'atomic_inc')).toBe(true);
    expect(storeIsBuffered('weak', 'atomic_add_return')).toBe(false);
    expect(drainsStoreBuffer('weak', 'atomic_add_return')).toBe(true);
    expect(drainsStoreBuffer('weak', 'cmpxchg')).toBe(true);
    expect(drainsStoreBuffer('weak', 'smp_mb__after_atomic')).toBe(true);
    expect(drainsStoreBuffer('weak', 'atomic_inc')).toBe(false);
  });
});

const check = (variant: string, mm: 'sc' | 'tso' | 'weak') => runCheck(eqsKick, variant, 'arm64', { ...defaultCheckOptions, memoryModel: mm });

describe('eqs-kick under store buffers', () => {
  it('without the sender smp_mb(): holds under sc, violated under tso with the buffered patch in the trace', () => {
    expect(check('skip-eqs-no-mb', 'sc').verdict).toBe('holds');
    const r = check('skip-eqs-no-mb', 'tso');
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('no-stale-text-after-sync');
    expect(r.trace?.[0]?.text).toContain('stays in the store buffer');
    expect(r.trace?.some((t) => t.step === 'smp_mb')).toBe(false);
  });
  it('EQS exit by atomic_inc(): holds under tso (locked), violated under weak with the buffered increment read as EQS', () => {
    expect(check('skip-eqs-atomic-inc', 'tso').verdict).toBe('holds');
    const r = check('skip-eqs-atomic-inc', 'weak');
    expect(r.verdict).toBe('violated');
    const texts = r.trace?.map((t) => t.text) ?? [];
    expect(texts.some((t) => t.startsWith('atomic_inc(): RCU watching (the increment stays in the store buffer)'))).toBe(true);
    expect(texts.some((t) => t.includes('EQS -> skipped (its EQS-exit increment is still in its store buffer)'))).toBe(true);
  });
  it('the posted code holds under every model, with the store-buffer race window reached', () => {
    for (const mm of ['sc', 'tso', 'weak'] as const) {
      const r = check('skip-eqs-isb-after-exit', mm);
      expect(r.verdict, mm).toBe('holds');
      expect(r.vacuous).toEqual([]);
      if (mm !== 'sc') expect(r.reached['eqs-exit-while-patch-buffered']).toBe(true);
    }
  });
  it('smp_mb__after_atomic() after atomic_inc() restores it under weak', () => {
    expect(check('skip-eqs-atomic-inc-mb', 'weak').verdict).toBe('holds');
  });
  it('the CLI refuses a memory model the scenario does not model, in one line with exit code 2', async () => {
    let err = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      err += String(s);
      return true;
    });
    try {
      expect(await main(['check', 'mmu-gather', '--model', 'weak'], () => {})).toBe(2);
      expect(await main(['check', 'eqs-kick', '--model', 'relaxed'], () => {})).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err).toBe("shootdown: memory model 'weak' is not modelled for mmu-gather; one of: sc\nshootdown: unknown memory model 'relaxed'; one of: sc, tso, weak, all\n");
  });
});

const ct = (variant: string, mm: 'sc' | 'tso') => runCheck(ctDefer, variant, 'x86-native', { ...defaultCheckOptions, memoryModel: mm });

describe('ct-defer COALESCE_TLBI under x86-TSO (Dave Hansen on RFC v7 30/31)', () => {
  it('the posted order (flush, then kernel_cr3_loaded = 1) is violated even under sc', () => {
    const r = ct('coalesce-tlbi-vmalloc', 'sc');
    expect(r.verdict).toBe('violated');
    const steps = r.trace?.map((t) => t.step) ?? [];
    expect(steps.indexOf('invpcid_flush_all')).toBeLessThan(steps.indexOf('page walk (TLB fill)'));
    expect(steps.indexOf('page walk (TLB fill)')).toBeLessThan(steps.indexOf('kernel_cr3_loaded = 1'));
  });
  it('flag before the flush holds under sc; under tso a barrier on one side is not enough', () => {
    expect(ct('coalesce-tlbi-flag-before-flush', 'sc').verdict).toBe('holds');
    expect(ct('coalesce-tlbi-flag-before-flush', 'tso').verdict).toBe('violated');
    const r = ct('coalesce-tlbi-flag-before-flush-mb', 'tso');
    expect(r.verdict).toBe('violated');
    expect(r.trace?.some((t) => t.text.includes('kernel_cr3_loaded = 1 (stays in the store buffer)'))).toBe(true);
  });
  it('ordered on both sides (flag before the serialising CR3 write, smp_mb() before the reads) holds under tso, race window reached', () => {
    const r = ct('coalesce-tlbi-ordered', 'tso');
    expect(r.verdict).toBe('holds');
    expect(r.vacuous).toEqual([]);
    expect(r.reached['entry-while-pte-clear-buffered']).toBe(true);
  });
  it("ct_set_cpu_work()'s cmpxchg orders the text patch: text-poke-defer holds under tso", () => {
    expect(ct('text-poke-defer', 'tso').verdict).toBe('holds');
  });
});
