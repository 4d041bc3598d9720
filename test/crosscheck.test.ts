/**
 * The SPIN cross-check's own checks: every Promela model parses with SPIN for each switch set
 * the runner uses (skipped where spin is not installed), and the comparison calls a different
 * verdict a disagreement, an uncovered variant "not modelled", never agreement.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMELA_CONFIGS } from '../bench/crosscheck-configs.js';
import { agreement, renderCrosscheck, type CrossRow } from '../bench/crosscheck-table.js';
import { findScenario } from '../src/scenarios/index.js';

const hasSpin = spawnSync('spin', ['-V']).status === 0;

describe('SPIN cross-check', () => {
  it.skipIf(!hasSpin)('every Promela model parses with each switch set the runner uses', () => {
    for (const pc of PROMELA_CONFIGS) {
      const text = readFileSync(join('crosscheck', pc.file), 'utf8');
      const s = findScenario(pc.scenario)!;
      const sets = new Set(s.variants.flatMap((v) => s.arches.map((a) => JSON.stringify(pc.defines(v.name, a)))));
      for (const set of sets) {
        const defines: string[] = JSON.parse(set) ?? [];
        const dir = mkdtempSync(join(tmpdir(), 'shootdown-pml-'));
        writeFileSync(join(dir, 'm.pml'), [`#define N ${pc.cpus}`, ...defines.map((d) => `#define ${d}`), text].join('\n'));
        const r = spawnSync('spin', ['-a', 'm.pml'], { cwd: dir, encoding: 'utf8' });
        expect(r.status, `${pc.file} ${defines.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
      }
    }
  });

  it('calls a different verdict a disagreement and an uncovered variant not modelled', () => {
    const row = (ours: CrossRow['ours'], spin: CrossRow['spin']): CrossRow => ({ scenario: 's', variant: 'v', arch: 'a', cpus: 3, ours, oursProperty: '', spin, spinStates: 1, spinSeconds: 0 });
    expect(agreement(row('holds', 'holds'))).toBe('yes');
    expect(agreement(row('holds', 'violated'))).toBe('NO');
    expect(agreement(row('violated', 'holds'))).toBe('NO');
    expect(agreement(row('violated', 'not modelled'))).toBe('not modelled');
    expect(agreement(row('holds', 'capped'))).toBe('not decided');
    expect(renderCrosscheck([row('holds', 'violated')])).toContain('1 disagree');
  });

  for (const scenario of ['eqs-kick', 'mmu-gather']) {
    it(`covers every variant and configuration of ${scenario}`, () => {
      const pc = PROMELA_CONFIGS.find((p) => p.scenario === scenario)!;
      const s = findScenario(scenario)!;
      for (const v of s.variants) for (const a of s.arches) expect(pc.defines(v.name, a), `${v.name}/${a}`).not.toBeNull();
    });
  }
});
