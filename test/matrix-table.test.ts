/** The matrix summary table: aligned columns, one row per configuration, no timings. */
import { describe, expect, it } from 'vitest';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { renderMatrixTable } from '../src/report/matrix-table.js';
import { findScenario } from '../src/scenarios/index.js';

describe('matrix table', () => {
  it('aligns every column and is the same bytes on a second run', () => {
    const s = findScenario('mmu-gather')!;
    const run = () => [runCheck(s, 'skip-sync', 'x86-native', defaultCheckOptions), runCheck(s, 'skip-sync', 'x86-kvm-pv', defaultCheckOptions)];
    const text = renderMatrixTable(run());
    expect(renderMatrixTable(run())).toBe(text);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^scenario\s+variant\s+arch\s+verdict\s+property\s+states\/trace\s+expected\s+agreement$/);
    const col = (h: string) => lines[0]!.indexOf(h);
    for (const l of lines.slice(2)) {
      expect(l.slice(col('verdict')).split(' ')[0]).toMatch(/^(holds|violated)$/);
      expect(l.slice(col('agreement'))).toBe('agrees');
    }
    expect(lines[3]).toContain('11 steps');
  });
});
