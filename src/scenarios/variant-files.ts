/**
 * A scenario's variants are the files of its folder: every module in
 * `src/variants/<scenario>/` is one variant (its default export, made with `defineVariant`),
 * named like its file. `baseline` comes first, then the others by name. A scenario's index
 * reads them with `variants: await variantFiles<Params>('<scenario>')`; nothing else lists
 * them, so `new-variant` (or copying a file in) registers a variant.
 */
import { join } from 'node:path';
import { defaultExport, moduleStems, RegistryError, SCENARIOS_DIR } from './module-files.js';
import type { Variant } from './scenario.js';

/** The folder of a scenario's variants (in the sources or the build). */
export function variantDir(scenario: string): string {
  return join(SCENARIOS_DIR, '..', 'variants', scenario);
}

function isVariant(x: unknown): x is Variant<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const v = x as Record<string, unknown>;
  return typeof v['name'] === 'string' && typeof v['apply'] === 'function' && typeof v['expect'] === 'object' && v['expect'] !== null && typeof v['summary'] === 'string';
}

/** `baseline` first, then by name: the order of `list`, the matrix and VERDICTS.md. */
export function variantOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'baseline') return -1;
  if (b === 'baseline') return 1;
  return a < b ? -1 : 1;
}

export async function variantFiles<P>(scenario: string): Promise<Variant<P>[]> {
  const dir = variantDir(scenario);
  const out: Variant<P>[] = [];
  for (const stem of moduleStems(dir)) {
    const v = await defaultExport(dir, stem);
    const file = `src/variants/${scenario}/${stem}.ts`;
    if (!isVariant(v)) throw new RegistryError(`${file}: the default export must be a variant (export default defineVariant<...>({ name, summary, patch, apply, expect, expectSource }))`);
    if (v.name !== stem) throw new RegistryError(`${file}: the variant is named '${v.name}'; name it '${stem}' like its file (or rename the file)`);
    // The file type-checks against the scenario's parameter type (tsc); the shape is checked above.
    out.push(v as Variant<P>);
  }
  return out.sort((a, b) => variantOrder(a.name, b.name));
}
