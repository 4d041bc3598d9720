/**
 * `npm run build`'s last step: caches the syntax trees of the package's own C files
 * (./package-sources.ts) in `dist/c-trees.json` (../c/tree-cache.ts). A check of a committed
 * model, or of one of its patches, then parses only what a reviewer wrote or changed.
 */
import { loadCGrammar } from '../c/grammar.js';
import { parseC } from '../c/parse.js';
import { defaultTreeCachePath, writeTreeCache } from '../c/tree-cache.js';
import { packageSources } from './package-sources.js';

await loadCGrammar();
const n = writeTreeCache(defaultTreeCachePath(), packageSources(), parseC);
if (n === 0) process.stderr.write('write-tree-cache: no syntax tree cached\n');
