/**
 * The C front end: kernel C reads into the subset's tree with the reviewer's own positions,
 * and anything it cannot read is one CError naming file:line:col, never a crash.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionDef, Stmt, TopLevel } from '../src/c/ast.js';
import { CError } from '../src/c/error.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { parseC, parseCExpression } from '../src/c/parse.js';

beforeAll(async () => {
  await loadCGrammar();
});

const fn = (items: readonly TopLevel[], name: string): FunctionDef => {
  const f = items.find((i): i is Extract<TopLevel, { kind: 'function' }> => i.kind === 'function' && i.fn.name === name);
  if (f === undefined) throw new Error(`no function ${name}`);
  return f.fn;
};

const refusal = (src: string): string => {
  try {
    parseC(src, 'm.c');
  } catch (e) {
    if (e instanceof CError) return e.message;
    throw e;
  }
  return 'accepted';
};

describe('C front end', () => {
  it('reads per-CPU declarations, prefix macros and block macros at their own positions', () => {
    const tu = parseC(
      [
        'static DEFINE_PER_CPU(unsigned long, flags);',
        '__range(0, 3) int sharers = 2;',
        'void f(void)',
        '{',
        '\tfor_each_cpu(cpu, mask)',
        '\t\tper_cpu(flags, cpu) = 1;',
        '}',
      ].join('\n'),
      'm.c',
    );
    const [percpu, ranged] = tu.items;
    expect(percpu).toMatchObject({ kind: 'var', decls: [{ name: 'flags', type: { base: 'unsigned long', pointers: 0 }, storage: ['static', 'percpu'] }] });
    expect(ranged).toMatchObject({ kind: 'var', decls: [{ name: 'sharers', prefixes: [{ name: '__range' }] }] });
    const body = fn(tu.items, 'f').body;
    expect(body[0]).toMatchObject({ kind: 'macro-block', loc: { line: 5, col: 2 }, macro: { name: 'for_each_cpu' }, body: { kind: 'expr', loc: { line: 6, col: 3 } } });
  });

  it('keeps the storage class of a DEFINE_PER_CPU / DEFINE_PER_TASK / DEFINE_GHOST whose type is __range(lo, hi) bounded', () => {
    // The storage class was recorded at the macro's column, where the type no longer starts
    // once the range is blanked: the variable silently became a shared one.
    const tu = parseC(['DEFINE_PER_CPU(__range(0, 3) int, a);', 'DEFINE_PER_TASK( __range(0, 2)  int, b);', 'DEFINE_GHOST(__range(1, 4) int, c);'].join('\n'), 'm.c');
    expect(tu.items.map((i) => (i.kind === 'var' ? [i.decls[0]!.name, i.decls[0]!.storage, i.decls[0]!.prefixes.map((p) => p.name)] : null))).toEqual([
      ['a', ['percpu'], ['__range']],
      ['b', ['pertask'], ['__range']],
      ['c', ['ghost'], ['__range']],
    ]);
  });

  it('refuses a __range(lo, hi) that starts no declaration (its bounds would be dropped), with its line', () => {
    for (const [text, col] of [
      ['int __range(0, 3) x = 2;', 19],
      ['void f(void)\n{\n\tint a, __range(0, 3) b;\n}', 0],
    ] as const) {
      const at = text.split('\n').findIndex((l) => l.includes('__range')) + 1;
      expect(() => parseC(text, 'm.c')).toThrow(CError);
      expect(() => parseC(text, 'm.c')).toThrow(new RegExp(`^m\\.c:${at}:${col === 0 ? '\\d+' : col}: the __range\\(lo, hi\\) before this bounds no declaration`));
    }
    expect(() => parseC('void f(void)\n{\n\t__range(0, 3) int a = 1;\n}', 'm.c')).not.toThrow();
  });

  it('reads a one-identifier block macro with a braced body (the grammar sees a nested function)', () => {
    const tu = parseC(['void f(void)', '{', '\tint cpu;', '', '\tfor_each_online_cpu(cpu) {', '\t\tg(cpu);', '\t}', '}'].join('\n'), 'm.c');
    const body = fn(tu.items, 'f').body;
    expect(body[1]).toMatchObject({ kind: 'macro-block', loc: { line: 5, col: 2 }, macro: { name: 'for_each_online_cpu', args: [{ kind: 'ident', name: 'cpu' }] }, body: { kind: 'block' } });
  });

  it('reads a litmus process without a return type, columns unshifted', () => {
    const tu = parseC('P1(int *x, spinlock_t *lock)\n{\n\tint r0 = READ_ONCE(*x);\n}', 't.litmus');
    const p = fn(tu.items, 'P1');
    expect(p.returnType).toBeNull();
    expect(p.params.map((x) => `${x.type.base}${'*'.repeat(x.type.pointers)} ${x.name}`)).toEqual(['int* x', 'spinlock_t* lock']);
    expect(p.loc).toMatchObject({ line: 1, col: 1 });
    const decl = p.body[0] as Extract<Stmt, { kind: 'decl' }>;
    expect(decl.decls[0]!.init).toMatchObject({ kind: 'call', callee: 'READ_ONCE', loc: { line: 3, col: 11 } });
  });

  it('keeps if/else, switch, loops, labels and attributes', () => {
    const tu = parseC(
      'bool w(int cpu) __witness(no_x) { if (a) b = 1; else { c++; } switch (r) { case 1: case 2: x = 1; break; default: ; } do { } while (!READ_ONCE(y)); for (i = 0; i < 2; i++) ; out: return x->y.z != 0; }',
      'm.c',
    );
    const w = fn(tu.items, 'w');
    expect(w.attributes.map((a) => a.name)).toEqual(['__witness']);
    expect(w.body.map((s) => s.kind)).toEqual(['if', 'switch', 'do', 'for', 'label']);
    const sw = w.body[1] as Extract<Stmt, { kind: 'switch' }>;
    expect(sw.cases.map((c) => c.body.length)).toEqual([0, 2, 1]);
  });

  it('reads a negative number literal as its value (tree-sitter puts the sign in the literal)', () => {
    const tu = parseC('P0(int *y)\n{\n\tint r1 = -1;\n\tWRITE_ONCE(*y, -2);\n}', 't.litmus');
    const [decl, write] = fn(tu.items, 'P0').body;
    expect(decl).toMatchObject({ kind: 'decl', decls: [{ name: 'r1', init: { kind: 'num', value: -1 } }] });
    expect(write).toMatchObject({ kind: 'expr', expr: { kind: 'call', callee: 'WRITE_ONCE', args: [{}, { kind: 'num', value: -2 }] } });
  });

  it('parses a single expression at a given position', () => {
    expect(parseCExpression('x == 1 && !y', 'c.litmus', 7, 9)).toMatchObject({ kind: 'binary', op: '&&', loc: { line: 7, col: 10 } });
  });

  it.each([
    ['int f(void) { return sizeof(int); }', "m.c:1:22: 'sizeof' is not supported"],
    ['#if CONFIG_X\nint a;\n#endif', 'm.c:1:1: conditional compilation (#if/#ifdef) is not supported'],
    ['#define INC(x) ((x) + 1)', "m.c:1:1: the function-like macro 'INC' is not supported"],
    ['void f(void) {', "m.c:1:15: syntax error: expected '}'"],
    ['int x = 1\nint y;', "m.c:1:10: syntax error: expected ';'"],
    ['void f(void) { (*g)(1); }', "m.c:1:16: a call through '(*g)' is not supported"],
    ['void f(void) { asm volatile("nop"); }', 'm.c:1:16: inline assembly is not supported'],
  ])('refuses %j with its location', (src, message) => {
    expect(refusal(src)).toContain(message);
  });

  it('never crashes on mutated model text: it parses or gives one CError line', () => {
    const base = [
      'DEFINE_PER_CPU(int, x);',
      'void f(int cpu) __witness(w) {',
      '  unsigned long flags; local_irq_save(flags);',
      '  for_each_cpu(cpu, mask) { if (READ_ONCE(a)) WRITE_ONCE(b, 1); else b = (int)c; }',
      '  switch (r) { case 1: x++; break; default: ; }',
      '}',
      'P0(int *x) { int r0 = READ_ONCE(*x); }',
    ].join('\n');
    const edit = fc.record({ at: fc.nat(base.length), drop: fc.nat(6), insert: fc.string({ maxLength: 4, unit: fc.constantFrom(...'(){};,*&/"\'#x1 \n\0\\'.split('')) }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = base;
        for (const e of edits) text = text.slice(0, Math.min(e.at, text.length)) + e.insert + text.slice(Math.min(e.at, text.length) + e.drop);
        try {
          parseC(text, 'm.c');
        } catch (e) {
          expect(e).toBeInstanceOf(CError);
          const m = (e as CError).message;
          expect(m).toMatch(/^m\.c:\d+:\d+: /);
          expect(m).not.toContain('\n');
        }
      }),
      { numRuns: 400, seed: 14 },
    );
  });
});
