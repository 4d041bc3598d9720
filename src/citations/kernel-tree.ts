/**
 * A kernel source tree on disk, as cite-check reads it: files scanned on demand, and an index
 * of every definition in the tree, built once, the first time a name is looked up outside the
 * file a citation names (a callee defined in another file, or a function that moved).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { bodyMentions, scanSource, type Definition, type ScannedFile } from './c-scan.js';

/** Directories never indexed: not kernel code a citation could name. */
const SKIP_DIRS = new Set(['.git', 'Documentation', 'tools', 'scripts', 'samples', 'LICENSES', 'usr', 'node_modules']);
const SOURCE = /\.(c|h|S)$/;

export interface Located {
  readonly path: string;
  readonly def: Definition;
}

export class KernelTree {
  private readonly files = new Map<string, ScannedFile | null>();
  private index: Map<string, Located[]> | undefined;

  constructor(readonly root: string) {}

  /** `7.1.5` from the top Makefile, or undefined if it has none. */
  version(): string | undefined {
    const makefile = join(this.root, 'Makefile');
    if (!existsSync(makefile)) return undefined;
    const text = readFileSync(makefile, 'utf8');
    const field = (k: string) => new RegExp(`^${k}\\s*=\\s*(\\S*)`, 'm').exec(text)?.[1];
    const v = field('VERSION');
    const p = field('PATCHLEVEL');
    if (v === undefined || p === undefined) return undefined;
    const s = field('SUBLEVEL');
    return s ? `${v}.${p}.${s}` : `${v}.${p}`;
  }

  /** The scanned file at a tree-relative path, or undefined if the tree has no such file. */
  file(path: string): ScannedFile | undefined {
    if (!this.files.has(path)) {
      const full = join(this.root, path);
      let scanned: ScannedFile | null = null;
      if (existsSync(full) && statSync(full).isFile()) scanned = scanSource(readFileSync(full, 'utf8'), path);
      this.files.set(path, scanned);
    }
    return this.files.get(path) ?? undefined;
  }

  /** Every definition of `name` in the tree (all architectures), by path. */
  definitionsOf(name: string): readonly Located[] {
    this.index ??= this.buildIndex();
    return this.index.get(name) ?? [];
  }

  private buildIndex(): Map<string, Located[]> {
    const index = new Map<string, Located[]>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name)) walk(full);
        } else if (entry.isFile() && SOURCE.test(entry.name)) {
          const path = relative(this.root, full).split(sep).join('/');
          const scanned = this.file(path);
          if (scanned === undefined) continue;
          for (const [name, defs] of scanned.definitions) {
            const list = index.get(name) ?? [];
            for (const def of defs) list.push({ path, def });
            index.set(name, list);
          }
          // The index keeps definitions; the file cache keeps only files citations name.
          this.files.delete(path);
        }
      }
    };
    walk(this.root);
    return index;
  }

  /** The names with a definition in the tree that some definition of `name` mentions. */
  calleesOf(path: string, name: string): string[] {
    const bodies: string[] = [];
    const local = this.file(path);
    for (const d of local?.definitions.get(name) ?? []) bodies.push(local!.code.slice(d.bodyStart, d.bodyEnd));
    for (const at of this.definitionsOf(name)) {
      const f = this.file(at.path);
      if (f !== undefined) bodies.push(f.code.slice(at.def.bodyStart, at.def.bodyEnd));
    }
    const out = new Set<string>();
    for (const body of bodies) for (const m of body.matchAll(/[A-Za-z_]\w*/g)) if (m[0] !== name && this.definitionsOf(m[0]).length > 0) out.add(m[0]);
    return [...out].sort();
  }

  /** Does the body of a definition found by the index mention `name`? (Reads its file again.) */
  mentions(at: Located, name: string): boolean {
    const file = this.file(at.path);
    return file !== undefined && bodyMentions(file, at.def, name);
  }
}
