/** Parsing and validating command-line values: every problem is an InputError (exit 2). */
import { ARCH_NAMES, isArchName } from '../arch/index.js';
import type { ArchName } from '../arch/arch.js';
import { findScenario, SCENARIOS } from '../scenarios/index.js';
import { unbuiltStems } from '../scenarios/module-files.js';
import { variantDir } from '../scenarios/variant-files.js';
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

/**
 * `a,b,c` (or `all`, or nothing: every item), each checked by `one`, in the order given,
 * without repeats.
 */
function listArg<T>(flag: string, v: string | undefined, all: readonly T[], one: (item: string) => T): T[] {
  if (v === undefined || v === 'all') return [...all];
  const items = v.split(',');
  if (items.some((x) => x === '')) throw new InputError(`--${flag} takes a name or a comma-separated list of names, got '${v}'`);
  if (items.includes('all')) throw new InputError(`--${flag} all cannot be combined with other names`);
  const seen = new Set<string>();
  for (const x of items) {
    if (seen.has(x)) throw new InputError(`--${flag} names '${x}' twice`);
    seen.add(x);
  }
  return items.map(one);
}

export function variantsArg(s: Scenario, v: string | undefined): string[] {
  return listArg('variant', v, s.variants.map((x) => x.name), (name) => {
    if (s.variants.some((x) => x.name === name)) return name;
    // A C model's variant may be a patch or override file (a counterexample of a reviewer's patch).
    if ((s as Partial<CScenario>).kind === 'c' && /\.(diff|patch|c)$/.test(name)) return (s as CScenario).addVariant(name);
    const unbuilt = unbuiltStems(variantDir(s.name)).includes(name) ? ` (src/variants/${s.name}/${name}.ts is not built yet: run npm run build)` : '';
    throw new InputError(`unknown variant '${name}' of ${s.name}${unbuilt}; one of: ${s.variants.map((x) => x.name).join(', ')}`);
  });
}

export function archesArg(s: Scenario, a: string | undefined): ArchName[] {
  return listArg('arch', a, s.arches, (name) => {
    if (!isArchName(name)) throw new InputError(`unknown arch '${name}'; one of: ${ARCH_NAMES.join(', ')}`);
    if (!s.arches.includes(name)) throw new InputError(`arch '${name}' is not modelled for ${s.name}; one of: ${s.arches.join(', ')}`);
    return name;
  });
}

/** `--model sc|tso|weak|all` or a list: default every memory model the scenario models. */
export function memoryModelsArg(s: Scenario, m: string | undefined): MemoryModelName[] {
  return listArg('model', m, s.memoryModels, (name) => {
    if (!isMemoryModelName(name)) throw new InputError(`unknown memory model '${name}'; one of: ${MEMORY_MODEL_NAMES.join(', ')}, all`);
    if (!s.memoryModels.includes(name)) throw new InputError(`memory model '${name}' is not modelled for ${s.name}; one of: ${s.memoryModels.join(', ')}`);
    return name;
  });
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
