/**
 * Expressions back to C text, for step labels in traces (`READ_ONCE(pmd)`, `csd->flags = 0`):
 * the reviewer sees their own code, normalised to one line.
 */
import type { Expr } from '../../c/ast.js';

export function exprText(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'ident':
      return e.name;
    case 'unary':
      return `${e.op}${paren(e.arg)}`;
    case 'binary':
      return `${paren(e.left)} ${e.op} ${paren(e.right)}`;
    case 'assign':
      return `${exprText(e.target)} ${e.op} ${exprText(e.value)}`;
    case 'update':
      return e.prefix ? `${e.op}${exprText(e.target)}` : `${exprText(e.target)}${e.op}`;
    case 'call':
      return `${e.callee}(${e.args.map(exprText).join(', ')})`;
    case 'cond':
      return `${paren(e.test)} ? ${paren(e.then)} : ${paren(e.otherwise)}`;
    case 'member':
      return `${paren(e.object)}${e.arrow ? '->' : '.'}${e.field}`;
    case 'index':
      return `${paren(e.array)}[${exprText(e.index)}]`;
    case 'cast':
      return `(${e.type.base}${'*'.repeat(e.type.pointers)})${paren(e.arg)}`;
    case 'comma':
      return e.exprs.map(exprText).join(', ');
    case 'init-list':
      return `{ ${e.items.map((i) => (i.field === null ? exprText(i.value) : `.${i.field} = ${exprText(i.value)}`)).join(', ')} }`;
  }
}

function paren(e: Expr): string {
  const t = exprText(e);
  return e.kind === 'binary' || e.kind === 'assign' || e.kind === 'cond' || e.kind === 'comma' ? `(${t})` : t;
}
