/**
 * Models written in kernel C: load a model file with the prelude (and a patch, and override
 * files), then build it for any configuration as a `ModelSpec` the engines explore.
 *
 *   const m = await loadCModel('models/mmu-gather.c', { patch: 'models/mmu-gather/skip-sync.diff' });
 *   const built = m.build(ARCHES['x86-kvm-pv'], 4, 'sc');
 */
import { basename } from 'node:path';
import type { ArchConfig } from '../arch/arch.js';
import { loadCGrammar } from '../c/grammar.js';
import type { TranslationUnit } from '../c/ast.js';
import { parseC } from '../c/parse.js';
import { defaultTreeCachePath, TreeCache } from '../c/tree-cache.js';
import type { MemoryModelName } from '../memory/model-name.js';
import { assemble, type AssembleOptions, type BuiltCModel } from './build/assemble.js';
import { readDeclarations, type ModelDecls } from './declarations.js';
import { sourceChanges, type SourceChanges } from './changes.js';
import { applyUnifiedDiff, patchHeaders, preludeFiles, readSource, type SourceFile } from './sources.js';
import { collectSymbols, type Symbols } from './symbols.js';

export interface LoadOptions {
  /** A unified diff applied to the prelude or the model before parsing. */
  readonly patch?: string;
  /** A unified diff given as text (`name` is what messages call it), applied after `patch`. */
  readonly patchText?: { readonly name: string; readonly text: string };
  /** Files whose functions replace the prelude's (and the model's) of the same name. */
  readonly overrides?: readonly string[];
  /** Another prelude directory (tests). */
  readonly preludeDir?: string;
}

export interface CModel {
  /** The model file as given. */
  readonly file: string;
  /** `mmu-gather` for `models/mmu-gather.c`. */
  readonly name: string;
  readonly patch: string | null;
  /** Header fields of the patch (`subject`, `expect`, ...). */
  readonly patchHeaders: ReadonlyMap<string, string>;
  readonly sources: readonly SourceFile[];
  readonly sym: Symbols;
  readonly decls: ModelDecls;
  /** Functions the reviewer's files replaced, with where the prelude's were. */
  readonly overridden: readonly string[];
  /** What runs step by step inside prelude `__atomic_block`s: the lines the patch and override files wrote (./changes.ts), or those given to `withChanges`. */
  readonly changes: SourceChanges;
  build(arch: ArchConfig, cpus: number, mm: MemoryModelName, name?: string, opts?: AssembleOptions): BuiltCModel;
  /**
   * The same sources with other lines running step by step inside `__atomic_block`s: a
   * mutation's unmutated model, cut where the mutant is (../mutate/c/run.ts).
   */
  withChanges(changes: SourceChanges): CModel;
}

export async function loadCModel(file: string, opts: LoadOptions = {}): Promise<CModel> {
  await loadCGrammar();
  return loadCModelSync(file, opts);
}

/** As loadCModel, once the grammar is loaded (`await loadCGrammar()`). */
export function loadCModelSync(file: string, opts: LoadOptions = {}): CModel {
  const model: SourceFile = { name: file, text: readSource(file, 'model file'), prelude: false };
  const overrides = (opts.overrides ?? []).map((o): SourceFile => ({ name: o, text: readSource(o, 'override file'), prelude: false }));
  const shipped = [...preludeFiles(opts.preludeDir), model, ...overrides];
  let files = shipped;
  let headers = new Map<string, string>();
  if (opts.patch !== undefined) {
    const diff = readSource(opts.patch, 'patch');
    headers = patchHeaders(diff);
    files = applyUnifiedDiff(files, diff, opts.patch);
  }
  if (opts.patchText !== undefined) files = applyUnifiedDiff(files, opts.patchText.text, opts.patchText.name);
  const units = files.map((f) => ({ tu: parsed(f), prelude: f.prelude }));
  const sym = collectSymbols(units);
  const decls = readDeclarations(sym, file);
  const overridden = [...sym.functions.entries()].filter(([, f]) => f.overrides !== null).map(([n, f]) => `${n} (${f.overrides!.file}:${f.overrides!.line})`);
  const name = basename(file).replace(/\.c$/, '');
  const changes = sourceChanges(shipped, files, new Set(overrides.map((o) => o.name)));
  const loaded = { file, name, patch: opts.patch ?? null, patchHeaders: headers, sources: files, sym, decls, overridden };
  return withChanges(loaded, changes);
}

/** A loaded model that runs `changes` step by step inside `__atomic_block`s. */
function withChanges(m: Omit<CModel, 'changes' | 'build' | 'withChanges'>, changes: SourceChanges): CModel {
  const specName = (arch: ArchConfig): string => `${m.name}${m.patch !== null ? `+${basename(m.patch).replace(/\.diff$|\.patch$/, '')}` : ''}/${arch.name}`;
  return {
    ...m,
    changes,
    build: (arch, cpus, mm, name, buildOpts) => assemble({ file: m.file, sym: m.sym, decls: m.decls, changes }, arch, cpus, mm, name ?? specName(arch), buildOpts),
    withChanges: (other) => withChanges(m, other),
  };
}

/**
 * Syntax trees by file name and text: loading a model again with a patch (a variant, a
 * mutant) reparses only the files the patch changed. The trees are never modified.
 */
const trees = new Map<string, TranslationUnit>();

/** The trees `npm run build` cached for the package's own files (../c/tree-cache.ts), read once. */
let cached: TreeCache | undefined;
function packageTrees(): TreeCache {
  return (cached ??= TreeCache.read(defaultTreeCachePath()));
}

function parsed(f: SourceFile): TranslationUnit {
  const key = `${f.name}\u0000${f.text}`;
  let tu = trees.get(key);
  if (tu === undefined) {
    tu = packageTrees().tree(f.text, f.name) ?? parseC(f.text, f.name);
    if (trees.size >= 1000) trees.clear();
    trees.set(key, tu);
  }
  return tu;
}
