/**
 * Our verdict, through the built CLI as a reviewer would run it:
 * `node bin/shootdown.mjs check <scenario> --variant V --arch A --cpus N --json`
 * (default engine, exhaustive BFS), with `--model sc` where the CLI has memory models (SPIN is
 * sequentially consistent). Exit codes 0, 1 and 3 carry a JSON verdict; anything else is an
 * error row. Of an array of results, the sc one is read.
 */
import { spawnSync } from 'node:child_process';
import type { Job, OursVerdict } from './verdicts.js';

export function runOurs(job: Job, cli = 'bin/shootdown.mjs'): OursVerdict {
  const model = job.selectSc ? ['--model', 'sc'] : [];
  const args = [cli, 'check', job.scenario, '--variant', job.variant, '--arch', job.arch, '--cpus', String(job.cpus), ...model, '--json'];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0 && r.status !== 1 && r.status !== 3) {
    return { kind: 'error', message: `exit ${r.status ?? r.signal}: ${`${r.stderr}`.trim().split('\n')[0] ?? ''}` };
  }
  return parseOursJson(`${r.stdout}`);
}

/** The fields of `check --json` the cross-check reads. */
export function parseOursJson(text: string): OursVerdict {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { kind: 'error', message: 'check --json printed no JSON' };
  }
  if (Array.isArray(doc)) {
    const sc: unknown = doc.find((d: unknown) => typeof d === 'object' && d !== null && (d as { memoryModel?: unknown }).memoryModel === 'sc');
    if (doc.length !== 1 && sc === undefined) return { kind: 'error', message: 'check --json: several results, none for memory model sc' };
    doc = sc ?? doc[0];
  }
  if (typeof doc !== 'object' || doc === null) return { kind: 'error', message: 'check --json: expected an object' };
  const o = doc as Record<string, unknown>;
  const cpus = typeof o['cpus'] === 'number' ? o['cpus'] : NaN;
  const states = typeof o['states'] === 'number' ? o['states'] : NaN;
  switch (o['verdict']) {
    case 'holds':
      return { kind: 'holds', cpus, states };
    case 'inconclusive':
      return { kind: 'inconclusive', cpus, states };
    case 'violated':
      return typeof o['property'] === 'string'
        ? { kind: 'violated', property: o['property'], cpus, states }
        : { kind: 'error', message: 'check --json: violated without a property' };
    default:
      return { kind: 'error', message: `check --json: unknown verdict ${JSON.stringify(o['verdict'])}` };
  }
}
