/**
 * The committed C models: every `models/*.c` of the package, each with the patches in the
 * folder named after it. Drop a model file there and `list`, `matrix` and the mutation
 * catalogue find it; drop a `.diff` in its folder and it is a variant.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cModelScenario, type CScenario } from './scenario.js';
import { packageRoot } from './sources.js';

export function committedCModelPaths(): string[] {
  const dir = join(packageRoot(), 'models');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => `models/${f}`);
}

/** The committed C models as scenarios (the C grammar must be loaded). */
export function committedCModels(): CScenario[] {
  return committedCModelPaths().map((p) => cModelScenario(p));
}
