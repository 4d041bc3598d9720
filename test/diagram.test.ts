/**
 * The column diagram is paste-ready: every committed `.txt` keeps within 80 columns, no word
 * (identifier) of a step is cut, each step is drawn in the column of the CPU that runs it
 * (a sender's read of a target's state in the sender's, a migrated task where it runs), the
 * violated property is named, and three or four CPUs still fit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../src/core/trace.js';
import { loadCounterexample } from '../src/cli/replay-cmd.js';
import { placeSteps } from '../src/report/columns.js';
import { columnStarts, commandLines, renderDiagram, wrapCell } from '../src/report/diagram.js';

const dir = 'counterexamples';
const txts = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const step = (cpu: number, text: string, extra: Partial<TraceStep> = {}): TraceStep => ({ cpu, role: `r${cpu}`, kind: 'program', step: text.split('(')[0] ?? text, text, source: 's', ...extra });

describe('column diagram', () => {
  it('every committed counterexample diagram keeps within 80 columns and names its property', () => {
    expect(txts.length).toBeGreaterThan(0);
    for (const f of txts) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const line of text.split('\n')) expect(line.length, `${f}: ${line}`).toBeLessThanOrEqual(80);
      const cx = loadCounterexample(join(dir, f.replace(/\.txt$/, '.json')));
      expect(text, f).toContain(cx.cycleFrom === undefined ? `${cx.property} violated at step ${cx.trace.length}` : `${cx.property} violated:`);
      expect(text, f).not.toMatch(/\bP\d+b? violated|\(lazy skipped\)/);
    }
  });

  it('never cuts a word of a step in a committed diagram', () => {
    for (const f of txts) {
      const words = new Set(readFileSync(join(dir, f), 'utf8').split(/\s+/));
      const cx = loadCounterexample(join(dir, f.replace(/\.txt$/, '.json')));
      for (const t of cx.trace.filter((x) => x.kind !== 'choose')) {
        for (const w of t.text.split(' ').filter((x) => x !== '')) {
          const seen = words.has(w) || words.has(`${w}<-`) || [...words].some((x) => x.endsWith(`:${w}`) || x === `${w}:`);
          expect(seen, `${f}: '${w}' of '${t.text}'`).toBe(true);
        }
      }
    }
  });

  it("draws a sender's read of a target in the sender's column", () => {
    const text = readFileSync(join(dir, 'eqs-kick+skip-eqs-no-isb+arm64.txt'), 'utf8');
    const line = text.split('\n').find((l) => l.includes('rcu_dynticks_in_eqs(CPU1)'));
    expect(line?.startsWith('rcu_dynticks_in_eqs(CPU1)')).toBe(true);
  });

  it('draws a migrated task where it runs, named, after the step that migrates it', () => {
    const trace = [
      step(0, 'reclaim starts', { role: 'reclaim', on: 0 }),
      step(1, 'mprotect runs', { role: 'mprotect' }),
      step(0, 'preempted, migrates to CPU1', { role: 'reclaim', on: 0 }),
      step(0, 'arch_tlbbatch_flush(): dsb(ish)', { role: 'reclaim', on: 1 }),
    ];
    const { columns, placed } = placeSteps(trace);
    expect(columns.map((c) => c.cpu)).toEqual([0, 1]);
    expect(placed.map((p) => p.column)).toEqual([0, 1, 0, 1]);
    expect(placed[3]?.text).toBe('reclaim: arch_tlbbatch_flush(): dsb(ish)');
    // A CPU only the migrated task runs on gets a column of its own.
    const away = placeSteps([step(0, 'a', { role: 'CPU0/taskA', on: 0 }), step(0, 'b', { role: 'CPU0/taskA', on: 2 })]);
    expect(away.columns.map((c) => c.title)).toEqual(['CPU0/taskA', 'CPU2']);
    expect(away.placed[1]).toEqual({ column: 1, text: 'taskA: b' });
  });

  it('fits three and four CPUs without cutting an identifier', () => {
    const long = 'send_call_function_ipi_mask()';
    for (const n of [3, 4]) {
      const trace = Array.from({ length: 2 * n }, (_, i) => step(i % n, i % 2 === 0 ? `${long}: sends the IPIs to the cpumask` : 'flush_tlb_batched_pending(): dsb(ish) on CPU1'));
      const text = renderDiagram({ title: 'title', header: [], trace, property: 'p', verdictLine: 'why' });
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
      expect(text.split(/\s+/)).toContain(`${long}:`);
      expect(text.split(/\s+/)).toContain('flush_tlb_batched_pending():');
    }
  });

  it('wraps at spaces, lets a long word run into the empty columns, and moves a column left for its longest word', () => {
    expect(wrapCell('tlb_remove_table_sync_one(): returns early, no IPI', 18, 40)).toEqual(['tlb_remove_table_sync_one():', '  returns early,', '  no IPI']);
    expect(columnStarts([10, 10, 30], 80)).toEqual([0, 25, 50]);
    expect(columnStarts([10, 10, 10], 80)).toEqual([0, 27, 54]);
    expect(columnStarts([30, 28, 30, 28], 80)).toEqual([0, 17, 34, 52]);
  });

  it('continues a long replay command with a backslash', () => {
    const file = 'counterexamples/ct-defer+coalesce-tlbi-flag-before-flush-mb+x86-native+tso.json';
    const lines = commandLines('replay:', `npx shootdown replay ${file}`);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines.join(' ').replace(/ \\/g, '').replace(/\s+/g, ' ')).toBe(`replay: npx shootdown replay ${file}`);
  });
});
