/**
 * Statements, including the kernel's block macros (`for_each_cpu(cpu, mask) stmt`): the C
 * grammar reads `for_each_cpu(cpu, mask)` as a call missing its `;`, followed by a statement;
 * a call so written is taken as a macro applied to the statement after it. A prefix macro
 * before a declaration (`__range(0, 3) int x;`) is read the same way.
 */
import type { Expr, MacroUse, Stmt, SwitchCase } from './ast.js';
import type { CstNode } from './grammar.js';
import { lowerDeclaration } from './lower-decl.js';
import { lowerExpr } from './lower-expr.js';
import { excerpt, field, locOf, namedKids, syntaxError, unsupported, type LowerContext } from './lower-context.js';

/** A statement node that is a call missing its `;`: `for_each_cpu(cpu, mask)`. */
export function danglingMacro(cx: LowerContext, node: CstNode): MacroUse | null {
  if (node.type !== 'expression_statement') return null;
  const kids = node.children.filter((c): c is CstNode => c !== null);
  const missing = kids.some((k) => k.isMissing && k.type === ';');
  const call = kids[0];
  if (!missing || call === undefined || call.type !== 'call_expression') return null;
  const e = lowerExpr(cx, call);
  if (e.kind !== 'call') return null;
  return { loc: e.loc, name: e.callee, args: e.args };
}

/** Lowers the statements of a block, pairing each dangling macro with the statement after it. */
export function lowerStatements(cx: LowerContext, nodes: readonly CstNode[]): Stmt[] {
  const out: Stmt[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const macro = danglingMacro(cx, node);
    if (macro === null) {
      out.push(lowerStmt(cx, node));
      continue;
    }
    const next = nodes[i + 1];
    if (next === undefined) throw syntaxError(cx, node, `expected ';' after '${excerpt(node)}'`);
    i++;
    if (next.type === 'declaration') {
      out.push({ kind: 'decl', loc: macro.loc, decls: lowerDeclaration(cx, next, [macro]) });
    } else {
      out.push({ kind: 'macro-block', loc: macro.loc, macro, body: lowerStmt(cx, next) });
    }
  }
  return out;
}

export function lowerBlock(cx: LowerContext, node: CstNode): Stmt[] {
  if (node.type !== 'compound_statement') return [lowerStmt(cx, node)];
  return lowerStatements(cx, namedKids(node));
}

export function lowerStmt(cx: LowerContext, node: CstNode): Stmt {
  const loc = locOf(cx, node);
  switch (node.type) {
    case 'expression_statement': {
      rejectErrors(cx, node);
      const e = namedKids(node)[0];
      return e === undefined ? { kind: 'empty', loc } : { kind: 'expr', loc, expr: lowerExpr(cx, e) };
    }
    case 'declaration':
      return { kind: 'decl', loc, decls: lowerDeclaration(cx, node, []) };
    case 'compound_statement':
      return { kind: 'block', loc, body: lowerBlock(cx, node) };
    case 'if_statement': {
      const alt = node.childForFieldName('alternative');
      return {
        kind: 'if',
        loc,
        test: condition(cx, node),
        then: lowerStmt(cx, field(cx, node, 'consequence')),
        otherwise: alt === null ? null : lowerStmt(cx, alt.type === 'else_clause' ? (namedKids(alt)[0] ?? alt) : alt),
      };
    }
    case 'while_statement':
      return { kind: 'while', loc, test: condition(cx, node), body: lowerStmt(cx, field(cx, node, 'body')) };
    case 'do_statement':
      return { kind: 'do', loc, body: lowerStmt(cx, field(cx, node, 'body')), test: condition(cx, node) };
    case 'for_statement':
      return lowerFor(cx, node);
    case 'switch_statement':
      return { kind: 'switch', loc, test: condition(cx, node), cases: lowerCases(cx, field(cx, node, 'body')) };
    case 'break_statement':
      return { kind: 'break', loc };
    case 'continue_statement':
      return { kind: 'continue', loc };
    case 'return_statement': {
      const v = namedKids(node)[0];
      return { kind: 'return', loc, value: v === undefined ? null : lowerExpr(cx, v) };
    }
    case 'labeled_statement': {
      const body = namedKids(node).filter((k) => k.type !== 'statement_identifier')[0];
      return { kind: 'label', loc, name: field(cx, node, 'label').text, body: body === undefined ? { kind: 'empty', loc } : lowerStmt(cx, body) };
    }
    case 'goto_statement':
      return { kind: 'goto', loc, label: field(cx, node, 'label').text };
    case 'function_definition': {
      const m = misreadBlockMacro(cx, node);
      if (m !== null) return m;
      throw unsupported(cx, node, `the statement '${excerpt(node)}' (a function definition inside a function)`);
    }
    case 'type_definition':
    case 'struct_specifier':
    case 'enum_specifier':
      throw unsupported(cx, node, 'a type definition inside a function', 'define types at top level');
    case 'ERROR':
      throw syntaxError(cx, node, `unexpected '${excerpt(node)}'`);
    default:
      throw unsupported(cx, node, `the statement '${excerpt(node)}' (${node.type.replace(/_/g, ' ')})`);
  }
}

/**
 * `for_each_online_cpu(cpu) { ... }`: a block macro whose one argument is an identifier reads
 * to the C grammar as a nested function definition (type `for_each_online_cpu`, declarator
 * `(cpu)`); it is the macro applied to the block.
 */
function misreadBlockMacro(cx: LowerContext, node: CstNode): Stmt | null {
  const type = node.childForFieldName('type');
  const decl = node.childForFieldName('declarator');
  const body = node.childForFieldName('body');
  if (type?.type !== 'type_identifier' || decl?.type !== 'parenthesized_declarator' || body === null) return null;
  const arg = namedKids(decl);
  if (arg.length !== 1 || arg[0]!.type !== 'identifier') return null;
  const loc = locOf(cx, node);
  const macro: MacroUse = { loc, name: type.text, args: [{ kind: 'ident', loc: locOf(cx, arg[0]!), name: arg[0]!.text }] };
  return { kind: 'macro-block', loc, macro, body: lowerStmt(cx, body) };
}

function condition(cx: LowerContext, node: CstNode): Expr {
  const c = field(cx, node, 'condition');
  const inner = c.type === 'parenthesized_expression' ? namedKids(c)[0] : c;
  if (inner === undefined) throw syntaxError(cx, c, 'empty condition');
  if (inner.type === 'declaration' || inner.type === 'comma_expression') throw unsupported(cx, inner, `the condition '${excerpt(inner)}'`, 'one expression');
  return lowerExpr(cx, inner);
}

function lowerFor(cx: LowerContext, node: CstNode): Stmt {
  const loc = locOf(cx, node);
  const initNode = node.childForFieldName('initializer');
  const testNode = node.childForFieldName('condition');
  const updateNode = node.childForFieldName('update');
  const init: Stmt | null =
    initNode === null ? null : initNode.type === 'declaration' ? { kind: 'decl', loc: locOf(cx, initNode), decls: lowerDeclaration(cx, initNode, []) } : { kind: 'expr', loc: locOf(cx, initNode), expr: lowerExpr(cx, initNode) };
  return {
    kind: 'for',
    loc,
    init,
    test: testNode === null ? null : lowerExpr(cx, testNode),
    update: updateNode === null ? null : lowerExpr(cx, updateNode),
    body: lowerStmt(cx, field(cx, node, 'body')),
  };
}

function lowerCases(cx: LowerContext, body: CstNode): SwitchCase[] {
  return namedKids(body).map((c) => {
    if (c.type !== 'case_statement') throw unsupported(cx, c, `'${excerpt(c)}' directly inside a switch`, 'put statements under a case label');
    const value = c.childForFieldName('value');
    const stmts = namedKids(c).filter((k) => k !== value && k.startIndex !== value?.startIndex);
    return { loc: locOf(cx, c), value: value === null ? null : lowerExpr(cx, value), body: lowerStatements(cx, stmts) };
  });
}

/** An expression statement with a parse error inside (a stray token) is refused at the error. */
function rejectErrors(cx: LowerContext, node: CstNode): void {
  for (const k of node.children) {
    if (k === null) continue;
    if (k.isMissing) throw syntaxError(cx, k, `expected '${k.type}'`);
    if (k.type === 'ERROR') throw syntaxError(cx, k, `unexpected '${excerpt(k)}'`);
  }
}
