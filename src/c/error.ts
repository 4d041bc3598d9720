/**
 * The one error a C model or litmus author sees: `file:line:col: message` on one line, as a
 * compiler prints it. It is an `InputError`, so the CLI prints it and exits 2; the compiler
 * never turns a construct it does not support into a model.
 */
import { InputError } from '../report/input-error.js';
import type { Loc } from './ast.js';

export class CError extends InputError {
  constructor(
    readonly loc: Loc,
    readonly reason: string,
  ) {
    super(`${formatLoc(loc)}: ${reason}`);
    this.name = 'CError';
  }
}

export function formatLoc(loc: Loc): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}
