/**
 * `shootdown new-variant <scenario> <name> [--root DIR]`: writes the skeleton of a variant,
 * `src/variants/<scenario>/<name>.ts` under the project root (or DIR), which registers it: a
 * scenario's variants are the files of its folder. Refuses to overwrite; exit 2 on an unknown
 * scenario, a bad name, an existing file or a destination that cannot be written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ARCHES } from '../arch/index.js';
import { InputError } from '../report/input-error.js';
import { writeNewFile } from '../report/output-path.js';
import { PROJECT_ROOT } from '../scenarios/module-files.js';
import { scenarioArg } from './options.js';
import { paramsTypeName, parseHooks, variantSkeleton } from './variant-skeleton.js';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function newVariantCommand(positionals: readonly string[], f: { root?: string }, out: (s: string) => void): number {
  if (positionals.length !== 2) throw new InputError('usage: shootdown new-variant <scenario> <name> [--root DIR]');
  const scenario = scenarioArg(positionals[0]);
  const name = positionals[1]!;
  if (!NAME.test(name) || name.length > 60) throw new InputError(`bad variant name '${name}': use kebab-case (a-z, 0-9, single dashes), at most 60 characters`);
  if (scenario.variants.some((v) => v.name === name)) throw new InputError(`${scenario.name} already has a variant '${name}'`);
  if (f.root === '') throw new InputError('--root must name a directory');
  const root = f.root ?? PROJECT_ROOT;
  const file = join(root, 'src', 'variants', scenario.name, `${name}.ts`);
  const shown = relative(process.cwd(), file) || file;
  if (existsSync(file)) throw new InputError(`${shown} exists; not overwriting`);
  const paramsFile = join(root, 'src', 'scenarios', scenario.name, 'params.ts');
  const type = paramsTypeName(scenario.name);
  const hooks = existsSync(paramsFile) ? parseHooks(readFileSync(paramsFile, 'utf8'), type) : [];
  const spec = scenario.build(scenario.variants[0]!.name, ARCHES[scenario.arches[0]!], scenario.minCpus);
  const property = spec.properties.find((p) => p.kind === 'always')?.name ?? 'TODO-property';
  writeNewFile(file, variantSkeleton({ scenario: scenario.name, name, paramsType: type, hooks, property }));
  out(`wrote ${shown}: a variant of ${scenario.name}, registered by being in that folder\n`);
  out(`next: fill it in, then npm run build && npx shootdown check ${scenario.name} --variant ${name} --arch all\n`);
  out(`then: npm start (VERDICTS.md, README grid) and npx shootdown corpus (counterexamples)\n`);
  return 0;
}
