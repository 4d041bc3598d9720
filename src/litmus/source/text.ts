/**
 * A litmus file's text with its name, for positions (`file:line:col`, 1-based, as the C front
 * end reports them) and errors.
 */
import type { Loc } from '../../c/ast.js';
import { LineIndex } from '../../line-index.js';
import { LitmusError } from '../error.js';

export class SourceText {
  private readonly lines: LineIndex;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  loc(offset: number): Loc {
    const line = this.lines.lineOf(offset);
    return { file: this.file, line, col: offset - this.lines.start(line)! + 1 };
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
