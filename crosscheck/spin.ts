/**
 * Runs SPIN on one configuration of a Promela model: `spin -a` with the configuration's
 * -D switches, `cc -O2 -DSAFETY` (no -DNOREDUCE: partial-order reduction is sound for these
 * safety assertions), then `./pan -m<depth>` under a wall-clock cap. The pan time is measured
 * alone (compile time is reported apart). Installs Debian's spin with apt-get if it is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertionMeaning } from './assertions.js';
import { parsePanOutput } from './pan-output.js';
import type { SpinVerdict } from './verdicts.js';

export const PAN_DEPTH = 1_000_000;

export interface SpinRun {
  readonly verdict: SpinVerdict;
  readonly compileSeconds: number;
}

const has = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/** True if spin is on PATH, after `apt-get install -y spin` if it was not; never throws. */
export function ensureSpin(log: (s: string) => void): boolean {
  if (has('spin', ['-V'])) return true;
  log('spin not found; trying apt-get install -y spin');
  const install = (): boolean => spawnSync('apt-get', ['install', '-y', '-qq', 'spin'], { stdio: 'ignore' }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    install();
  }
  return has('spin', ['-V']);
}

export function runSpin(scenario: string, pml: string, defines: readonly string[], capSeconds: number): SpinRun {
  const dir = mkdtempSync(join(tmpdir(), 'shootdown-crosscheck-'));
  try {
    const t0 = performance.now();
    const gen = spawnSync('spin', [...defines.map((d) => `-D${d}`), '-a', resolve(pml)], { cwd: dir, encoding: 'utf8' });
    if (gen.status !== 0) return failed(`spin -a: ${firstLine(`${gen.stdout}${gen.stderr}`)}`, t0);
    const cc = spawnSync('cc', ['-O2', '-DSAFETY', '-o', 'pan', 'pan.c'], { cwd: dir, encoding: 'utf8' });
    if (cc.status !== 0) return failed(`cc: ${firstLine(cc.stderr)}`, t0);
    const t1 = performance.now();
    const pan = spawnSync('./pan', [`-m${PAN_DEPTH}`], { cwd: dir, encoding: 'utf8', timeout: capSeconds * 1000, maxBuffer: 64 << 20 });
    const seconds = (performance.now() - t1) / 1000;
    const compileSeconds = (t1 - t0) / 1000;
    const report = parsePanOutput(`${pan.stdout ?? ''}`);
    const states = report.states ?? 0;
    if (pan.error !== undefined || pan.signal !== null) {
      // Killed at the cap: no final count; the last progress line's is a lower bound.
      return { compileSeconds, verdict: { kind: 'capped', reason: `${capSeconds} s cap`, states: report.progressStates ?? 0, seconds } };
    }
    if (report.errors === null) return { compileSeconds, verdict: { kind: 'error', message: `pan: no "errors:" line (${firstLine(`${pan.stdout}${pan.stderr}`)})` } };
    if (report.errors > 0 && report.failure !== null) {
      const meaning = report.failure.kind === 'assertion' ? assertionMeaning(scenario, report.failure.text) : null;
      return { compileSeconds, verdict: { kind: 'violated', assertion: report.failure.text, property: meaning?.property ?? null, states, seconds } };
    }
    if (report.errors > 0) return { compileSeconds, verdict: { kind: 'error', message: `pan: ${report.errors} error(s), none recognised` } };
    if (report.incomplete !== null) return { compileSeconds, verdict: { kind: 'capped', reason: report.incomplete, states, seconds } };
    return { compileSeconds, verdict: { kind: 'holds', states, seconds } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function failed(message: string, t0: number): SpinRun {
  return { compileSeconds: (performance.now() - t0) / 1000, verdict: { kind: 'error', message } };
}

const firstLine = (s: string): string => s.trim().split('\n')[0] ?? '';
