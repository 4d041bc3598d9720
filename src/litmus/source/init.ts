/**
 * The initial state `{ ... }`: `;`-separated items, as herd7 writes them for C tests.
 *
 *     x = 1;  y = x;  int *p = &x;  atomic_t a = ATOMIC_INIT(2);  spinlock_t l;
 *     0:r1 = 1;  1:r2 = x;  int 1:r0;  [x] = 3;
 *
 * A bare name on the right is the address of that location (`y = x`: y points to x).
 */
import { TokCursor, tokenize, type Tok } from './tokens.js';
import type { Span } from './layout.js';
import type { SourceText } from './text.js';

export type InitTarget = { readonly kind: 'mem'; readonly name: string } | { readonly kind: 'reg'; readonly proc: number; readonly name: string };

export type InitValue = { readonly kind: 'int'; readonly value: number } | { readonly kind: 'addr'; readonly name: string; readonly at: number };

export interface InitEntry {
  readonly target: InitTarget;
  /** The declared type's words (`int`, `atomic_t`, `struct srcu_struct`), or null. */
  readonly type: string | null;
  readonly pointer: boolean;
  readonly value: InitValue | null;
  readonly at: number;
}

export function parseInit(src: SourceText, span: Span): InitEntry[] {
  const c = new TokCursor(src, tokenize(src, span.from, span.to), 'initial state');
  const out: InitEntry[] = [];
  while (!c.atEnd()) {
    if (c.eat(';')) continue;
    out.push(entry(c));
    if (!c.atEnd()) c.expect(';');
  }
  return out;
}

function entry(c: TokCursor): InitEntry {
  const at = c.peek().at;
  const words: string[] = [];
  let pointer = false;
  let target: InitTarget | null = null;
  while (target === null) {
    const t = c.peek();
    if (t.kind === 'num' && c.is(':', 1)) {
      target = register(c, Number(c.next().text));
    } else if (t.kind === 'id' && /^P\d+$/.test(t.text) && c.is(':', 1)) {
      target = register(c, Number(c.next().text.slice(1)));
    } else if (c.eat('[')) {
      const n = c.next();
      if (n.kind !== 'id') c.fail('expected a location name', n);
      c.expect(']');
      target = { kind: 'mem', name: n.text };
    } else if (c.eat('*')) {
      pointer = true;
    } else if (t.kind === 'id' && (c.is('=', 1) || c.is(';', 1) || c.peek(1).kind === 'eof')) {
      target = { kind: 'mem', name: c.next().text };
    } else if (t.kind === 'id') {
      words.push(c.next().text);
    } else {
      c.fail('expected a location or a register');
    }
  }
  const value = c.eat('=') ? initValue(c) : null;
  return { target, type: words.length === 0 ? null : words.join(' '), pointer, value, at };
}

function register(c: TokCursor, proc: number): InitTarget {
  c.expect(':');
  const r = c.next();
  if (r.kind !== 'id') c.fail('expected a register name', r);
  return { kind: 'reg', proc, name: r.text };
}

function initValue(c: TokCursor): InitValue {
  if (c.is('ATOMIC_INIT')) {
    c.next();
    c.expect('(');
    const v = initValue(c);
    c.expect(')');
    return v;
  }
  if (c.eat('&')) return address(c, c.next());
  const neg = c.eat('-');
  const t = c.next();
  if (t.kind === 'num') return { kind: 'int', value: (neg ? -1 : 1) * Number(t.text) };
  if (!neg && t.kind === 'id') return t.text === 'NULL' ? { kind: 'int', value: 0 } : address(c, t);
  return c.fail('expected a number or a location', t);
}

function address(c: TokCursor, t: Tok): InitValue {
  if (t.kind !== 'id') c.fail('expected a location name after &', t);
  return { kind: 'addr', name: t.text, at: t.at };
}
