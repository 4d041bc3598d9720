/**
 * Syntax trees of the package's own C files (the prelude and the committed models), built
 * once by `npm run build` and read back by the tool instead of parsing those files again in
 * every process. Parsing the prelude in a fresh process costs about 170 ms (the grammar's
 * WebAssembly and the lowering run cold); reading its trees back costs about 10 ms.
 *
 * A tree is used only for the exact text it was built from (keyed by the text's SHA-256), and
 * only by the front end that built it: the cache records a fingerprint of this directory's
 * code and of the grammar's WebAssembly, and a cache with another fingerprint is ignored. A
 * patched, overridden or edited file, or a reviewer's own model, is parsed as before. So a
 * cached tree is the tree `parseC` would build, never an older one
 * (test/c-tree-cache.test.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TranslationUnit } from './ast.js';

/** The cache `npm run build` writes: `dist/c-trees.json`, found from this module in `dist/src/c/`. */
export function defaultTreeCachePath(): string {
  return join(frontEndDir(), '..', '..', 'c-trees.json');
}

/** The directory of the C front end's code (this module's). */
function frontEndDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

interface CacheFile {
  readonly fingerprint: string;
  /** Trees by the SHA-256 of their text, with every `file` left out (the reader puts the name back). */
  readonly trees: Readonly<Record<string, unknown>>;
}

/**
 * What the trees depend on besides the text: the front end's code (every module of this
 * directory, as compiled) and the grammar's WebAssembly (tree-sitter's runtime and the C
 * grammar).
 */
export function frontEndFingerprint(dir = frontEndDir()): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) {
    if (!/\.(js|ts)$/.test(f) || f.endsWith('.d.ts')) continue;
    h.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  }
  const require = createRequire(import.meta.url);
  for (const wasm of ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter-c/tree-sitter-c.wasm']) h.update(wasm).update(readFileSync(require.resolve(wasm)));
  return h.digest('hex');
}

export function textKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Trees read from a cache file, by text; empty if there is none or it is not this front end's. */
export class TreeCache {
  private constructor(private readonly trees: Readonly<Record<string, unknown>>) {}

  static empty(): TreeCache {
    return new TreeCache({});
  }

  /** Reads `path`; an absent, unreadable or other front end's cache gives an empty one. */
  static read(path: string, fingerprint: () => string = frontEndFingerprint): TreeCache {
    if (!existsSync(path)) return TreeCache.empty();
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      return TreeCache.empty();
    }
    if (!isCacheFile(parsed) || parsed.fingerprint !== fingerprint()) return TreeCache.empty();
    return new TreeCache(parsed.trees);
  }

  get size(): number {
    return Object.keys(this.trees).length;
  }

  /** The tree of `text` as `parseC(text, file)` builds it, if cached. Each call builds new objects. */
  tree(text: string, file: string): TranslationUnit | undefined {
    const stored = this.trees[textKey(text)];
    if (typeof stored !== 'object' || stored === null) return undefined;
    return { file, items: withFile((stored as { items: unknown }).items, file) as TranslationUnit['items'] };
  }
}

/** A copy of `v` in which every location (an object with a `line` and a `col`) names `file`. */
function withFile(v: unknown, file: string): unknown {
  if (Array.isArray(v)) return v.map((x) => withFile(x, file));
  if (typeof v !== 'object' || v === null) return v;
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = typeof src['line'] === 'number' && typeof src['col'] === 'number' ? { file } : {};
  for (const k of Object.keys(src)) out[k] = withFile(src[k], file);
  return out;
}

function isCacheFile(x: unknown): x is CacheFile {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o['fingerprint'] === 'string' && typeof o['trees'] === 'object' && o['trees'] !== null;
}

/**
 * Writes the trees of `files` (each parsed by `parse`) to `path`, through a temporary file
 * renamed into place. A file that does not parse is left out: the tool parses it when it is
 * used, and reports its error then. Returns how many trees were written.
 */
export function writeTreeCache(path: string, files: readonly { readonly name: string; readonly text: string }[], parse: (text: string, file: string) => TranslationUnit, fingerprint = frontEndFingerprint()): number {
  const trees: Record<string, unknown> = {};
  for (const f of files) {
    let tu: TranslationUnit;
    try {
      tu = parse(f.text, f.name);
    } catch {
      continue;
    }
    const stored = withoutFile(tu, f.name);
    if (stored !== undefined) trees[textKey(f.text)] = stored;
  }
  const body: CacheFile = { fingerprint, trees };
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(body));
  renameSync(tmp, path);
  return Object.keys(trees).length;
}

/** The tree with every location's `file` left out, or undefined if a location names another file. */
function withoutFile(tu: TranslationUnit, file: string): unknown {
  let foreign = false;
  const text = JSON.stringify(tu.items, (key, value: unknown) => {
    if (key !== 'file') return value;
    if (value !== file) foreign = true;
    return undefined;
  });
  return foreign ? undefined : { items: JSON.parse(text) as unknown };
}
