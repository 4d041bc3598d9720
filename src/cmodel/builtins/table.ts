/**
 * A built-in function: how a call to it lowers. Tables are plain records keyed by the kernel
 * name, merged in ./index.ts; a name in two tables is a programming error caught at load.
 */
import type { Expr } from '../../c/ast.js';
import { CError } from '../../c/error.js';
import type { Lowerer } from '../lower/lowerer.js';
import type { RValue } from '../lower/values.js';
import { constant } from '../ir.js';
import { VOID } from '../types.js';

export type CallExpr = Extract<Expr, { kind: 'call' }>;
export type BuiltinTable = Record<string, (lw: Lowerer, e: CallExpr) => RValue>;

/** What a call of a void built-in evaluates to. */
export const VOID_RESULT: RValue = { val: constant(0), type: VOID };

export function arity(e: CallExpr, n: number): void {
  if (e.args.length !== n) throw new CError(e.loc, `${e.callee}() takes ${n} argument${n === 1 ? '' : 's'}, ${e.args.length} given`);
}
