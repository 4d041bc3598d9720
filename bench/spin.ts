/**
 * Runs a Promela model with SPIN (default partial-order reduction, safety mode), timing the
 * compile (spin -a + cc) and the verification (pan) separately. Installs Debian's spin if
 * missing. A run over the time cap, or one pan reports incomplete (its depth bound), is
 * capped: its state count is then the last one pan printed, a lower bound.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePanOutput } from '../crosscheck/pan-output.js';

export interface SpinRun {
  readonly compileSeconds: number;
  readonly panSeconds: number;
  readonly states: number;
  readonly transitions: number;
  readonly errors: number;
  /** Why the search is not complete (time cap, depth bound), or null. */
  readonly capped: string | null;
}

export function ensureSpin(): boolean {
  if (spawnSync('spin', ['-V']).status === 0) return true;
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'spin'], { stdio: 'ignore' });
  return spawnSync('spin', ['-V']).status === 0;
}

export function runSpin(promela: string, capSeconds: number): SpinRun {
  const dir = mkdtempSync(join(tmpdir(), 'shootdown-spin-'));
  writeFileSync(join(dir, 'model.pml'), promela);
  const t0 = performance.now();
  execFileSync('spin', ['-a', 'model.pml'], { cwd: dir, stdio: 'ignore' });
  execFileSync('cc', ['-O2', '-DSAFETY', '-DMEMLIM=8192', '-o', 'pan', 'pan.c'], { cwd: dir, stdio: 'ignore' });
  const t1 = performance.now();
  const r = spawnSync('./pan', ['-m1000000'], { cwd: dir, encoding: 'utf8', timeout: capSeconds * 1000, maxBuffer: 64 << 20 });
  const t2 = performance.now();
  const out = `${r.stdout ?? ''}`;
  const report = parsePanOutput(out);
  const killed = r.error !== undefined || r.signal !== null;
  return {
    compileSeconds: (t1 - t0) / 1000,
    panSeconds: (t2 - t1) / 1000,
    states: report.states ?? report.progressStates ?? 0,
    transitions: Number(out.match(/([\d.e+]+) transitions \(= stored\+matched\)/)?.[1] ?? NaN),
    errors: report.errors ?? NaN,
    capped: killed ? `${capSeconds} s cap` : report.incomplete,
  };
}
