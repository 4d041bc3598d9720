/**
 * Tokenizer for the kernel litmus C format. `(* ... *)` is a herd comment only outside
 * braces and parentheses (inside a body `(*x)` is a dereference); `//` and `/* *\/` are
 * C comments. The `C name` line is split off by the parser before tokenizing. The connectives `/\`, `\/` and `~` of the `exists` clause are tokens.
 */
import { LitmusError } from './error.js';

export type TokenKind = 'ident' | 'number' | 'punct' | 'herd-comment' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
}

const PUNCT2 = ['/\\', '\\/', '==', '!='] as const;
const PUNCT1 = '{}()[];,*&=:+-~<>!.';

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let depth = 0;
  const push = (kind: TokenKind, text: string, at: number): void => {
    out.push({ kind, text, line: at });
  };
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (depth === 0 && src.startsWith('(*', i)) {
      const end = src.indexOf('*)', i + 2);
      if (end < 0) throw new LitmusError('unterminated (* comment', line);
      const body = src.slice(i + 2, end);
      push('herd-comment', body, line);
      line += body.split('\n').length - 1;
      i = end + 2;
    } else if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new LitmusError('unterminated /* comment', line);
      line += src.slice(i, end).split('\n').length - 1;
      i = end + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = (/^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) ?? [''])[0];
      push('ident', word, line);
      i += word.length;
    } else if (/[0-9]/.test(c)) {
      const m = /^(0x[0-9a-fA-F]+|[0-9]+)/.exec(src.slice(i)) ?? [''];
      push('number', m[0], line);
      i += m[0].length;
    } else {
      const two = PUNCT2.find((p) => src.startsWith(p, i));
      if (two !== undefined) {
        push('punct', two, line);
        i += 2;
      } else if (PUNCT1.includes(c)) {
        if (c === '{' || c === '(') depth++;
        if (c === '}' || c === ')') depth = Math.max(0, depth - 1);
        push('punct', c, line);
        i++;
      } else {
        throw new LitmusError(`unexpected character '${c}'`, line);
      }
    }
  }
  push('eof', '', line);
  return out;
}
