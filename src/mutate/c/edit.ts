/**
 * A source mutant's edit: character ranges of one file replaced by text or by a copy of
 * another range (a move), giving the mutated text and, for each of its lines, the line of the
 * original it came from (so that a step named `csd_lock_wait:41` in the mutant is compared
 * with the same step of the original after lines moved).
 */
export type Piece =
  | { readonly from: number; readonly to: number; readonly text: string }
  | { readonly from: number; readonly to: number; readonly copy: { readonly from: number; readonly to: number } };

export interface Edited {
  readonly text: string;
  /** `origin[k]`: the original line (1-based) of the mutant's line k + 1. */
  readonly origin: readonly number[];
}

/** Applies non-overlapping pieces to `text`. */
export function applyPieces(text: string, pieces: readonly Piece[]): Edited {
  const sorted = [...pieces].sort((a, b) => a.from - b.from);
  const lineAt = lineIndex(text);
  let out = '';
  const origin: number[] = [];
  // The line being built takes the origin of its first character.
  let atLineStart = true;
  const emit = (chunk: string, lineOfChar: (k: number) => number): void => {
    for (let k = 0; k < chunk.length; k++) {
      if (atLineStart) {
        origin.push(lineOfChar(k));
        atLineStart = false;
      }
      if (chunk[k] === '\n') atLineStart = true;
    }
    out += chunk;
  };
  const copy = (from: number, to: number): void => emit(text.slice(from, to), (k) => lineAt(from + k));
  let at = 0;
  for (const p of sorted) {
    if (p.from < at) throw new Error('overlapping edits');
    copy(at, p.from);
    if ('copy' in p) copy(p.copy.from, p.copy.to);
    else emit(p.text, () => lineAt(p.from));
    at = p.to;
  }
  copy(at, text.length);
  return { text: out, origin };
}

function lineIndex(text: string): (offset: number) => number {
  const line = new Int32Array(text.length + 1);
  let n = 1;
  for (let i = 0; i <= text.length; i++) {
    line[i] = n;
    if (text[i] === '\n') n++;
  }
  return (o) => line[Math.min(o, text.length)]!;
}
