/**
 * Expressions and written types: tree-sitter's C syntax nodes to the subset's `Expr`.
 */
import type { AssignOp, BinaryOp, Expr, InitItem, TypeName, UnaryOp } from './ast.js';
import type { CstNode } from './grammar.js';
import { excerpt, field, locOf, namedKids, syntaxError, unsupported, type LowerContext } from './lower-context.js';

const BINARY: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '<<', '>>', '&', '|', '^', '&&', '||', '==', '!=', '<', '<=', '>', '>=']);
const ASSIGN: ReadonlySet<string> = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^=']);

export function lowerExpr(cx: LowerContext, node: CstNode): Expr {
  const loc = locOf(cx, node);
  switch (node.type) {
    case 'number_literal':
      return { kind: 'num', loc, value: parseNumber(cx, node) };
    case 'char_literal':
      return { kind: 'num', loc, value: charValue(cx, node) };
    case 'true':
      return { kind: 'num', loc, value: 1 };
    case 'false':
      return { kind: 'num', loc, value: 0 };
    case 'null':
      return { kind: 'ident', loc, name: 'NULL' };
    case 'string_literal':
    case 'concatenated_string':
      return { kind: 'string', loc, value: stringValue(node) };
    case 'identifier':
      return { kind: 'ident', loc, name: node.text };
    case 'parenthesized_expression': {
      const inner = namedKids(node);
      if (inner.length !== 1) throw syntaxError(cx, node, `'${excerpt(node)}'`);
      return lowerExpr(cx, inner[0]!);
    }
    case 'unary_expression':
    case 'pointer_expression': {
      const op = field(cx, node, 'operator').type;
      if (!['!', '-', '+', '~', '*', '&'].includes(op)) throw unsupported(cx, node, `the operator '${op}'`);
      return { kind: 'unary', loc, op: op as UnaryOp, arg: lowerExpr(cx, field(cx, node, 'argument')) };
    }
    case 'binary_expression': {
      const op = field(cx, node, 'operator').type;
      if (!BINARY.has(op)) throw unsupported(cx, node, `the operator '${op}'`);
      return { kind: 'binary', loc, op: op as BinaryOp, left: lowerExpr(cx, field(cx, node, 'left')), right: lowerExpr(cx, field(cx, node, 'right')) };
    }
    case 'assignment_expression': {
      const op = field(cx, node, 'operator').type;
      if (!ASSIGN.has(op)) throw unsupported(cx, node, `the operator '${op}'`);
      return { kind: 'assign', loc, op: op as AssignOp, target: lowerExpr(cx, field(cx, node, 'left')), value: lowerExpr(cx, field(cx, node, 'right')) };
    }
    case 'update_expression': {
      const op = field(cx, node, 'operator');
      const arg = field(cx, node, 'argument');
      return { kind: 'update', loc, op: op.type === '++' ? '++' : '--', prefix: op.startIndex < arg.startIndex, target: lowerExpr(cx, arg) };
    }
    case 'call_expression':
      return lowerCall(cx, node);
    case 'conditional_expression':
      return {
        kind: 'cond',
        loc,
        test: lowerExpr(cx, field(cx, node, 'condition')),
        then: lowerExpr(cx, field(cx, node, 'consequence')),
        otherwise: lowerExpr(cx, field(cx, node, 'alternative')),
      };
    case 'field_expression':
      return {
        kind: 'member',
        loc,
        object: lowerExpr(cx, field(cx, node, 'argument')),
        field: field(cx, node, 'field').text,
        arrow: field(cx, node, 'operator').type === '->',
      };
    case 'subscript_expression':
      return { kind: 'index', loc, array: lowerExpr(cx, field(cx, node, 'argument')), index: lowerExpr(cx, field(cx, node, 'index')) };
    case 'cast_expression':
      return { kind: 'cast', loc, type: lowerTypeDescriptor(cx, field(cx, node, 'type')), arg: lowerExpr(cx, field(cx, node, 'value')) };
    case 'comma_expression':
      return { kind: 'comma', loc, exprs: [lowerExpr(cx, field(cx, node, 'left')), lowerExpr(cx, field(cx, node, 'right'))] };
    case 'initializer_list':
      return { kind: 'init-list', loc, items: namedKids(node).map((k) => lowerInitItem(cx, k)) };
    case 'sizeof_expression':
    case 'alignof_expression':
      throw unsupported(cx, node, `'${node.text.split('(')[0]}'`, 'write the size as a constant');
    case 'compound_literal_expression':
      throw unsupported(cx, node, 'a compound literal', 'declare a variable and initialise it');
    case 'gnu_asm_expression':
      throw unsupported(cx, node, 'inline assembly', 'use the built-in for the instruction (isb(), dsb(ish), invlpg(), ...)');
    case 'ERROR':
      throw syntaxError(cx, node, `unexpected '${excerpt(node)}'`);
    default:
      throw unsupported(cx, node, `the expression '${excerpt(node)}' (${node.type.replace(/_/g, ' ')})`);
  }
}

function lowerCall(cx: LowerContext, node: CstNode): Expr {
  const fn = field(cx, node, 'function');
  if (fn.type !== 'identifier') throw unsupported(cx, fn, `a call through '${excerpt(fn)}'`, 'call functions by name (function pointers are passed as names: smp_call_function(func, ...))');
  const args = namedKids(field(cx, node, 'arguments')).map((a) => lowerExpr(cx, a));
  return { kind: 'call', loc: locOf(cx, node), callee: fn.text, calleeLoc: locOf(cx, fn), args };
}

function lowerInitItem(cx: LowerContext, node: CstNode): InitItem {
  if (node.type !== 'initializer_pair') return { field: null, value: lowerExpr(cx, node) };
  const designators = node.childrenForFieldName('designator').filter((d): d is CstNode => d !== null);
  const d = designators[0];
  if (designators.length !== 1 || d === undefined || d.type !== 'field_designator') throw unsupported(cx, node, `the designator in '${excerpt(node)}'`, 'use .field = value');
  return { field: d.text.replace(/^\./, ''), value: lowerExpr(cx, field(cx, node, 'value')) };
}

/** A number literal; tree-sitter's C grammar includes a sign in it (`-1` in `f(-1)`). */
function parseNumber(cx: LowerContext, node: CstNode): number {
  const sign = node.text.startsWith('-') ? -1 : 1;
  const text = node.text.replace(/^[-+]/, '').replace(/[uUlL]+$/, '');
  const v = /^0[xX]/.test(text) ? parseInt(text.slice(2), 16) : /^0[0-7]+$/.test(text) ? parseInt(text, 8) : /^[0-9]+$/.test(text) ? parseInt(text, 10) : NaN;
  if (!Number.isSafeInteger(v)) throw unsupported(cx, node, `the number '${node.text}'`, 'integers only');
  return v === 0 ? 0 : sign * v;
}

function charValue(cx: LowerContext, node: CstNode): number {
  const body = node.text.slice(1, -1);
  if (body.length === 1) return body.charCodeAt(0);
  const escapes: Record<string, number> = { '\\n': 10, '\\t': 9, '\\0': 0, "\\'": 39, '\\\\': 92 };
  const v = escapes[body];
  if (v === undefined) throw unsupported(cx, node, `the character '${node.text}'`);
  return v;
}

function stringValue(node: CstNode): string {
  const parts = node.type === 'concatenated_string' ? namedKids(node) : [node];
  return parts.map((p) => p.text.replace(/^"|"$/g, '')).join('');
}

/** `unsigned long`, `struct csd *`, `const atomic_t *` in a cast or a macro argument. */
export function lowerTypeDescriptor(cx: LowerContext, node: CstNode): TypeName {
  const base = baseTypeName(cx, field(cx, node, 'type'));
  const decl = node.childForFieldName('declarator');
  return { base, pointers: decl === null ? 0 : countPointers(cx, decl) };
}

/** The base type a declaration or parameter names. */
export function baseTypeName(cx: LowerContext, node: CstNode): string {
  switch (node.type) {
    case 'primitive_type':
    case 'type_identifier':
    case 'sized_type_specifier':
      return node.text.replace(/\s+/g, ' ');
    case 'struct_specifier':
    case 'union_specifier':
    case 'enum_specifier': {
      const name = node.childForFieldName('name');
      if (name === null) throw unsupported(cx, node, `an anonymous ${node.type.split('_')[0]} here`, 'name it (or typedef it) at top level');
      return `${node.type.split('_')[0]} ${name.text}`;
    }
    case 'macro_type_specifier':
      throw unsupported(cx, node, `the macro type '${excerpt(node)}'`);
    default:
      throw unsupported(cx, node, `the type '${excerpt(node)}'`);
  }
}

/** Pointer levels of an abstract or concrete declarator (`*`, `**x`). */
export function countPointers(cx: LowerContext, node: CstNode): number {
  let n = 0;
  let d: CstNode | null = node;
  while (d !== null && (d.type === 'pointer_declarator' || d.type === 'abstract_pointer_declarator')) {
    n++;
    d = d.childForFieldName('declarator');
  }
  if (d !== null && d.type !== 'identifier' && d.type !== 'field_identifier') {
    throw unsupported(cx, d, `the declarator '${excerpt(d)}'`, 'declare scalars, pointers and one-dimensional arrays');
  }
  return n;
}
