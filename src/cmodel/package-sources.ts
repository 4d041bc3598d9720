/**
 * The package's own C files: the prelude, the committed models, and each file as a committed
 * patch leaves it. `npm run build` caches their syntax trees (./write-tree-cache.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { committedCModelPaths } from './registry.js';
import { applyUnifiedDiff, packageRoot, preludeFiles, type SourceFile } from './sources.js';

/** The prelude, the committed models, and each file a committed patch changes, as patched. */
export function packageSources(): SourceFile[] {
  const root = packageRoot();
  const prelude = preludeFiles();
  const out: SourceFile[] = [...prelude];
  for (const path of committedCModelPaths()) {
    const model: SourceFile = { name: path, text: readFileSync(join(root, path), 'utf8'), prelude: false };
    out.push(model);
    const dir = join(root, 'models', basename(path, '.c'));
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.diff') && !f.endsWith('.patch')) continue;
      let patched: SourceFile[];
      try {
        patched = applyUnifiedDiff([...prelude, model], readFileSync(join(dir, f), 'utf8'), f);
      } catch {
        continue; // the tool reports a patch that does not apply when it is used
      }
      const before = new Map([...prelude, model].map((s) => [s.name, s.text]));
      out.push(...patched.filter((s) => before.get(s.name) !== s.text));
    }
  }
  return out;
}
