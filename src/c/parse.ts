/**
 * The C front end: source text to the subset's syntax tree (./ast.ts), or one `CError` with
 * the file, line and column of the first thing it cannot read. Shared by the model compiler
 * (src/cmodel) and the litmus front end (src/litmus), which blanks its non-C parts (header,
 * initial state, condition) to spaces before handing the text over, so positions stay true.
 *
 * `await loadCGrammar()` (./grammar.ts) once before the first `parseC`.
 */
import type { Expr, TranslationUnit } from './ast.js';
import { CError } from './error.js';
import { cParser, type CstNode } from './grammar.js';
import { lowerExpr } from './lower-expr.js';
import { excerpt, namedKids, syntaxError, type LowerContext } from './lower-context.js';
import { lowerTopLevel } from './lower-top.js';
import { preprocess } from './preprocess.js';

/** Largest source accepted: models are small; anything bigger is a mistake (a wrong file). */
export const MAX_SOURCE_BYTES = 1 << 20;

export function parseC(source: string, file: string): TranslationUnit {
  if (source.length > MAX_SOURCE_BYTES) throw new CError({ file, line: 1, col: 1 }, `file too large for a model (${source.length} bytes, at most ${MAX_SOURCE_BYTES})`);
  if (source.includes('\0')) throw new CError({ file, line: lineOfIndex(source, source.indexOf('\0')), col: 1 }, 'NUL byte in the source');
  const pre = preprocess(source);
  const tree = cParser().parse(pre.text);
  if (tree === null) throw new CError({ file, line: 1, col: 1 }, 'the C parser gave no tree');
  try {
    const cx: LowerContext = { file, pre, rangesUsed: new Set() };
    rejectParseErrors(cx, tree.rootNode);
    const items = lowerTopLevel(cx, tree.rootNode, (text, line, col) => parseDefineValue(cx, text, line, col));
    rejectStrayRanges(cx);
    return { file, items };
  } finally {
    tree.delete();
  }
}

/** Parses one C expression (a litmus condition's operands, a `#define` value). */
export function parseCExpression(text: string, file: string, line: number, col: number): Expr {
  const padded = `${'\n'.repeat(line - 1)}${' '.repeat(Math.max(0, col - 1))}(${text});`;
  const pre = preprocess(padded);
  const tree = cParser().parse(pre.text);
  if (tree === null) throw new CError({ file, line, col }, 'the C parser gave no tree');
  try {
    const cx: LowerContext = { file, pre, rangesUsed: new Set() };
    rejectParseErrors(cx, tree.rootNode);
    const stmt = namedKids(tree.rootNode)[0];
    const e = stmt === undefined ? undefined : namedKids(stmt)[0];
    if (stmt === undefined || stmt.type !== 'expression_statement' || e === undefined) throw new CError({ file, line, col }, `not an expression: '${text.trim()}'`);
    return lowerExpr(cx, e);
  } finally {
    tree.delete();
  }
}

/**
 * A `__range(lo, hi)` no declaration starts with (`int __range(0, 3) x;`, or before a
 * statement): its bounds would be dropped, so the variable would get its type's whole domain.
 */
function rejectStrayRanges(cx: LowerContext): void {
  for (const key of cx.pre.rangeAt.keys()) {
    if (cx.rangesUsed.has(key)) continue;
    const [line, col] = key.split(':').map(Number) as [number, number];
    throw new CError({ file: cx.file, line, col }, "the __range(lo, hi) before this bounds no declaration; it goes first: '__range(lo, hi) int x;'");
  }
}

function parseDefineValue(cx: LowerContext, text: string, line: number, col: number): Expr {
  return parseCExpression(text.trim(), cx.file, line, col);
}

/**
 * The first parse error anywhere in the tree, except the one the kernel's macros cause on
 * purpose: a call missing its `;` that is followed by the statement it applies to
 * (`for_each_cpu(cpu, mask) body`, `__range(0, 3) int x;`), which ./lower-stmt.ts reads.
 */
function rejectParseErrors(cx: LowerContext, root: CstNode): void {
  if (!root.hasError) return;
  const visit = (node: CstNode): void => {
    if (node.type === 'ERROR') throw syntaxError(cx, node, `unexpected '${excerpt(node)}'`);
    if (node.isMissing) {
      if (node.type === ';' && isDanglingMacro(node)) return;
      throw syntaxError(cx, node, `expected '${node.type}'`);
    }
    if (!node.hasError) return;
    for (const k of node.children) if (k !== null) visit(k);
  };
  visit(root);
}

function isDanglingMacro(missing: CstNode): boolean {
  const stmt = missing.parent;
  if (stmt === null || stmt.type !== 'expression_statement') return false;
  const first = stmt.children[0];
  return first !== null && first !== undefined && first.type === 'call_expression' && stmt.nextNamedSibling !== null;
}


function lineOfIndex(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}
