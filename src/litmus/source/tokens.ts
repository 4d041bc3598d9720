/**
 * Tokens of the parts of a litmus file that are not C: the initial state (`{ x=1; y=x; }`)
 * and the final clause (`locations [...]`, `filter`, `exists`, `~exists`, `forall`). herd7's
 * lexical rules: `(* ... *)` comments (nested), C comments, names, numbers and the
 * operators `/\`, `\/`, `~`, `=>`. Positions are offsets in the whole file.
 */
import type { SourceText } from './text.js';

export type TokKind = 'id' | 'num' | 'punct' | 'eof';

export interface Tok {
  readonly kind: TokKind;
  readonly text: string;
  /** Offset of the first character in the file. */
  readonly at: number;
}

const PUNCT = ['/\\', '\\/', '=>', '==', '!=', '=', '~', '(', ')', '[', ']', '{', '}', ';', ',', '*', '&', ':', '-'];

/** Tokens of `src.text` between offsets `from` and `to`. */
export function tokenize(src: SourceText, from: number, to: number): Tok[] {
  const t = src.text;
  const out: Tok[] = [];
  let i = from;
  while (i < to) {
    const c = t[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (t.startsWith('(*', i)) {
      i = src.skipHerdComment(i, to);
      continue;
    }
    if (t.startsWith('/*', i)) {
      const end = t.indexOf('*/', i + 2);
      if (end < 0 || end + 2 > to) throw src.error(i, 'unterminated comment');
      i = end + 2;
      continue;
    }
    if (t.startsWith('//', i)) {
      while (i < to && t[i] !== '\n') i++;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(t.slice(i, Math.min(to, i + 200)));
    if (id !== null) {
      out.push({ kind: 'id', text: id[0], at: i });
      i += id[0].length;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(t.slice(i, Math.min(to, i + 40)));
    if (num !== null) {
      out.push({ kind: 'num', text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const p = PUNCT.find((x) => t.startsWith(x, i) && i + x.length <= to);
    if (p === undefined) throw src.error(i, `unexpected character '${c}'`);
    out.push({ kind: 'punct', text: p, at: i });
    i += p.length;
  }
  out.push({ kind: 'eof', text: '', at: to });
  return out;
}

/** A cursor over tokens with one-line, positioned errors. */
export class TokCursor {
  private pos = 0;
  constructor(
    private readonly src: SourceText,
    private readonly toks: readonly Tok[],
    private readonly what: string,
  ) {}

  peek(k = 0): Tok {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)]!;
  }

  next(): Tok {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }

  is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind !== 'eof' && t.text === text;
  }

  eat(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  expect(text: string): Tok {
    if (!this.is(text)) this.fail(`expected '${text}'`);
    return this.next();
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  fail(msg: string, at: Tok = this.peek()): never {
    const found = at.kind === 'eof' ? 'end of the ' + this.what : `'${at.text}'`;
    throw this.src.error(at.at, `${msg} in the ${this.what}, found ${found}`);
  }
}
