/**
 * The text of a new variant file (`shootdown new-variant`): the defineVariant shape with TODOs,
 * the scenario's hooks (read from the doc comments of its Params interface) as comments. The
 * file registers itself by being in the scenario's folder (src/scenarios/variant-files.ts).
 */

export interface Hook {
  readonly name: string;
  readonly doc: string;
}

export interface SkeletonInput {
  readonly scenario: string;
  readonly name: string;
  /** `MmuGatherParams` */
  readonly paramsType: string;
  readonly hooks: readonly Hook[];
  /** The always-property the expectation names when violated. */
  readonly property: string;
}

/** `skip-sync-foo` -> `skipSyncFoo` */
export function camelName(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `mmu-gather` -> `MmuGatherParams` */
export function paramsTypeName(scenario: string): string {
  const c = camelName(scenario);
  return `${c.charAt(0).toUpperCase()}${c.slice(1)}Params`;
}

/** Members of `export interface <type> { ... }` with their `/** ... *\/` doc comments. */
export function parseHooks(paramsSource: string, type: string): Hook[] {
  const start = paramsSource.indexOf(`export interface ${type} {`);
  if (start < 0) return [];
  const body = paramsSource.slice(start, paramsSource.indexOf('\n}', start));
  const hooks: Hook[] = [];
  const re = /\/\*\*([\s\S]*?)\*\/\s*readonly\s+(\w+)\s*:/g;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    const doc = (m[1] ?? '').replace(/\n\s*\*\s?/g, ' ').replace(/\s+/g, ' ').trim();
    hooks.push({ name: m[2] ?? '', doc });
  }
  return hooks;
}

export function variantSkeleton(x: SkeletonInput): string {
  const hookLines = x.hooks.length > 0 ? x.hooks.map((h) => ` *   - ${h.name}: ${h.doc}`) : [' *   (see the Params interface)'];
  return [
    '/**',
    ` * ${x.name}: TODO one paragraph: what the patch changes, and why it might be (un)safe.`,
    ' * Kernel: TODO the file and function it touches, and the patch (lore Message-ID or commit).',
    ' *',
    ` * Hooks of the ${x.scenario} scenario (src/scenarios/${x.scenario}/params.ts, ${x.paramsType});`,
    ` * the baseline values are in the same file, the model in src/scenarios/${x.scenario}/index.ts:`,
    ...hookLines,
    ' */',
    "import { holds, violated, defineVariant } from '../../scenarios/scenario.js';",
    `import type { ${x.paramsType} } from '../../scenarios/${x.scenario}/params.js';`,
    '',
    `export default defineVariant<${x.paramsType}>({`,
    `  name: '${x.name}',`,
    "  summary: 'TODO one line: what this variant changes',",
    "  patch: 'TODO the kernel patch or commit it models',",
    '  // The delta on the baseline parameters: change only what the patch changes.',
    '  apply: (p) => ({ ...p }),',
    '  // What the kernel discussion expects, by configuration name (`x86-native`, `arm64/weak`);',
    '  // `otherwise` on the rest. Compared with the derived verdict (a disagreement fails',
    '  // `npm start`); it never feeds the verdict.',
    `  expect: { 'x86-native': holds, otherwise: violated('${x.property}') },`,
    "  expectSource: 'TODO where that expectation comes from (a mail on the list, a commit, a docs/ page)',",
    '});',
    '',
  ].join('\n');
}
