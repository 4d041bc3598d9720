/**
 * Scenarios and variants: the reviewer-facing layer. A scenario assembles mechanisms into a
 * model for a configuration; a variant is one file holding a named delta on the scenario's
 * parameters (the patch under review), the kernel source it models, and the verdict the
 * kernel discussion expects, with its source. Expectations are compared with what the engines
 * derive; they never feed a verdict.
 */
import type { ArchConfig, ArchName } from '../arch/arch.js';
import type { ModelSpec } from '../core/model.js';
import type { MemoryModelName } from '../memory/model-name.js';

export type Expectation = { readonly verdict: 'holds' } | { readonly verdict: 'violated'; readonly property: string };

export const holds: Expectation = { verdict: 'holds' };
export const violated = (property: string): Expectation => ({ verdict: 'violated', property });

/** A configuration as tables and file names call it: `arm64` (under SC), `arm64/weak`. */
export type ConfigName = ArchName | `${ArchName}/${Exclude<MemoryModelName, 'sc'>}`;

/**
 * What the kernel discussion expects, by configuration name: `otherwise` on every configuration
 * not named. Names only, never the flags of an ArchConfig: a flag drives the model, so an
 * expectation computed from it would flip together with the verdict and hide the change.
 */
export type Expected = { readonly [C in ConfigName]?: Expectation } & { readonly otherwise: Expectation };

/** The expectation on one configuration: its entry by name, else `otherwise`. */
export function expectationOn(expected: Expected, arch: ArchName, mm: MemoryModelName): Expectation {
  return expected[configLabel(arch, mm)] ?? expected.otherwise;
}

export interface Variant<P> {
  readonly name: string;
  /** One line: what the variant changes. */
  readonly summary: string;
  /** The kernel patch, commit or code it models. */
  readonly patch: string;
  /** The delta on the scenario's baseline parameters. */
  readonly apply: (base: P) => P;
  /** What the kernel discussion expects, by configuration name. */
  readonly expect: Expected;
  /** Where that expectation comes from. */
  readonly expectSource: string;
}

export function defineVariant<P>(v: Variant<P>): Variant<P> {
  return v;
}

export interface ScenarioDef<P> {
  readonly name: string;
  readonly summary: string;
  readonly arches: readonly ArchName[];
  /**
   * The memory models the scenario's mechanisms model (src/mechanisms/store-buffer.ts); `sc`
   * first. Scenarios without store buffers say `['sc']`.
   */
  readonly memoryModels: readonly MemoryModelName[];
  readonly defaultCpus: number;
  readonly minCpus: number;
  readonly maxCpus: number;
  /** What the CPUs do, for `list` and reports: "CPU0 frees, CPU1.. walk". */
  readonly cpuRolesDoc: string;
  readonly base: P;
  readonly variants: readonly Variant<P>[];
  readonly build: (params: P, arch: ArchConfig, cpus: number, name: string, mm: MemoryModelName) => ModelSpec;
}

/** A scenario with its parameter type hidden, as the registry and CLI see it. */
export interface Scenario extends Omit<ScenarioDef<unknown>, 'base' | 'variants' | 'build'> {
  readonly variants: readonly VariantInfo[];
  build(variant: string, arch: ArchConfig, cpus: number, mm?: MemoryModelName): ModelSpec;
  /**
   * The same configuration for an analysis that explores a small model once and drops it (the
   * symmetry check's probe): a C model's steps then stay interpreted, as compiling them to
   * JavaScript pays off only in a longer search. Where absent, `build`.
   */
  buildProbe?(variant: string, arch: ArchConfig, cpus: number, mm?: MemoryModelName): ModelSpec;
}

/** A variant as the registry and CLI see it: everything but its delta. */
export interface VariantInfo extends Omit<Variant<unknown>, 'apply' | 'expect'> {
  /** The variant's expectations, as it wrote them. */
  readonly expected: Expected;
  /** The expectation on one configuration, looked up by its name alone (`expectationOn`). */
  readonly expect: (arch: { readonly name: ArchName }, mm: MemoryModelName) => Expectation;
  /** No expectation was stated (a reviewer's own patch): nothing to agree or disagree with. */
  readonly unstated?: boolean;
}

export function defineScenario<P>(def: ScenarioDef<P>): Scenario {
  const byName = new Map(def.variants.map((v) => [v.name, v]));
  if (byName.size !== def.variants.length) throw new Error(`${def.name}: duplicate variant names`);
  return {
    name: def.name,
    summary: def.summary,
    arches: def.arches,
    memoryModels: def.memoryModels,
    defaultCpus: def.defaultCpus,
    minCpus: def.minCpus,
    maxCpus: def.maxCpus,
    cpuRolesDoc: def.cpuRolesDoc,
    variants: def.variants.map(({ name, summary, patch, expect, expectSource }) => ({
      name,
      summary,
      patch,
      expected: expect,
      expect: (arch, mm) => expectationOn(expect, arch.name, mm),
      expectSource,
    })),
    build(variant, arch, cpus, mm = 'sc') {
      const v = byName.get(variant);
      if (v === undefined) throw new Error(`unknown variant '${variant}' of ${def.name}`);
      if (!def.memoryModels.includes(mm)) throw new Error(`${def.name} does not model the ${mm} memory model`);
      return def.build(v.apply(def.base), arch, cpus, `${def.name}/${variant}/${configLabel(arch.name, mm)}`, mm);
    },
  };
}

/** How a configuration is named in tables and file names: `arm64`, or `arm64/weak` off SC. */
export function configLabel(arch: ArchName, mm: MemoryModelName): ConfigName {
  return mm === 'sc' ? arch : `${arch}/${mm}`;
}
