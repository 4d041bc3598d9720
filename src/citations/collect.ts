/**
 * What cite-check checks: every `source` a reviewer can see (each step, event and program of
 * every scenario x variant x configuration x memory model, as built; each configuration's
 * source), each variant's `patch`, and every kernel commit id written anywhere under src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHES } from '../arch/index.js';
import type { ModelSpec } from '../core/model.js';
import { SCENARIOS } from '../scenarios/index.js';
import { preludeDir } from '../cmodel/sources.js';
import { collectPreludeCitations } from './prelude.js';

export interface Citation {
  readonly text: string;
  /** Where it is used: `mmu-gather`, `arch x86-native`, `mmu-gather/baseline patch`. */
  readonly usedBy: readonly string[];
}

function sourcesOf(model: ModelSpec): string[] {
  return model.roles.flatMap((r) => [...r.programs.flatMap((p) => [p.source, ...p.steps.map((s) => s.source)]), ...r.events.map((e) => e.source)]);
}

export function collectCitations(): Citation[] {
  const uses = new Map<string, Set<string>>();
  const use = (text: string, by: string) => {
    const set = uses.get(text) ?? new Set<string>();
    set.add(by);
    uses.set(text, set);
  };
  for (const sc of SCENARIOS) {
    for (const v of sc.variants) {
      use(v.patch, `${sc.name}/${v.name} patch`);
      for (const arch of sc.arches) {
        for (const mm of sc.memoryModels) for (const s of sourcesOf(sc.build(v.name, ARCHES[arch], sc.minCpus, mm))) use(s, sc.name);
      }
    }
  }
  for (const a of Object.values(ARCHES)) use(a.source, `arch ${a.name}`);
  for (const c of collectPreludeCitations(preludeDir())) use(c.text, c.usedBy);
  return [...uses].map(([text, by]) => ({ text, usedBy: [...by].sort() })).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

export interface CommitId {
  readonly id: string;
  readonly files: readonly string[];
}

/** Abbreviated commit ids (12 to 40 hex digits, at least one a-f and one digit) in src/. */
export function collectCommitIds(srcDir: string): CommitId[] {
  const found = new Map<string, Set<string>>();
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(full, path);
      else if (e.name.endsWith('.ts')) {
        for (const m of readFileSync(full, 'utf8').matchAll(/(?<![\w-])[0-9a-f]{12,40}(?![\w-])/g)) {
          if (!/[a-f]/.test(m[0]) || !/[0-9]/.test(m[0])) continue;
          const set = found.get(m[0]) ?? new Set<string>();
          set.add(path);
          found.set(m[0], set);
        }
      }
    }
  };
  walk(srcDir, 'src');
  return [...found].map(([id, files]) => ({ id, files: [...files].sort() })).sort((a, b) => (a.id < b.id ? -1 : 1));
}
