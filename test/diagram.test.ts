/** The column diagram: 80 columns, words and identifiers kept whole where they fit. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDiagram, splitWord, wrap } from '../src/report/diagram.js';
import { loadCounterexample } from '../src/cli/replay-cmd.js';

describe('column diagram', () => {
  it('wraps at spaces and cuts long identifiers at a boundary', () => {
    expect(wrap('tlb_remove_table_sync_one(): returns early, no IPI', 18)).toEqual(['tlb_remove_table_', '  sync_one():', '  returns early,', '  no IPI']);
    expect(splitWord('abcdefghijklmnop', 8)).toEqual(['abcdefgh', 'ijklmnop']);
    for (const l of wrap('csd_lock_wait(): flush IPIs done; smp_call_function_many_cond()', 20)) expect(l.length).toBeLessThanOrEqual(20);
  });

  it('keeps every committed diagram within 80 columns', () => {
    const cx = loadCounterexample('counterexamples/mmu-gather+skip-sync+x86-kvm-pv.json');
    const text = renderDiagram({ title: 't', header: [], trace: cx.trace, verdictLine: cx.explanation });
    for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    expect(text).toBe(renderDiagram({ title: 't', header: [], trace: cx.trace, verdictLine: cx.explanation }));
    const committed = readFileSync('counterexamples/mmu-gather+skip-sync+x86-kvm-pv.txt', 'utf8');
    expect(committed).toContain('tlb_remove_table_sync_one(): returns');
  });

  it('stays within 80 columns with four CPU columns', () => {
    const cx = loadCounterexample('counterexamples/mmu-gather+skip-sync+x86-kvm-pv.json');
    const trace = cx.trace.map((t, i) => ({ ...t, cpu: i % 4 }));
    for (const l of renderDiagram({ title: 't', header: [], trace, verdictLine: cx.explanation }).split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });
});
