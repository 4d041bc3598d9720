/**
 * The final clause, in herd7's grammar:
 *
 *     [locations [0:r1; x; ...]] [filter <prop>] (exists | ~exists | forall | final) <prop>
 *
 * with `<prop>` built from `loc=value` / `loc!=value` atoms (`0:r1=1`, `x=2`, `1:r0=y` for
 * "points to y", `[x]=1`), `true`, `false`, `~`/`not`, `/\`, `\/`, `=>` and parentheses;
 * herd7's precedences, loosest first: `\/`, `/\`, `=>`, `~`. Whatever follows the
 * proposition (comments, notes) is ignored, as herd7 ignores it; a test with no clause at
 * all asks `exists true` (does any execution exist?), as in herd7.
 */
import { TokCursor, tokenize } from './tokens.js';
import type { Span } from './layout.js';
import type { SourceText } from './text.js';

export type ObsLoc = { readonly kind: 'reg'; readonly proc: number; readonly name: string } | { readonly kind: 'mem'; readonly name: string };

export type PropValue =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'addr'; readonly name: string }
  /** herd7's location-to-location form: `0:r1=1:r2`, `[x]=[y]`, `x=*y`. */
  | { readonly kind: 'loc'; readonly loc: ObsLoc };

/** A proposition of herd7's condition language over atoms `A`. */
export type PropOf<A> =
  | { readonly k: 'true' }
  | { readonly k: 'false' }
  | { readonly k: 'not'; readonly p: PropOf<A> }
  | { readonly k: 'and' | 'or' | 'implies'; readonly a: PropOf<A>; readonly b: PropOf<A> }
  | A;

export type Prop = PropOf<{ readonly k: 'eq'; readonly loc: ObsLoc; readonly value: PropValue; readonly at: number }>;

export type ConstraintKind = 'exists' | 'not-exists' | 'forall';

export interface Clause {
  readonly locations: readonly { readonly loc: ObsLoc; readonly at: number }[];
  readonly filter: Prop | null;
  readonly kind: ConstraintKind;
  readonly prop: Prop;
}

export function parseClause(src: SourceText, span: Span): Clause {
  const c = new TokCursor(src, tokenize(src, span.from, span.to), 'final clause');
  const locations: { loc: ObsLoc; at: number }[] = [];
  if (c.eat('locations')) {
    c.expect('[');
    while (!c.eat(']')) {
      const at = c.peek().at;
      locations.push({ loc: obsLoc(c), at });
      while (c.peek().kind === 'id' || c.is('*')) c.next(); // an optional type: `x int*`
      if (!c.is(']')) c.expect(';');
    }
  }
  const filter = c.eat('filter') ? prop(c) : null;
  if (c.atEnd()) return { locations, filter, kind: 'exists', prop: { k: 'true' } };
  const kind = constraintKind(c);
  return { locations, filter, kind, prop: prop(c) };
}

function constraintKind(c: TokCursor): ConstraintKind {
  if (c.eat('exists') || c.eat('final')) return 'exists';
  if (c.eat('forall')) return 'forall';
  if (c.is('~') && c.is('exists', 1)) {
    c.next();
    c.next();
    return 'not-exists';
  }
  if (c.is('(')) return 'exists';
  if (c.is('cases') || c.is('observed') || c.is('Observed')) c.fail(`the '${c.peek().text}' clause is not supported; write 'exists', '~exists' or 'forall'`);
  return c.fail("expected 'exists', '~exists' or 'forall'");
}

function prop(c: TokCursor): Prop {
  let p = conj(c);
  while (c.eat('\\/')) p = { k: 'or', a: p, b: conj(c) };
  return p;
}

function conj(c: TokCursor): Prop {
  let p = impl(c);
  while (c.eat('/\\')) p = { k: 'and', a: p, b: impl(c) };
  return p;
}

function impl(c: TokCursor): Prop {
  const a = unary(c);
  return c.eat('=>') ? { k: 'implies', a, b: impl(c) } : a;
}

function unary(c: TokCursor): Prop {
  if (c.eat('~') || c.eat('not')) return { k: 'not', p: unary(c) };
  if (c.eat('true')) return { k: 'true' };
  if (c.eat('false')) return { k: 'false' };
  if (c.eat('(')) {
    const p = prop(c);
    c.expect(')');
    return p;
  }
  const at = c.peek().at;
  const loc = obsLoc(c);
  if (c.eat('!=')) return { k: 'not', p: { k: 'eq', loc, value: propValue(c), at } };
  if (!c.eat('=') && !c.eat('==')) c.fail("expected '=' or '!='");
  return { k: 'eq', loc, value: propValue(c), at };
}

function obsLoc(c: TokCursor): ObsLoc {
  const t = c.peek();
  if ((t.kind === 'num' || /^P\d+$/.test(t.text)) && c.is(':', 1)) {
    c.next();
    c.next();
    const r = c.next();
    if (r.kind !== 'id') c.fail('expected a register name', r);
    return { kind: 'reg', proc: Number(t.text.replace(/^P/, '')), name: r.text };
  }
  if (c.eat('[')) {
    const n = c.next();
    if (n.kind !== 'id') c.fail('expected a location name', n);
    c.expect(']');
    return { kind: 'mem', name: n.text };
  }
  if (c.is('*')) c.fail("'*' in a condition is not supported; compare the location's value directly");
  if (t.kind !== 'id') c.fail('expected a register (0:r1) or a location');
  c.next();
  return { kind: 'mem', name: t.text };
}

function propValue(c: TokCursor): PropValue {
  if (((c.peek().kind === 'num' || /^P\d+$/.test(c.peek().text)) && c.is(':', 1)) || c.is('[')) return { kind: 'loc', loc: obsLoc(c) };
  if (c.eat('*')) {
    const n = c.next();
    if (n.kind !== 'id') c.fail('expected a location name after *', n);
    return { kind: 'loc', loc: { kind: 'mem', name: n.text } };
  }
  const neg = c.eat('-');
  const t = c.next();
  if (t.kind === 'num') return { kind: 'int', value: (neg ? -1 : 1) * Number(t.text) };
  if (!neg && t.kind === 'id') return t.text === 'NULL' ? { kind: 'int', value: 0 } : { kind: 'addr', name: t.text };
  if (!neg && t.text === '&') {
    const n = c.next();
    if (n.kind === 'id') return { kind: 'addr', name: n.text };
  }
  return c.fail('expected a value', t);
}
