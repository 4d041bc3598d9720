/**
 * `shootdown new-variant <scenario> <name> [--root DIR]`: writes the skeleton of a variant,
 * `src/variants/<scenario>/<name>.ts` under DIR (default: the current directory, the project
 * root), and prints the lines that register it. Refuses to overwrite; exit 2 on an unknown
 * scenario, a bad name or an existing file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ARCHES } from '../arch/index.js';
import { InputError } from '../report/input-error.js';
import { scenarioArg } from './options.js';
import { paramsTypeName, parseHooks, registrationLines, variantSkeleton } from './variant-skeleton.js';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function newVariantCommand(positionals: string[], f: { root?: string }, out: (s: string) => void): number {
  if (positionals.length !== 2) throw new InputError('usage: shootdown new-variant <scenario> <name>');
  const scenario = scenarioArg(positionals[0]);
  const name = positionals[1]!;
  if (!NAME.test(name) || name.length > 60) throw new InputError(`bad variant name '${name}': use kebab-case (a-z, 0-9, single dashes), at most 60 characters`);
  if (scenario.variants.some((v) => v.name === name)) throw new InputError(`${scenario.name} already has a variant '${name}'`);
  const root = f.root ?? '.';
  const file = join(root, 'src', 'variants', scenario.name, `${name}.ts`);
  if (existsSync(file)) throw new InputError(`${file} exists; not overwriting`);
  const paramsFile = join(root, 'src', 'scenarios', scenario.name, 'params.ts');
  const type = paramsTypeName(scenario.name);
  const hooks = existsSync(paramsFile) ? parseHooks(readFileSync(paramsFile, 'utf8'), type) : [];
  const spec = scenario.build(scenario.variants[0]!.name, ARCHES[scenario.arches[0]!], scenario.minCpus);
  const property = spec.properties.find((p) => p.kind === 'always')?.name ?? 'TODO-property';
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, variantSkeleton({ scenario: scenario.name, name, paramsType: type, hooks, property }), { flag: 'wx' });
  out(`wrote ${file}\nregister it in src/scenarios/${scenario.name}/index.ts:\n${registrationLines(scenario.name, name).map((l) => `  ${l}`).join('\n')}\n`);
  out(`then: npm run build && npx shootdown check ${scenario.name} --variant ${name} --arch all\n`);
  return 0;
}
