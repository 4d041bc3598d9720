/**
 * The one error a litmus author sees: `file:line:col: message` on one line, as the C front
 * end (src/c) prints its own. It is an `InputError`, so the CLI prints it and exits 2: a
 * malformed file, and a construct or primitive shootdown does not model, which is refused
 * by name rather than guessed at.
 */
import type { Loc } from '../c/ast.js';
import { formatLoc } from '../c/error.js';
import { InputError } from '../report/input-error.js';

export class LitmusError extends InputError {
  constructor(
    readonly loc: Loc | null,
    readonly reason: string,
  ) {
    super(loc === null ? reason : `${formatLoc(loc)}: ${reason}`);
    this.name = 'LitmusError';
  }
}
