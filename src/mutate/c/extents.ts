/**
 * Where a statement or a call of the subset's syntax tree (src/c/ast.ts, which keeps only
 * where a node starts) ends, from tree-sitter's tree of the same file: the edits of a source
 * mutant replace exact character ranges, and coverage asks which compiled instructions lie
 * inside a statement.
 */
import type { Loc, Stmt } from '../../c/ast.js';
import { cParser, type CstNode } from '../../c/grammar.js';
import { preprocess, type Preprocessed } from '../../c/preprocess.js';
import { LineIndex } from '../../line-index.js';

/** A range of a source file: character offsets, and the line/column of both ends (end exclusive). */
export interface Extent {
  readonly from: number;
  readonly to: number;
  readonly start: Loc;
  readonly end: Loc;
}

const STATEMENTS = new Set([
  'expression_statement',
  'compound_statement',
  'if_statement',
  'while_statement',
  'do_statement',
  'for_statement',
  'switch_statement',
  'return_statement',
  'break_statement',
  'continue_statement',
  'declaration',
  'labeled_statement',
  'function_definition',
]);

export class FileExtents {
  private readonly lines: LineIndex;
  /** Syntax nodes by the `line:col` they start at (columns as the front end reports them). */
  private readonly at = new Map<string, CstNode[]>();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lines = new LineIndex(text);
    this.pre = preprocess(text);
    const tree = cParser().parse(this.pre.text);
    if (tree === null) return;
    const walk = (n: CstNode): void => {
      const l = this.startOf(n);
      const key = `${l.line}:${l.col}`;
      const list = this.at.get(key);
      if (list === undefined) this.at.set(key, [n]);
      else list.push(n);
      for (const c of n.children) if (c !== null) walk(c);
    };
    walk(tree.rootNode);
  }

  private readonly pre: Preprocessed;

  private startOf(n: CstNode): Loc {
    const line = n.startPosition.row + 1;
    return { file: this.file, line, col: this.pre.originalCol(line, n.startPosition.column + 1) };
  }

  private endOf(n: CstNode): Loc {
    const line = n.endPosition.row + 1;
    return { file: this.file, line, col: this.pre.originalCol(line, n.endPosition.column + 1) };
  }

  offset(l: Loc): number {
    return (this.lines.start(l.line) ?? this.text.length) + l.col - 1;
  }

  lineOf(offset: number): number {
    return this.lines.lineOf(offset);
  }

  private extent(start: Loc, end: Loc): Extent {
    return { from: this.offset(start), to: this.offset(end), start, end };
  }

  /** The outermost statement node starting at `l`. */
  private statementNode(l: Loc): CstNode | undefined {
    const nodes = (this.at.get(`${l.line}:${l.col}`) ?? []).filter((n) => STATEMENTS.has(n.type));
    return nodes.sort((a, b) => b.endIndex - a.endIndex)[0];
  }

  /** A statement's extent; undefined if the tree has no statement where the syntax tree says one starts. */
  statement(s: Stmt): Extent | undefined {
    const node = this.statementNode(s.loc);
    if (node === undefined) return undefined;
    // A block macro (`for_each_cpu(cpu, mask) body`) or a prefix macro (`__range(0, 3) int x;`)
    // is a call missing its `;` followed by what it applies to.
    const dangling = node.type === 'expression_statement' && node.children.some((c) => c?.isMissing === true);
    if (dangling && s.kind === 'macro-block') {
      const body = this.statement(s.body);
      return body === undefined ? undefined : this.extent(s.loc, body.end);
    }
    if (dangling && s.kind === 'decl') {
      const next = node.nextNamedSibling;
      return next === null ? undefined : this.extent(s.loc, this.endOf(next));
    }
    return this.extent(s.loc, this.endOf(node));
  }

  /** The extent of the call of `callee` starting at `l`, and of its arguments. */
  call(l: Loc, callee: string): { call: Extent; args: Extent[] } | undefined {
    const node = (this.at.get(`${l.line}:${l.col}`) ?? []).find((n) => n.type === 'call_expression' && n.childForFieldName('function')?.text === callee);
    if (node === undefined) return undefined;
    const args = node.childForFieldName('arguments')?.namedChildren.filter((c): c is CstNode => c !== null && c.type !== 'comment') ?? [];
    return { call: this.extent(l, this.endOf(node)), args: args.map((a) => this.extent(this.startOf(a), this.endOf(a))) };
  }

  /**
   * The extent grown to whole lines when nothing but blanks comes before it on its first line
   * and nothing but blanks or a comment after it on its last (the lines, newline included, are
   * then what a patch deletes or moves); else null.
   */
  wholeLines(x: Extent): Extent | null {
    const t = this.text;
    const lineStart = this.lines.start(x.start.line)!;
    if (t.slice(lineStart, x.from).trim() !== '') return null;
    const nl = t.indexOf('\n', x.to);
    const lineEnd = nl < 0 ? t.length : nl;
    const rest = t.slice(x.to, lineEnd).trim();
    const comment = rest.startsWith('//') || (rest.startsWith('/*') && rest.indexOf('*/') === rest.length - 2);
    if (rest !== '' && !comment) return null;
    const to = nl < 0 ? t.length : nl + 1;
    return { from: lineStart, to, start: { ...x.start, col: 1 }, end: { file: x.end.file, line: x.end.line + 1, col: 1 } };
  }
}
