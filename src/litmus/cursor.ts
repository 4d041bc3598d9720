/**
 * A token cursor for the litmus parsers: look ahead, consume, and fail with a one-line
 * `LitmusError` that names the line and the offending token.
 */
import { LitmusError } from './error.js';
import type { Token } from './lexer.js';

export class Cursor {
  private pos = 0;
  constructor(private readonly toks: readonly Token[]) {}
  peek(k = 0): Token {
    const t = this.toks[Math.min(this.pos + k, this.toks.length - 1)];
    if (t === undefined) throw new LitmusError('empty input');
    return t;
  }
  next(): Token {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }
  is(text: string): boolean {
    const t = this.peek();
    return t.kind !== 'eof' && t.kind !== 'herd-comment' && t.text === text;
  }
  eat(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }
  expect(text: string): Token {
    if (!this.is(text)) this.fail(`expected '${text}'`);
    return this.next();
  }
  ident(what: string): Token {
    if (this.peek().kind !== 'ident') this.fail(`expected ${what}`);
    return this.next();
  }
  /** An integer literal, optionally negative. */
  int(): number {
    const neg = this.eat('-');
    const t = this.peek();
    if (t.kind !== 'number') this.fail('expected a number');
    this.next();
    return neg ? -Number(t.text) : Number(t.text);
  }
  fail(msg: string): never {
    const t = this.peek();
    const found = t.kind === 'eof' ? 'end of input' : `'${t.text.slice(0, 20)}'`;
    throw new LitmusError(`${msg}, found ${found}`, t.line);
  }
}
