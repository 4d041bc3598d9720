/**
 * The `exists (...)` clause: `/\` binds tighter than `\/`, `~` tighter than both;
 * atoms are `n:reg=v` (register of process Pn) and `loc=v` (final memory value).
 */
import type { Cond, Thread } from './ast.js';
import type { Cursor } from './cursor.js';
import { LitmusError } from './error.js';

export function parseExists(cur: Cursor, threads: readonly Thread[], locNames: readonly string[]): Cond {
  const disj = (): Cond => {
    let c = conj();
    while (cur.eat('\\/')) c = { kind: 'or', left: c, right: conj() };
    return c;
  };
  const conj = (): Cond => {
    let c = unary();
    while (cur.eat('/\\')) c = { kind: 'and', left: c, right: unary() };
    return c;
  };
  const unary = (): Cond => {
    if (cur.eat('~')) return { kind: 'not', arg: unary() };
    if (cur.eat('(')) {
      const c = disj();
      cur.expect(')');
      return c;
    }
    if (cur.eat('true')) return { kind: 'true' };
    if (cur.peek().kind === 'number') {
      const t = cur.next();
      const thread = threads[Number(t.text)];
      if (thread === undefined) throw new LitmusError(`no process P${t.text}`, t.line);
      cur.expect(':');
      const r = cur.ident('a register');
      const reg = thread.regNames.indexOf(r.text);
      if (reg < 0) throw new LitmusError(`P${t.text} has no register '${r.text}'`, r.line);
      cur.expect('=');
      return { kind: 'reg', thread: thread.id, reg, value: cur.int() };
    }
    const l = cur.ident('a register (n:rN) or location');
    const loc = locNames.indexOf(l.text);
    if (loc < 0) throw new LitmusError(`unknown location '${l.text}'`, l.line);
    cur.expect('=');
    return { kind: 'loc', loc, value: cur.int() };
  };
  return disj();
}
