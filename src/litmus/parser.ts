/**
 * Parser for a subset of the kernel litmus C format (tools/memory-model/Documentation/
 * litmus-tests.txt): the `C name` line, `(* ... *)` header comments (with `Result:`), the
 * initial-state block `{ x=0; y=0; }`, processes `P0(int *x, atomic_t *a) { ... }` whose
 * bodies are straight-line calls to the primitives of `primitives.ts` and register
 * assignments, and one `exists (...)` clause over `/\`, `\/`, `~`, `n:reg=v` and `loc=v`.
 *
 * Left out: `if`, loops, locks, RCU, pointers to pointers, `~exists`/`forall`.
 * Every failure is a `LitmusError` with a one-line message naming the line.
 *
 * @example
 *   const t = parseLitmus('C SB\n{}\nP0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); ' +
 *     'r0 = READ_ONCE(*y); }\nP1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); ' +
 *     'r0 = READ_ONCE(*x); }\nexists (0:r0=0 /\\ 1:r0=0)');
 */
import type { Expr, Instr, LitmusTest, Outcome, Thread } from './ast.js';
import { LitmusError } from './error.js';
import { tokenize } from './lexer.js';
import { Cursor } from './cursor.js';
import { parseExists } from './parse-exists.js';
import { primitive, type Arg } from './primitives.js';

const PARAM_TYPES = ['int', 'atomic_t'];

/** Parses a litmus file; throws `LitmusError`. */
export function parseLitmus(text: string): LitmusTest {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const header = /^\s*C\s+(\S+)\s*$/.exec(lines[first] ?? '');
  if (first < 0 || header === null) throw new LitmusError("expected 'C <name>' as the first line", first + 1);
  const name = header[1] ?? '';
  lines[first] = '';
  const cur = new Cursor(tokenize(lines.join('\n')));

  let expected: Outcome | null = null;
  while (cur.peek().kind === 'herd-comment') {
    const m = /Result:\s*(Never|Sometimes|Always)\b/.exec(cur.next().text);
    if (m !== null && expected === null) expected = m[1] as Outcome;
  }

  const locNames: string[] = [];
  const init: number[] = [];
  const locOf = (n: string): number => {
    const i = locNames.indexOf(n);
    if (i >= 0) return i;
    locNames.push(n);
    init.push(0);
    return locNames.length - 1;
  };

  // Initial state.
  cur.expect('{');
  while (!cur.eat('}')) {
    while (PARAM_TYPES.includes(cur.peek().text) && cur.peek(1).kind === 'ident') cur.next();
    if (cur.peek().kind === 'number') cur.fail('register initialisation is not supported');
    const loc = locOf(cur.ident('a location name').text);
    if (cur.eat('=')) {
      if (cur.eat('ATOMIC_INIT')) {
        cur.expect('(');
        init[loc] = cur.int();
        cur.expect(')');
      } else {
        init[loc] = cur.int();
      }
    }
    if (!cur.eat(';') && !cur.is('}')) cur.fail("expected ';' or '}' in the initial state");
  }

  // Processes.
  const threads: Thread[] = [];
  while (cur.peek().kind === 'ident' && /^P[0-9]+$/.test(cur.peek().text)) {
    const t = cur.next();
    const id = Number(t.text.slice(1));
    if (id !== threads.length) throw new LitmusError(`expected P${threads.length}, found ${t.text}`, t.line);
    threads.push(parseProcess(cur, id, locOf));
  }
  if (threads.length === 0) cur.fail('expected a process P0(...)');

  // Final condition.
  if (cur.eat('locations')) {
    cur.expect('[');
    while (!cur.eat(']')) if (cur.next().kind === 'eof') cur.fail("expected ']'");
    cur.eat(';');
  }
  if (cur.is('~') || cur.is('forall')) cur.fail("only 'exists' clauses are supported");
  cur.expect('exists');
  const exists = parseExists(cur, threads, locNames);
  if (cur.peek().kind !== 'eof') cur.fail('expected end of input after the exists clause');
  return { name, expected, locNames, init, threads, exists };
}

function parseProcess(cur: Cursor, id: number, locOf: (n: string) => number): Thread {
  const params = new Map<string, number>();
  cur.expect('(');
  if (!cur.is(')')) {
    do {
      const ty = cur.ident('a parameter type');
      if (!PARAM_TYPES.includes(ty.text)) throw new LitmusError(`unsupported parameter type '${ty.text}'`, ty.line);
      cur.expect('*');
      const n = cur.ident('a parameter name').text;
      params.set(n, locOf(n));
    } while (cur.eat(','));
  }
  cur.expect(')');
  cur.expect('{');
  const regNames: string[] = [];
  const regOf = (n: string, declare: boolean, line: number): number => {
    const i = regNames.indexOf(n);
    if (i >= 0) return i;
    if (params.has(n)) throw new LitmusError(`'${n}' is a location, not a register`, line);
    if (!declare) throw new LitmusError(`unknown register '${n}'`, line);
    regNames.push(n);
    return regNames.length - 1;
  };
  const instrs: Instr[] = [];
  const ctx: StmtCtx = { cur, params, regOf, instrs, regNames };
  while (!cur.eat('}')) {
    const t = cur.peek();
    if (t.kind !== 'ident') cur.fail('expected a statement');
    if (t.text === 'if' || t.text === 'while' || t.text === 'for')
      throw new LitmusError(`'${t.text}' statements are not supported`, t.line);
    if (t.text === 'int') {
      cur.next();
      do {
        const r = cur.ident('a register name');
        const reg = regOf(r.text, true, r.line);
        if (cur.eat('=')) parseCall(ctx, reg, r.line);
      } while (cur.eat(','));
    } else if (cur.peek(1).text === '=' && cur.peek(1).kind === 'punct') {
      cur.next();
      cur.next();
      parseCall(ctx, regOf(t.text, true, t.line), t.line);
    } else {
      parseCall(ctx, null, t.line);
    }
    cur.expect(';');
  }
  return { id, regNames, instrs };
}

interface StmtCtx {
  readonly cur: Cursor;
  readonly params: ReadonlyMap<string, number>;
  readonly regOf: (n: string, declare: boolean, line: number) => number;
  readonly instrs: Instr[];
  readonly regNames: readonly string[];
}

function parseCall(ctx: StmtCtx, reg: number | null, line: number): void {
  const { cur } = ctx;
  const nameTok = cur.ident('a kernel primitive');
  const prim = primitive(nameTok.text);
  if (prim === null) throw new LitmusError(`unknown primitive '${nameTok.text}'`, nameTok.line);
  if (reg !== null && prim.result === 'void')
    throw new LitmusError(`'${nameTok.text}' returns no value`, nameTok.line);
  const parts: string[] = [];
  cur.expect('(');
  const args: Arg[] = [];
  prim.args.forEach((kind, i) => {
    if (i > 0) cur.expect(',');
    if (kind === 'loc') {
      const deref = cur.eat('*') ? '*' : cur.eat('&') ? '&' : '';
      const n = cur.ident('a location');
      const loc = ctx.params.get(n.text);
      if (loc === undefined) throw new LitmusError(`'${n.text}' is not a parameter of this process`, n.line);
      args.push({ kind: 'loc', loc });
      parts.push(`${deref}${n.text}`);
    } else {
      const [e, s] = parseExpr(ctx);
      args.push({ kind: 'expr', expr: e });
      parts.push(s);
    }
  });
  if (cur.is(',')) cur.fail(`too many arguments to '${nameTok.text}'`);
  cur.expect(')');
  const call = `${nameTok.text}(${parts.join(', ')})`;
  const lhs = reg === null ? '' : `${ctx.regNames[reg] ?? '?'} = `;
  const body = prim.build(args, reg);
  ctx.instrs.push({ ...body, text: `${lhs}${call};`, line });
}

function parseExpr(ctx: StmtCtx): [Expr, string] {
  let [left, text] = parseTerm(ctx);
  while (ctx.cur.is('+') || ctx.cur.is('-')) {
    const op = ctx.cur.next().text === '+' ? '+' : '-';
    const [right, rt] = parseTerm(ctx);
    left = { kind: 'binop', op, left, right };
    text = `${text} ${op} ${rt}`;
  }
  return [left, text];
}

function parseTerm(ctx: StmtCtx): [Expr, string] {
  const { cur } = ctx;
  if (cur.eat('(')) {
    const [e, s] = parseExpr(ctx);
    cur.expect(')');
    return [e, `(${s})`];
  }
  if (cur.peek().kind === 'number' || cur.is('-')) {
    const v = cur.int();
    return [{ kind: 'const', value: v }, String(v)];
  }
  const t = cur.ident('a number or register');
  return [{ kind: 'reg', reg: ctx.regOf(t.text, false, t.line) }, t.text];
}
