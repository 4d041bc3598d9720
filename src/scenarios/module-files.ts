/**
 * Registration by dropping a file: the modules of a folder are found on disk, so a new variant
 * (`src/variants/<scenario>/<name>.ts`) or a new scenario (`src/scenarios/<name>/index.ts`) is
 * registered by existing, with no list to edit. The same code runs from the sources (vitest,
 * tsx: `.ts` files) and from the build (`dist/`: `.js` files); in the build, a compiled module
 * whose source was deleted is left out, and a source not yet compiled is named so that an
 * "unknown variant" error can say to run `npm run build`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** This module's folder (`src/scenarios`, or `dist/src/scenarios` in the build). */
export const SCENARIOS_DIR = dirname(fileURLToPath(import.meta.url));

/** `.ts` when running from the sources, `.js` from the build. */
const EXT = fileURLToPath(import.meta.url).endsWith('.ts') ? '.ts' : '.js';

/** The project root: the folder holding `src/` (and `dist/` when built). */
export const PROJECT_ROOT = (() => {
  const src = dirname(SCENARIOS_DIR);
  const above = dirname(src);
  return EXT === '.js' && above.split(sep).pop() === 'dist' ? dirname(above) : above;
})();

/** A problem with a registered file: the CLI prints it as one line and exits 2. */
export class RegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** `dist/src/variants/x` -> `src/variants/x` (the source folder), for messages and checks. */
function sourceDir(dir: string): string {
  return join(PROJECT_ROOT, relative(EXT === '.js' ? join(PROJECT_ROOT, 'dist') : PROJECT_ROOT, dir));
}

/** Path relative to the project root, as messages name files. */
export function projectPath(file: string): string {
  return relative(PROJECT_ROOT, file).split(sep).join('/');
}

const isModule = (f: string): boolean => f.endsWith(EXT) && !f.endsWith(`.d${EXT}`) && !f.endsWith('.test' + EXT);

/**
 * Stems of the modules in `dir`, sorted. From the build, only those whose `.ts` source still
 * exists (when the source tree is there at all).
 */
export function moduleStems(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const stems = readdirSync(dir)
    .filter(isModule)
    .map((f) => f.slice(0, -EXT.length))
    .sort();
  const src = sourceDir(dir);
  if (EXT === '.ts' || !existsSync(src)) return stems;
  return stems.filter((s) => existsSync(join(src, `${s}.ts`)));
}

/** Sources in the folder matching `dir` that the build does not have yet (run `npm run build`). */
export function unbuiltStems(dir: string): string[] {
  if (EXT === '.ts') return [];
  const src = sourceDir(dir);
  if (!existsSync(src)) return [];
  const built = new Set(existsSync(dir) ? readdirSync(dir) : []);
  return readdirSync(src)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !built.has(`${f.slice(0, -3)}.js`))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** Sub-folders of `dir` that hold an `index` module, sorted. */
export function indexFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, `index${EXT}`)))
    .map((d) => d.name)
    .sort();
}

/** The default export of `dir/stem`, or a RegistryError naming the file if it cannot be loaded. */
export async function defaultExport(dir: string, stem: string): Promise<unknown> {
  const file = join(dir, `${stem}${EXT}`);
  try {
    const m = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return m.default;
  } catch (e) {
    if (e instanceof RegistryError) throw e;
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw new RegistryError(`${projectPath(join(sourceDir(dir), `${stem}.ts`))}: cannot be loaded: ${first}`);
  }
}
