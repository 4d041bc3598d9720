/**
 * The syntax trees `npm run build` caches for the package's own C files
 * (src/c/tree-cache.ts): a cached tree is exactly the tree the parser builds from the same
 * text and file name, and nothing else is ever answered from the cache (another text,
 * another front end, a damaged cache file).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCGrammar } from '../src/c/grammar.js';
import { parseC } from '../src/c/parse.js';
import { frontEndFingerprint, TreeCache, writeTreeCache } from '../src/c/tree-cache.js';
import { packageSources } from '../src/cmodel/package-sources.js';

beforeAll(async () => {
  await loadCGrammar();
});

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'shootdown-trees-')), 'c-trees.json');

describe('cached syntax trees', () => {
  it('are the parser\'s trees of the prelude, the committed models and their patched files, under any file name', () => {
    const files = packageSources();
    const path = fresh();
    const n = writeTreeCache(path, files, parseC, 'fp');
    expect(n).toBe(new Set(files.map((f) => f.text)).size);
    // Patched files are there too, not only the prelude and the models.
    expect(files.some((f) => f.prelude && files.some((g) => g !== f && g.name === f.name))).toBe(true);
    const cache = TreeCache.read(path, () => 'fp');
    for (const f of files) expect(cache.tree(f.text, f.name)).toStrictEqual(parseC(f.text, f.name));
    const f0 = files[0]!;
    expect(cache.tree(f0.text, 'elsewhere/x.h')).toStrictEqual(parseC(f0.text, 'elsewhere/x.h'));
  });

  it('answer nothing for another text, another front end or a damaged file', () => {
    const files = packageSources().slice(0, 3);
    const path = fresh();
    writeTreeCache(path, files, parseC, 'fp');
    const cache = TreeCache.read(path, () => 'fp');
    const f = files[0]!;
    expect(cache.tree(`${f.text} `, f.name)).toBeUndefined();
    expect(TreeCache.read(path, () => 'another front end').size).toBe(0);
    expect(TreeCache.read(join(path, '..', 'absent.json'), () => 'fp').size).toBe(0);
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 100));
    expect(TreeCache.read(path, () => 'fp').size).toBe(0);
  });

  it('leave out a file that does not parse (the tool reports it when the file is used)', () => {
    const path = fresh();
    const n = writeTreeCache(path, [{ name: 'ok.c', text: 'int x;\n' }, { name: 'bad.c', text: 'int (;\n' }], parseC, 'fp');
    expect(n).toBe(1);
    expect(TreeCache.read(path, () => 'fp').tree('int (;\n', 'bad.c')).toBeUndefined();
  });

  it('belong to the front end that built them: its fingerprint changes with any of its modules', () => {
    const src = join(import.meta.dirname, '..', 'src', 'c');
    const copy = mkdtempSync(join(tmpdir(), 'shootdown-front-end-'));
    for (const f of readdirSync(src)) copyFileSync(join(src, f), join(copy, f));
    const before = frontEndFingerprint(copy);
    expect(frontEndFingerprint(copy)).toBe(before);
    writeFileSync(join(copy, 'lower-expr.ts'), `${readFileSync(join(copy, 'lower-expr.ts'), 'utf8')}\n`);
    expect(frontEndFingerprint(copy)).not.toBe(before);
  });
});
