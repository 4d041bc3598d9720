/**
 * What to cross-check: the scenarios that have a Promela model (crosscheck/<scenario>.pml),
 * and for each, every variant and configuration our CLI lists (`shootdown list --json`), at the
 * scenario's default CPU count (the one the verdict matrix uses). A variant or configuration
 * becomes the Promela switch VARIANT_<NAME> / ARCH_<NAME> (upper case, '-' -> '_'); one the
 * Promela file has no switch for is reported, not skipped. Where the CLI models several memory
 * models, only sc is cross-checked (SPIN is sequentially consistent).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Job } from './verdicts.js';

export const CROSSCHECKED_SCENARIOS = ['mmu-gather', 'eqs-kick'] as const;

export interface ScenarioListing {
  readonly scenario: string;
  readonly defaultCpus: number;
  readonly arches: readonly string[];
  readonly variants: readonly string[];
  /** `memoryModels` of the listing, if the CLI has them (`check --model`); null otherwise. */
  readonly memoryModels: readonly string[] | null;
}

export const switchName = (kind: 'VARIANT' | 'ARCH', name: string): string => `${kind}_${name.toUpperCase().replace(/-/g, '_')}`;

export const promelaFile = (dir: string, scenario: string): string => join(dir, `${scenario}.pml`);

/** The Promela switches a job needs that the model does not define, e.g. ["VARIANT_SKIP_EQS_X"]. */
export function missingSwitches(pmlText: string, job: Job): string[] {
  return [switchName('VARIANT', job.variant), switchName('ARCH', job.arch)].filter((d) => !pmlText.includes(`defined(${d})`));
}

/** `shootdown list --json`, reduced to what the cross-check needs. Throws on malformed output. */
export function listScenarios(cli = 'bin/shootdown.mjs'): ScenarioListing[] {
  const r = spawnSync(process.execPath, [cli, 'list', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`shootdown list --json exited ${r.status}: ${`${r.stderr}`.trim().split('\n')[0] ?? ''}`);
  return parseListing(`${r.stdout}`);
}

export function parseListing(text: string): ScenarioListing[] {
  const doc: unknown = JSON.parse(text);
  if (!Array.isArray(doc)) throw new Error('shootdown list --json: expected an array');
  return doc.map((entry: unknown): ScenarioListing => {
    const o = entry as { scenario?: unknown; cpus?: { default?: unknown }; arches?: unknown; variants?: unknown; memoryModels?: unknown };
    const names = (xs: unknown): string[] =>
      Array.isArray(xs) ? xs.map((x: unknown) => (x as { name?: unknown }).name).filter((n): n is string => typeof n === 'string') : [];
    if (typeof o.scenario !== 'string' || typeof o.cpus?.default !== 'number') throw new Error('shootdown list --json: entry without scenario / cpus.default');
    const models = Array.isArray(o.memoryModels) ? o.memoryModels.filter((m): m is string => typeof m === 'string') : null;
    return { scenario: o.scenario, defaultCpus: o.cpus.default, arches: names(o.arches), variants: names(o.variants), memoryModels: models };
  });
}

/** Every job of the cross-checked scenarios, in the CLI's order (variant-major, like VERDICTS.md). */
export function crosscheckJobs(listing: readonly ScenarioListing[], pmlDir: string): Job[] {
  return CROSSCHECKED_SCENARIOS.flatMap((name) => {
    const s = listing.find((l) => l.scenario === name);
    if (s === undefined) throw new Error(`shootdown list --json has no scenario '${name}'`);
    if (!existsSync(promelaFile(pmlDir, name))) throw new Error(`no Promela model ${promelaFile(pmlDir, name)}`);
    if (s.memoryModels !== null && !s.memoryModels.includes('sc')) throw new Error(`scenario '${name}' is not modelled under sc; SPIN can only check sc`);
    const selectSc = s.memoryModels !== null;
    return s.variants.flatMap((variant) => s.arches.map((arch) => ({ scenario: name, variant, arch, cpus: s.defaultCpus, selectSc })));
  });
}

export const readPromela = (pmlDir: string, scenario: string): string => readFileSync(promelaFile(pmlDir, scenario), 'utf8');
