/**
 * Declarations: `int r0 = 1, r1;`, `static unsigned long flags;`, `int a[4];`, `spinlock_t *l`,
 * shared by locals, globals and struct fields.
 */
import type { Expr, Loc, MacroUse, Param, TypeName, VarDecl } from './ast.js';
import type { CstNode } from './grammar.js';
import { lowerExpr, baseTypeName, countPointers } from './lower-expr.js';
import { excerpt, field, locOf, namedKids, unsupported, type LowerContext } from './lower-context.js';

/** `declaration` or `field_declaration` -> one VarDecl per declarator. */
export function lowerDeclaration(cx: LowerContext, node: CstNode, prefixesIn: readonly MacroUse[]): VarDecl[] {
  let prefixes = prefixesIn;
  const storage = namedKids(node)
    .filter((k) => k.type === 'storage_class_specifier')
    .map((k) => k.text);
  const base = baseTypeName(cx, field(cx, node, 'type'));
  const typeLoc = locOf(cx, field(cx, node, 'type'));
  const extra = cx.pre.storageAt.get(`${typeLoc.line}:${typeLoc.col}`) ?? [];
  const firstLoc = locOf(cx, node);
  const key = [`${firstLoc.line}:${firstLoc.col}`, `${typeLoc.line}:${typeLoc.col}`].find((k) => cx.pre.rangeAt.has(k));
  const range = key === undefined ? undefined : cx.pre.rangeAt.get(key);
  if (key !== undefined) cx.rangesUsed.add(key);
  if (range !== undefined) prefixes = [...prefixes, { loc: firstLoc, name: '__range', args: range.map((t) => boundExpr(t, firstLoc)) }];
  const declarators = node.childrenForFieldName('declarator').filter((d): d is CstNode => d !== null);
  if (declarators.length === 0) throw unsupported(cx, node, `a declaration without a name ('${excerpt(node)}')`);
  return declarators.map((d) => lowerDeclarator(cx, d, base, [...storage, ...extra], prefixes));
}

function lowerDeclarator(cx: LowerContext, node: CstNode, base: string, storage: readonly string[], prefixes: readonly MacroUse[]): VarDecl {
  const loc = locOf(cx, node);
  let d = node;
  let init = null;
  if (d.type === 'init_declarator') {
    init = lowerExpr(cx, field(cx, d, 'value'));
    d = field(cx, d, 'declarator');
  }
  let arrayLength: number | null = null;
  let arraySizeName: string | null = null;
  if (d.type === 'array_declarator') {
    const size = d.childForFieldName('size');
    if (size !== null && size.type === 'identifier') {
      arraySizeName = size.text;
      arrayLength = 0;
    } else if (size === null || size.type !== 'number_literal') {
      throw unsupported(cx, d, `the array '${excerpt(d)}' without a constant length`, 'write the length as a number or a constant name');
    } else arrayLength = Number(size.text.replace(/[uUlL]+$/, ''));
    d = field(cx, d, 'declarator');
    if (d.type === 'array_declarator') throw unsupported(cx, d, 'a multi-dimensional array', 'use one dimension');
  }
  const pointers = countPointers(cx, d);
  const name = innermostName(d);
  const type: TypeName = { base, pointers };
  return { loc, name, type, arrayLength, arraySizeName, init, storage, prefixes };
}

function innermostName(node: CstNode): string {
  let d: CstNode | null = node;
  while (d !== null && (d.type === 'pointer_declarator' || d.type === 'abstract_pointer_declarator')) d = d.childForFieldName('declarator');
  return d?.text ?? '';
}

/** `parameter_declaration` -> Param (`void` alone is no parameter and is dropped by the caller). */
export function lowerParam(cx: LowerContext, node: CstNode): Param | null {
  if (node.type === 'variadic_parameter') throw unsupported(cx, node, 'a variadic function', 'declare each parameter');
  if (node.type !== 'parameter_declaration') throw unsupported(cx, node, `the parameter '${excerpt(node)}'`);
  const base = baseTypeName(cx, field(cx, node, 'type'));
  const d = node.childForFieldName('declarator');
  if (d === null) {
    if (base === 'void') return null;
    throw unsupported(cx, node, `an unnamed parameter ('${excerpt(node)}')`, 'name every parameter');
  }
  if (d.type === 'array_declarator' || d.type === 'function_declarator') throw unsupported(cx, d, `the parameter '${excerpt(d)}'`, 'pass a pointer');
  return { loc: locOf(cx, node), name: innermostName(d), type: { base, pointers: countPointers(cx, d) } };
}

/** A `__range` bound as written: a number (decimal or hex, maybe negative) or a constant's name. */
function boundExpr(text: string, loc: Loc): Expr {
  const t = text.trim();
  const neg = t.startsWith('-');
  const body = neg ? t.slice(1).trim() : t;
  const n = /^0[xX][0-9a-fA-F]+$/.test(body) ? parseInt(body.slice(2), 16) : /^[0-9]+$/.test(body) ? parseInt(body, 10) : NaN;
  const e: Expr = Number.isNaN(n) ? { kind: 'ident', loc, name: body } : { kind: 'num', loc, value: n };
  return neg ? { kind: 'unary', loc, op: '-', arg: e } : e;
}
