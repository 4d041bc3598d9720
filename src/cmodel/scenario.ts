/**
 * A C model as the CLI, the matrix and the engines see a scenario: its name is the model file's
 * path, its variants are `baseline` (the file as it is) and its patches — every `*.diff` in the
 * folder named after the model (`models/mmu-gather/`: drop a file there and it is a variant), a
 * patch given with `--patch`, or an override file given with `--override` (`.c`: its functions
 * replace the prelude's). A variant's expectation is its `Expect:` header (MODEL_EXPECT in the
 * model file for the baseline); a patch that states none has none, and `check` then compares
 * with nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ArchConfig } from '../arch/arch.js';
import { CError } from '../c/error.js';
import type { ModelSpec } from '../core/model.js';
import type { MemoryModelName } from '../memory/model-name.js';
import { InputError } from '../report/input-error.js';
import { configLabel, expectationOn, type Expected, type Scenario, type VariantInfo } from '../scenarios/scenario.js';
import { parseExpect } from './expect.js';
import { loadCModelSync, type CModel } from './index.js';
import { packageRoot, patchHeaders, readSource } from './sources.js';
import type { AssembleOptions, BuiltCModel } from './build/assemble.js';

/** A C model scenario also tells what the compiler decided for each configuration. */
export interface CScenario extends Scenario {
  readonly kind: 'c';
  readonly file: string;
  /** Adds a variant for a patch (`.diff`/`.patch`) or override (`.c`) file; returns its name. */
  addVariant(path: string): string;
  /** The built model with the compiler's notes (symmetry, atomic assumptions, overrides). */
  compile(variant: string, arch: ArchConfig, cpus: number, mm: MemoryModelName): BuiltCModel & { readonly model: CModel };
}

const cache = new Map<string, CScenario>();

/** Is this argument a C model (a path ending in `.c`)? */
export function isCModelPath(name: string): boolean {
  return name.endsWith('.c');
}

/** The file a C model name stands for: as given, or under the package (`models/...`). */
export function resolveModelPath(name: string): string {
  if (existsSync(name)) return name;
  const inPackage = join(packageRoot(), name);
  if (!isAbsolute(name) && existsSync(inPackage)) return inPackage;
  throw new InputError(`${name}: no such model file`);
}

/**
 * How many built configurations a scenario keeps. One check builds the same configuration
 * several times (the machine it explores, the symmetry check's probe and the CPU counts it
 * tries, the cutoff's, the smaller models a counterexample is looked for on), and a C build
 * is lowering and compiling the whole model: each is done once. A built model is a pure
 * function of its configuration (its steps share one scratch frame, used one step at a time).
 */
const RECENT_BUILDS = 8;

/** The last `limit` builds, by model (variant), arch and the rest of the configuration. */
class RecentBuilds<T> {
  private readonly entries: { readonly model: CModel; readonly arch: ArchConfig; readonly key: string; readonly value: T }[] = [];

  constructor(private readonly limit: number) {}

  private indexOf(model: CModel, arch: ArchConfig, key: string): number {
    return this.entries.findIndex((e) => e.model === model && e.arch === arch && e.key === key);
  }

  /** The build kept for this configuration, if any, without making it the most recent. */
  peek(model: CModel, arch: ArchConfig, key: string): T | undefined {
    return this.entries[this.indexOf(model, arch, key)]?.value;
  }

  get(model: CModel, arch: ArchConfig, key: string, build: () => T): T {
    const i = this.indexOf(model, arch, key);
    if (i >= 0) {
      const [hit] = this.entries.splice(i, 1);
      this.entries.push(hit!);
      return hit!.value;
    }
    const value = build();
    this.entries.push({ model, arch, key, value });
    if (this.entries.length > this.limit) this.entries.shift();
    return value;
  }
}

/** The C model scenario for a path (one per path per process: loading parses the prelude). */
export function cModelScenario(name: string): CScenario {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const file = resolveModelPath(name);
  const s = makeScenario(name, file);
  cache.set(name, s);
  return s;
}

interface VariantSource {
  readonly info: VariantInfo & { readonly unstated?: boolean };
  readonly patch?: string;
  readonly override?: string;
}

function makeScenario(name: string, file: string): CScenario {
  const base = loadCModelSync(file);
  const d = base.decls;
  const variants: VariantSource[] = [{ info: baselineInfo(base, file) }];
  const dir = join(dirname(file), basename(file, '.c'));
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.diff') || f.endsWith('.patch')) variants.push(patchVariant(join(dir, f), f.replace(/\.(diff|patch)$/, '')));
    }
  }
  const loaded = new Map<string, CModel>([['baseline', base]]);
  const modelOf = (variant: string): CModel => {
    const have = loaded.get(variant);
    if (have !== undefined) return have;
    const name2 = variants.some((x) => x.info.name === variant) || !/\.(diff|patch|c)$/.test(variant) ? variant : s.addVariant(variant);
    const v = variants.find((x) => x.info.name === name2);
    if (v === undefined) throw new InputError(`unknown variant '${variant}' of ${name}; one of: ${variants.map((x) => x.info.name).join(', ')}`);
    const m = loadCModelSync(file, { ...(v.patch !== undefined ? { patch: v.patch } : {}), ...(v.override !== undefined ? { overrides: [v.override] } : {}) });
    loaded.set(variant, m);
    return m;
  };
  const builds = new RecentBuilds<BuiltCModel & { model: CModel }>(RECENT_BUILDS);
  /**
   * A configuration as built for a search; or, as a `probe`, the one built for a search if there
   * is one, else a build whose steps are never compiled to JavaScript (HOT_STEP): a probe is
   * explored once and dropped (the symmetry check of mmu-gather's 3-CPU probe then takes
   * 0.25-0.3 s instead of 0.45 s). Both tiers run a step alike (test/cmodel-jit.test.ts).
   */
  const compile = (variant: string, arch: ArchConfig, cpus: number, mm: MemoryModelName, probe = false): BuiltCModel & { model: CModel } => {
    const m = modelOf(variant);
    if (!d.memoryModels.includes(mm)) throw new InputError(`${name} is not checked under ${mm} (MODEL_MEMORY: ${d.memoryModels.join(', ')})`);
    const key = `${cpus}/${mm}`;
    const make = (opts: AssembleOptions) => (): BuiltCModel & { model: CModel } => ({ ...m.build(arch, cpus, mm, `${name}/${variant}/${configLabel(arch.name, mm)}`, opts), model: m });
    if (!probe) return builds.get(m, arch, key, make({}));
    return builds.peek(m, arch, key) ?? builds.get(m, arch, `${key}/probe`, make({ hotStep: Infinity }));
  };
  const s: CScenario = {
    kind: 'c',
    file,
    name,
    summary: d.summary ?? `C model ${basename(file)}`,
    arches: d.arches,
    memoryModels: d.memoryModels,
    defaultCpus: d.defaultCpus,
    minCpus: d.minCpus,
    // Fixed roles cover a fixed number of CPUs; an open-ended one (CPUS(k, N)) scales.
    maxCpus: d.roles.some((r) => r.count === null) ? 24 : d.roles.reduce((n, r) => n + (r.count ?? 0), 0),
    cpuRolesDoc:
      d.tasks.length > 0
        ? `tasks ${d.tasks.map((t) => `${t.name} (from CPU${t.cpu}${t.pinned ? ', pinned' : ''})`).join(', ')} on CPUs 0..N-1`
        : d.roles.map((r) => `${r.count === 1 ? `CPU${r.first}` : `CPU${r.first}..${r.count === null ? '' : r.first + r.count - 1}`} ${r.name}`).join('; '),
    get variants() {
      return variants.map((v) => v.info);
    },
    build: (variant: string, arch: ArchConfig, cpus: number, mm: MemoryModelName = 'sc'): ModelSpec => compile(variant, arch, cpus, mm).spec,
    buildProbe: (variant: string, arch: ArchConfig, cpus: number, mm: MemoryModelName = 'sc'): ModelSpec => compile(variant, arch, cpus, mm, true).spec,
    compile,
    addVariant: (path: string): string => {
      const rel = displayPath(path);
      if (variants.some((v) => v.info.name === rel)) return rel;
      if (!existsSync(path)) throw new InputError(`${path}: no such file`);
      if (path.endsWith('.c')) variants.push(overrideVariant(path, rel));
      else if (path.endsWith('.diff') || path.endsWith('.patch')) variants.push(patchVariant(path, rel));
      else throw new InputError(`${path}: a patch is a unified diff (.diff, .patch) or an override file (.c)`);
      return rel;
    },
  };
  return s;
}

function displayPath(p: string): string {
  const r = relative(process.cwd(), resolve(p));
  return r.startsWith('..') ? resolve(p) : r;
}

function info(name: string, summary: string, patch: string, expectText: string | undefined, expectSource: string, where: string): VariantInfo & { unstated?: boolean } {
  const expected: Expected = expectText === undefined ? { otherwise: { verdict: 'holds' } } : parseExpect(expectText, where);
  return {
    name,
    summary,
    patch,
    expected,
    expect: (arch, mm) => expectationOn(expected, arch.name, mm),
    expectSource,
    ...(expectText === undefined ? { unstated: true } : {}),
  };
}

function baselineInfo(m: CModel, file: string): VariantInfo & { unstated?: boolean } {
  const e = m.sym.macros.find((x) => x.name === 'MODEL_EXPECT');
  const text = e?.args[0]?.kind === 'string' ? e.args[0].value : undefined;
  if (e !== undefined && text === undefined) throw new CError(e.loc, 'MODEL_EXPECT("holds" | "violated <property>; <config>: ...")');
  const src = m.sym.macros.find((x) => x.name === 'MODEL_EXPECT_SOURCE');
  return info('baseline', 'the model as written', basename(file), text, src?.args[0]?.kind === 'string' ? src.args[0].value : '', `${file}: MODEL_EXPECT`);
}

function patchVariant(path: string, name: string): VariantSource {
  const h = patchHeaders(readSource(path, 'patch'));
  return {
    info: info(name, h.get('subject') ?? `patch ${basename(path)}`, h.get('patch') ?? basename(path), h.get('expect'), h.get('expect-source') ?? '', `${path}: Expect`),
    patch: path,
  };
}

function overrideVariant(path: string, name: string): VariantSource {
  return { info: info(name, `functions replaced by ${basename(path)}`, basename(path), undefined, '', path), override: path };
}
