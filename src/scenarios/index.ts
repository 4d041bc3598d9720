/**
 * Every scenario, by name: each folder of src/scenarios/ with an `index` module whose default
 * export is a scenario (made with `defineScenario`), named like its folder, in name order.
 * A new scenario is registered by its folder: the matrix, the mutation catalogue, `list` and
 * the verdict tests all read this list.
 */
import { defaultExport, indexFolders, RegistryError, SCENARIOS_DIR } from './module-files.js';
import { join } from 'node:path';
import type { Scenario } from './scenario.js';
import { cModelScenario, isCModelPath } from '../cmodel/scenario.js';
import { committedCModels } from '../cmodel/registry.js';

function isScenario(x: unknown): x is Scenario {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return typeof s['name'] === 'string' && Array.isArray(s['variants']) && Array.isArray(s['arches']) && typeof s['build'] === 'function';
}

async function scenarioFolders(): Promise<Scenario[]> {
  const out: Scenario[] = [];
  for (const name of indexFolders(SCENARIOS_DIR)) {
    const s = await defaultExport(join(SCENARIOS_DIR, name), 'index');
    // A folder of shared code with an index of its own is not a scenario.
    if (s === undefined) continue;
    const file = `src/scenarios/${name}/index.ts`;
    if (!isScenario(s)) throw new RegistryError(`${file}: the default export must be a scenario (export default defineScenario<...>({ ... }))`);
    if (s.name !== name) throw new RegistryError(`${file}: the scenario is named '${s.name}'; name it '${name}' like its folder`);
    out.push(s);
  }
  return out;
}

export const SCENARIOS: readonly Scenario[] = await scenarioFolders();

/** A scenario by name, or a C model by its path (`models/mmu-gather.c`; the C grammar must be loaded). */
export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name) ?? (isCModelPath(name) ? cModelScenario(name) : undefined);
}

/**
 * The scenarios in TypeScript, then the committed C models (`models/*.c`, by path): what
 * `list`, `matrix`, the corpus and `mutate` go through. The C grammar must be loaded.
 */
export function allScenarios(): Scenario[] {
  return [...SCENARIOS, ...committedCModels()];
}
