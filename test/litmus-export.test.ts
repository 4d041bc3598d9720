/**
 * `shootdown litmus --from`: every committed tso/weak counterexample (found on disk) is either
 * exported as a litmus test whose outcome sequential consistency forbids and LKMM allows
 * (Sometimes), and x86-TSO allows too when the counterexample is a tso one, or refused with
 * one line naming it and the reason. The store-buffering counterexamples the variants' own
 * documentation describes are among the exported ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { exportCounterexample } from '../src/litmus/export/from-counterexample.js';
import { loadLitmus, runLitmus, type LitmusResult } from '../src/litmus/index.js';
import { parseCounterexample, type CounterexampleFile } from '../src/report/counterexample-file.js';
import { InputError } from '../src/report/input-error.js';

const DIR = join(import.meta.dirname, '..', 'counterexamples');
const all = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, cx: parseCounterexample(readFileSync(join(DIR, f), 'utf8'), f) }));
const relaxed = all.filter(({ cx }) => cx.memoryModel === 'tso' || cx.memoryModel === 'weak');

beforeAll(async () => {
  await loadLitmus();
});

const outcome = (r: LitmusResult): string => (r.status === 'answer' ? r.outcome : `inconclusive: ${r.reason}`);

function tryExport(cx: CounterexampleFile, file: string): string | InputError {
  try {
    return exportCounterexample(cx, file).text;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

describe('litmus --from a committed tso/weak counterexample', () => {
  it('finds the committed tso and weak counterexamples', () => {
    expect(relaxed.length).toBeGreaterThanOrEqual(20);
  });
  const exported: string[] = [];
  for (const { file, cx } of relaxed) {
    it(`${cx.name}: exported with an outcome LKMM allows and SC forbids, or refused by name`, () => {
      const t = tryExport(cx, file);
      if (t instanceof InputError) {
        expect(t.message).toContain(cx.name);
        expect(t.message.split('\n')).toHaveLength(1);
        return;
      }
      exported.push(cx.name);
      expect(outcome(runLitmus(t, { model: 'lkmm' }))).toBe('Sometimes');
      expect(outcome(runLitmus(t, { model: 'sc' }))).toBe('Never');
      if (cx.memoryModel === 'tso') expect(outcome(runLitmus(t, { model: 'tso' }))).toBe('Sometimes');
    });
  }
  it('exports the store-buffering counterexamples (the sender without smp_mb(), the flag before the flush)', () => {
    for (const name of [
      'eqs-kick+skip-eqs-no-mb+arm64+tso',
      'eqs-kick+skip-eqs-no-mb+powerpc+weak',
      'eqs-kick+skip-eqs-atomic-inc+arm64+weak',
      'ct-defer+coalesce-tlbi-flag-before-flush+x86-native+tso',
      'ct-defer+coalesce-tlbi-flag-before-flush-mb+x86-native+tso',
    ]) {
      expect(exported).toContain(name);
    }
  });
  it('refuses the counterexamples that turn on something else: a stale instruction stream, a TLB filled before the trace', () => {
    const reason = (name: string): string => {
      const found = relaxed.find((x) => x.cx.name === name)!;
      const t = tryExport(found.cx, found.file);
      return t instanceof InputError ? t.message : 'exported';
    };
    expect(reason('eqs-kick+skip-eqs-no-isb+arm64+weak')).toMatch(/sequential consistency already allows/);
    expect(reason('ct-defer+kernel-tlb-defer+x86-native+tso')).toMatch(/sequential consistency already allows/);
    expect(reason('ct-defer+coalesce-tlbi-freed-tables+x86-native+tso')).toMatch(/LKMM has no memory reuse/);
  });
  it('refuses an sc counterexample and a step it does not know, by name', () => {
    const sc = all.find(({ cx }) => cx.memoryModel === 'sc' && cx.scenario === 'eqs-kick')!;
    expect(() => exportCounterexample(sc.cx, sc.file)).toThrow(/memory model 'sc'/);
    const base = relaxed.find(({ cx }) => cx.name === 'eqs-kick+skip-eqs-no-mb+arm64+tso')!;
    const odd = { ...base.cx, trace: [...base.cx.trace, { ...base.cx.trace[0]!, step: 'mystery_step', kind: 'program' as const }] };
    expect(() => exportCounterexample(odd, base.file)).toThrow(/'mystery_step'.*not in the export's table/);
  });
});

describe('shootdown litmus --from', () => {
  const cli = runCli;
  it('prints the litmus test (80 columns), which shootdown litmus then answers Sometimes', async () => {
    const r = await cli(['litmus', '--from', join(DIR, 'eqs-kick+skip-eqs-no-mb+arm64+tso.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^C shootdown-eqs-kick\+skip-eqs-no-mb\+arm64\+tso\n/);
    expect(r.out).toContain('WRITE_ONCE(*text, 1);');
    expect(r.out).toContain('atomic_add_return(1, ct1);');
    expect(r.out).toContain('exists (0:r0=0 /\\ 1:r0=1 /\\ 1:r1=0)');
    expect(r.out.split('\n').filter((l) => l.replace(/\t/g, '        ').length > 80)).toEqual([]);
  });
  it('refuses with one line and exit 2: a counterexample without a store-buffer reordering, a file with it', async () => {
    const r = await cli(['litmus', '--from', join(DIR, 'eqs-kick+skip-eqs-no-isb+arm64+weak.json')]);
    expect([r.code, r.err.trim().split('\n').length]).toEqual([2, 1]);
    expect((await cli(['litmus', '--from', join(DIR, 'eqs-kick+skip-eqs-no-mb+arm64+tso.json'), 'x.litmus'])).code).toBe(2);
    expect((await cli(['litmus', '--from', join(DIR, 'no-such.json')])).code).toBe(2);
  });
});
