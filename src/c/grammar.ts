/**
 * The C grammar: tree-sitter's C grammar compiled to WebAssembly (`tree-sitter-c`, run by
 * `web-tree-sitter`; no native build). Loading it is asynchronous and done once per process
 * (about 30 ms); parsing is synchronous afterwards.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

export type CstNode = Node;

let parser: Parser | null = null;
let loading: Promise<Parser> | null = null;

/** Loads the grammar (once); call before `parseC`. */
export function loadCGrammar(): Promise<Parser> {
  if (parser !== null) return Promise.resolve(parser);
  loading ??= (async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const language = await Language.load(require.resolve('tree-sitter-c/tree-sitter-c.wasm'));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
    return p;
  })();
  return loading;
}

/** The loaded parser; throws if `loadCGrammar()` was not awaited first (a programming error). */
export function cParser(): Parser {
  if (parser === null) throw new Error('the C grammar is not loaded: await loadCGrammar() first');
  return parser;
}
