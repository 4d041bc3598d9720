/**
 * A litmus file's text with its name, for positions (`file:line:col`, 1-based, as the C front
 * end reports them) and errors.
 */
import type { Loc } from '../../c/ast.js';
import { LitmusError } from '../error.js';

export class SourceText {
  private readonly lineStarts: number[];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  loc(offset: number): Loc {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  error(offset: number, reason: string): LitmusError {
    return new LitmusError(this.loc(offset), reason);
  }

  /** Skips a herd7 comment `(* ... *)` (nested) starting at `at`; returns the offset after it. */
  skipHerdComment(at: number, limit = this.text.length): number {
    let depth = 0;
    let i = at;
    while (i < limit) {
      if (this.text.startsWith('(*', i)) {
        depth++;
        i += 2;
      } else if (this.text.startsWith('*)', i)) {
        depth--;
        i += 2;
        if (depth === 0) return i;
      } else {
        i++;
      }
    }
    throw this.error(at, 'unterminated comment (* ... *)');
  }
}
