/**
 * What every lowering function needs: where a syntax node is in the reviewer's file, and the
 * two ways to refuse it (a syntax error, or a construct outside the subset, named, with what
 * is supported instead).
 */
import type { Loc } from './ast.js';
import { CError } from './error.js';
import type { CstNode } from './grammar.js';
import type { Preprocessed } from './preprocess.js';

export interface LowerContext {
  readonly file: string;
  readonly pre: Preprocessed;
  /** Keys of `pre.rangeAt` a declaration took (one no declaration takes is refused). */
  readonly rangesUsed: Set<string>;
}

export function locOf(cx: LowerContext, node: CstNode): Loc {
  const line = node.startPosition.row + 1;
  return { file: cx.file, line, col: cx.pre.originalCol(line, node.startPosition.column + 1) };
}

/** The end of a node (for a function's closing brace). */
export function endLocOf(cx: LowerContext, node: CstNode): Loc {
  const line = node.endPosition.row + 1;
  return { file: cx.file, line, col: cx.pre.originalCol(line, Math.max(1, node.endPosition.column)) };
}

/** A construct outside the subset: named, with what the subset offers instead. */
export function unsupported(cx: LowerContext, node: CstNode, what: string, instead?: string): CError {
  return new CError(locOf(cx, node), `${what} is not supported${instead === undefined ? '' : `; ${instead}`}`);
}

export function syntaxError(cx: LowerContext, node: CstNode, detail: string): CError {
  return new CError(locOf(cx, node), `syntax error: ${detail}`);
}

/** Short, single-line excerpt of a node's text for messages. */
export function excerpt(node: CstNode): string {
  const t = node.text.replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

/** The named children of a node, skipping comments. */
export function namedKids(node: CstNode): CstNode[] {
  return node.namedChildren.filter((c): c is CstNode => c !== null && c.type !== 'comment');
}

/** A required field child; a missing one is a syntax error at the parent. */
export function field(cx: LowerContext, node: CstNode, name: string): CstNode {
  const c = node.childForFieldName(name);
  if (c === null) throw syntaxError(cx, node, `incomplete ${node.type.replace(/_/g, ' ')} '${excerpt(node)}'`);
  return c;
}
