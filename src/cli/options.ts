/** Parsing and validating command-line values: every problem is an InputError (exit 2). */
import { ARCH_NAMES, isArchName } from '../arch/index.js';
import type { ArchName } from '../arch/arch.js';
import { findScenario, SCENARIOS } from '../scenarios/index.js';
import type { Scenario } from '../scenarios/scenario.js';
import type { CScenario } from '../cmodel/scenario.js';
import { InputError } from '../report/input-error.js';
import { MEMORY_MODEL_NAMES, isMemoryModelName, type MemoryModelName } from '../memory/model-name.js';

export function scenarioArg(name: string | undefined): Scenario {
  if (name === undefined) throw new InputError(`missing scenario; one of: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const s = findScenario(name);
  if (s === undefined) throw new InputError(`unknown scenario '${name}'; one of: ${SCENARIOS.map((x) => x.name).join(', ')}, or a C model (model.c)`);
  return s;
}

export function variantsArg(s: Scenario, v: string | undefined): string[] {
  if (v === undefined || v === 'all') return s.variants.map((x) => x.name);
  // A C model's variant may be a patch or override file (a counterexample of a reviewer's patch).
  if ((s as Partial<CScenario>).kind === 'c' && /\.(diff|patch|c)$/.test(v) && !s.variants.some((x) => x.name === v)) return [(s as CScenario).addVariant(v)];
  if (!s.variants.some((x) => x.name === v)) {
    throw new InputError(`unknown variant '${v}' of ${s.name}; one of: ${s.variants.map((x) => x.name).join(', ')}`);
  }
  return [v];
}

export function archesArg(s: Scenario, a: string | undefined): ArchName[] {
  if (a === undefined || a === 'all') return [...s.arches];
  if (!isArchName(a)) throw new InputError(`unknown arch '${a}'; one of: ${ARCH_NAMES.join(', ')}`);
  if (!s.arches.includes(a)) throw new InputError(`arch '${a}' is not modelled for ${s.name}; one of: ${s.arches.join(', ')}`);
  return [a];
}

export function intArg(name: string, v: string | undefined, fallback: number, min: number, max: number): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new InputError(`--${name} must be a whole number, got '${v}'`);
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new InputError(`--${name} must be in ${min}..${max}, got ${v}`);
  return n;
}

export function cpusArg(s: Scenario, v: string | undefined): number {
  return intArg('cpus', v, s.defaultCpus, s.minCpus, s.maxCpus);
}

/** `--model sc|tso|weak|all`: default every memory model the scenario models. */
export function memoryModelsArg(s: Scenario, m: string | undefined): MemoryModelName[] {
  if (m === undefined || m === 'all') return [...s.memoryModels];
  if (!isMemoryModelName(m)) throw new InputError(`unknown memory model '${m}'; one of: ${MEMORY_MODEL_NAMES.join(', ')}, all`);
  if (!s.memoryModels.includes(m)) throw new InputError(`memory model '${m}' is not modelled for ${s.name}; one of: ${s.memoryModels.join(', ')}`);
  return [m];
}
