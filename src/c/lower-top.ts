/**
 * Top-level items: functions, global declarations, enums, structs, typedefs, top-level macro
 * statements (`ROLE(...);`, `DEFINE_PER_CPU(int, x);`), `#define NAME value` and `#include`.
 */
import type { EnumDef, FunctionDef, MacroUse, Param, StructDef, TopLevel } from './ast.js';
import type { CstNode } from './grammar.js';
import { lowerDeclaration, lowerParam } from './lower-decl.js';
import { baseTypeName, lowerExpr } from './lower-expr.js';
import { endLocOf, excerpt, field, locOf, namedKids, syntaxError, unsupported, type LowerContext } from './lower-context.js';
import { danglingMacro, lowerBlock } from './lower-stmt.js';

/** Parses the value of an object-like `#define` as an expression (given by the caller). */
export type DefineValueParser = (text: string, line: number, col: number) => import('./ast.js').Expr;

export function lowerTopLevel(cx: LowerContext, root: CstNode, defineValue: DefineValueParser): TopLevel[] {
  const nodes = namedKids(root);
  const out: TopLevel[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const macro = danglingMacro(cx, node);
    if (macro !== null) {
      const next = nodes[++i];
      if (next === undefined || next.type !== 'declaration') throw syntaxError(cx, node, `expected ';' after '${excerpt(node)}'`);
      out.push({ kind: 'var', loc: macro.loc, decls: lowerDeclaration(cx, next, [macro]) });
      continue;
    }
    out.push(...lowerItem(cx, node, defineValue));
  }
  return out;
}

function lowerItem(cx: LowerContext, node: CstNode, defineValue: DefineValueParser): TopLevel[] {
  const loc = locOf(cx, node);
  switch (node.type) {
    case 'function_definition':
      return [{ kind: 'function', loc, fn: lowerFunction(cx, node) }];
    case 'declaration': {
      const d = node.childForFieldName('declarator');
      if (d !== null && d.type === 'function_declarator') return [{ kind: 'prototype', loc, name: field(cx, d, 'declarator').text }];
      return [{ kind: 'var', loc, decls: lowerDeclaration(cx, node, []) }];
    }
    case 'enum_specifier':
      return [{ kind: 'enum', loc, def: lowerEnum(cx, node, null) }];
    case 'struct_specifier':
      return [{ kind: 'struct', loc, def: lowerStruct(cx, node, null) }];
    case 'type_definition':
      return lowerTypedef(cx, node);
    case 'expression_statement': {
      const e = namedKids(node)[0];
      if (e === undefined) return [];
      const x = lowerExpr(cx, e);
      if (x.kind !== 'call') throw unsupported(cx, node, `the top-level statement '${excerpt(node)}'`, 'declarations, functions and macros such as ROLE(...) only');
      const macro: MacroUse = { loc: x.loc, name: x.callee, args: x.args };
      return [{ kind: 'macro', loc, macro }];
    }
    case 'preproc_def': {
      const value = node.childForFieldName('value');
      const name = field(cx, node, 'name').text;
      if (value === null) return [{ kind: 'define', loc, name, value: { kind: 'num', loc, value: 1 } }];
      return [{ kind: 'define', loc, name, value: defineValue(value.text, value.startPosition.row + 1, value.startPosition.column + 1) }];
    }
    case 'preproc_include': {
      const path = field(cx, node, 'path').text.replace(/^[<"]|[>"]$/g, '');
      return [{ kind: 'include', loc, path }];
    }
    case 'preproc_function_def':
      throw unsupported(cx, node, `the function-like macro '${field(cx, node, 'name').text}'`, 'write a static inline function');
    case 'preproc_if':
    case 'preproc_ifdef':
    case 'preproc_elif':
    case 'preproc_else':
      throw unsupported(cx, node, 'conditional compilation (#if/#ifdef)', 'the configuration is chosen by --arch: test it with IS_ENABLED(CONFIG_...) or the arch built-ins in ordinary if statements');
    case 'preproc_call':
      throw unsupported(cx, node, `the directive '${excerpt(node)}'`);
    case 'ERROR':
      throw syntaxError(cx, node, `unexpected '${excerpt(node)}'`);
    default:
      throw unsupported(cx, node, `the top-level item '${excerpt(node)}' (${node.type.replace(/_/g, ' ')})`);
  }
}

function lowerFunction(cx: LowerContext, node: CstNode): FunctionDef {
  const storage = namedKids(node)
    .filter((k) => k.type === 'storage_class_specifier')
    .map((k) => k.text);
  const typeNode = field(cx, node, 'type');
  let decl = field(cx, node, 'declarator');
  const pointers = decl.type === 'pointer_declarator' ? countPointersTo(decl) : 0;
  while (decl.type === 'pointer_declarator') decl = field(cx, decl, 'declarator');
  if (decl.type !== 'function_declarator') throw unsupported(cx, decl, `the function declarator '${excerpt(decl)}'`);
  const nameNode = field(cx, decl, 'declarator');
  if (nameNode.type !== 'identifier') throw unsupported(cx, nameNode, `the function name '${excerpt(nameNode)}'`);
  const params = namedKids(field(cx, decl, 'parameters'))
    .map((p) => lowerParam(cx, p))
    .filter((p): p is Param => p !== null);
  const attributes: MacroUse[] = namedKids(decl)
    .filter((k) => k.type === 'call_expression')
    .map((k) => {
      const e = lowerExpr(cx, k);
      if (e.kind !== 'call') throw unsupported(cx, k, `the attribute '${excerpt(k)}'`);
      return { loc: e.loc, name: e.callee, args: e.args };
    });
  const body = field(cx, node, 'body');
  const litmusProcess = cx.pre.processLines.has(node.startPosition.row + 1);
  return {
    loc: locOf(cx, node),
    name: nameNode.text,
    returnType: litmusProcess ? null : { base: baseTypeName(cx, typeNode), pointers },
    params,
    body: lowerBlock(cx, body),
    endLoc: endLocOf(cx, body),
    storage,
    attributes,
  };
}

function countPointersTo(decl: CstNode): number {
  let n = 0;
  let d: CstNode | null = decl;
  while (d !== null && d.type === 'pointer_declarator') {
    n++;
    d = d.childForFieldName('declarator');
  }
  return n;
}

function lowerEnum(cx: LowerContext, node: CstNode, typedefName: string | null): EnumDef {
  const body = field(cx, node, 'body');
  const name = node.childForFieldName('name')?.text ?? typedefName;
  return {
    loc: locOf(cx, node),
    name,
    members: namedKids(body).map((m) => {
      const v = m.childForFieldName('value');
      return { name: field(cx, m, 'name').text, value: v === null ? null : lowerExpr(cx, v), loc: locOf(cx, m) };
    }),
  };
}

function lowerStruct(cx: LowerContext, node: CstNode, typedefName: string | null): StructDef {
  const name = node.childForFieldName('name')?.text ?? typedefName;
  if (name === null) throw unsupported(cx, node, 'an anonymous struct', 'name it');
  const body = node.childForFieldName('body');
  if (body === null) throw unsupported(cx, node, `the forward declaration 'struct ${name};'`, 'define the struct with its fields');
  const fields = namedKids(body).flatMap((f) => {
    if (f.type !== 'field_declaration') throw unsupported(cx, f, `the struct member '${excerpt(f)}'`);
    return lowerDeclaration(cx, f, []);
  });
  return { loc: locOf(cx, node), name, fields };
}

function lowerTypedef(cx: LowerContext, node: CstNode): TopLevel[] {
  const loc = locOf(cx, node);
  const typeNode = field(cx, node, 'type');
  const declNode = field(cx, node, 'declarator');
  if (declNode.type !== 'type_identifier') throw unsupported(cx, declNode, `the typedef declarator '${excerpt(declNode)}'`, 'typedef a plain name');
  const name = declNode.text;
  if (typeNode.type === 'enum_specifier' && typeNode.childForFieldName('body') !== null) {
    const def = lowerEnum(cx, typeNode, name);
    return [{ kind: 'enum', loc, def }, { kind: 'typedef', loc, name, type: { base: `enum ${def.name ?? name}`, pointers: 0 } }];
  }
  if (typeNode.type === 'struct_specifier' && typeNode.childForFieldName('body') !== null) {
    const def = lowerStruct(cx, typeNode, name);
    return [{ kind: 'struct', loc, def }, { kind: 'typedef', loc, name, type: { base: `struct ${def.name}`, pointers: 0 } }];
  }
  return [{ kind: 'typedef', loc, name, type: { base: baseTypeName(cx, typeNode), pointers: 0 } }];
}
