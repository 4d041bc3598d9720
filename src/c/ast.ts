/**
 * The C subset's syntax tree: what the front end (./parse.ts) gives the model compiler
 * (src/cmodel) and the litmus front end (src/litmus). It is plain C syntax, with no kernel
 * meaning attached: `READ_ONCE(x)` is a call like any other, and each consumer decides which
 * calls it knows. Every node carries its location in the reviewer's own file.
 *
 * Kernel idioms the front end recognises beyond plain C, because the kernel writes them:
 * - block macros: `for_each_cpu(cpu, mask) stmt`, `scoped_guard(irqsave) { ... }`: a call
 *   followed by a statement (`macroBlock`);
 * - prefix macros: `__range(0, 3) int x;` before a declaration or a function (`prefixes`);
 * - litmus processes without a return type: `P0(int *x, int *y) { ... }`.
 */

/** A position in a source file, 1-based (as compilers print it). */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** A written type, kept as the reviewer wrote it: `unsigned long`, `struct mm_struct *`, `atomic_t`. */
export interface TypeName {
  /** The base type without pointers: `int`, `unsigned long`, `struct csd`, `enum pt_state`, `spinlock_t`. */
  readonly base: string;
  /** Number of `*`. */
  readonly pointers: number;
  /** `const`/`volatile` qualifiers are accepted and dropped (they do not change the model). */
}

export type UnaryOp = '!' | '-' | '+' | '~' | '*' | '&';
export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '<<'
  | '>>'
  | '&'
  | '|'
  | '^'
  | '&&'
  | '||'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>=';
export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '<<=' | '>>=' | '&=' | '|=' | '^=';

interface At {
  readonly loc: Loc;
}

export type Expr =
  | (At & { readonly kind: 'num'; readonly value: number })
  | (At & { readonly kind: 'string'; readonly value: string })
  | (At & { readonly kind: 'ident'; readonly name: string })
  | (At & { readonly kind: 'unary'; readonly op: UnaryOp; readonly arg: Expr })
  | (At & { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr })
  | (At & { readonly kind: 'assign'; readonly op: AssignOp; readonly target: Expr; readonly value: Expr })
  | (At & { readonly kind: 'update'; readonly op: '++' | '--'; readonly prefix: boolean; readonly target: Expr })
  | (At & { readonly kind: 'call'; readonly callee: string; readonly calleeLoc: Loc; readonly args: readonly Expr[] })
  | (At & { readonly kind: 'cond'; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr })
  | (At & { readonly kind: 'member'; readonly object: Expr; readonly field: string; readonly arrow: boolean })
  | (At & { readonly kind: 'index'; readonly array: Expr; readonly index: Expr })
  | (At & { readonly kind: 'cast'; readonly type: TypeName; readonly arg: Expr })
  | (At & { readonly kind: 'comma'; readonly exprs: readonly Expr[] })
  /** `{ 1, 2 }` or `{ .field = 1 }` in an initialiser. */
  | (At & { readonly kind: 'init-list'; readonly items: readonly InitItem[] });

export interface InitItem {
  /** `.field = value` names the field; positional items have none. */
  readonly field: string | null;
  readonly value: Expr;
}

export type ExprKind = Expr['kind'];

/** One declared variable: `int r0 = 1`, `unsigned long flags`, `int a[4]`. */
export interface VarDecl extends At {
  readonly name: string;
  readonly type: TypeName;
  /** Array length for `int a[4]`, null for a scalar (0 when the length is a name). */
  readonly arrayLength: number | null;
  /** The length's name when written as one: `struct csd csd[NR_CPUS]`. */
  readonly arraySizeName: string | null;
  readonly init: Expr | null;
  /** `static`, `extern`: accepted, recorded for consumers that care. */
  readonly storage: readonly string[];
  /** Prefix macros written before the declaration: `__range(0, 3)`. */
  readonly prefixes: readonly MacroUse[];
}

/** A macro written as a call: `__range(0, 3)`, `ROLE(...)`, `DEFINE_PER_CPU(int, x)`. */
export interface MacroUse extends At {
  readonly name: string;
  readonly args: readonly Expr[];
}

export interface SwitchCase extends At {
  /** null for `default:`. */
  readonly value: Expr | null;
  readonly body: readonly Stmt[];
}

export type Stmt =
  | (At & { readonly kind: 'expr'; readonly expr: Expr })
  | (At & { readonly kind: 'decl'; readonly decls: readonly VarDecl[] })
  | (At & { readonly kind: 'block'; readonly body: readonly Stmt[] })
  | (At & { readonly kind: 'if'; readonly test: Expr; readonly then: Stmt; readonly otherwise: Stmt | null })
  | (At & { readonly kind: 'while'; readonly test: Expr; readonly body: Stmt })
  | (At & { readonly kind: 'do'; readonly body: Stmt; readonly test: Expr })
  | (At & { readonly kind: 'for'; readonly init: Stmt | null; readonly test: Expr | null; readonly update: Expr | null; readonly body: Stmt })
  | (At & { readonly kind: 'switch'; readonly test: Expr; readonly cases: readonly SwitchCase[] })
  | (At & { readonly kind: 'break' })
  | (At & { readonly kind: 'continue' })
  | (At & { readonly kind: 'return'; readonly value: Expr | null })
  | (At & { readonly kind: 'label'; readonly name: string; readonly body: Stmt })
  | (At & { readonly kind: 'goto'; readonly label: string })
  | (At & { readonly kind: 'empty' })
  /** `for_each_cpu(cpu, mask) body`, `scoped_guard(...) { }`: a macro call applied to a statement. */
  | (At & { readonly kind: 'macro-block'; readonly macro: MacroUse; readonly body: Stmt });

export type StmtKind = Stmt['kind'];

export interface Param extends At {
  readonly name: string;
  readonly type: TypeName;
}

export interface FunctionDef extends At {
  readonly name: string;
  /** null for a litmus process written without one (`P0(int *x) { ... }`). */
  readonly returnType: TypeName | null;
  readonly params: readonly Param[];
  readonly body: readonly Stmt[];
  /** Line of the closing brace: where a function's implicit return is. */
  readonly endLoc: Loc;
  readonly storage: readonly string[];
  /** Macros written after the parameter list or before the definition: `__witness(name)`. */
  readonly attributes: readonly MacroUse[];
}

export interface EnumDef extends At {
  /** null for an anonymous `typedef enum { ... } name_t`. */
  readonly name: string | null;
  readonly members: readonly { readonly name: string; readonly value: Expr | null; readonly loc: Loc }[];
}

export interface StructDef extends At {
  readonly name: string;
  readonly fields: readonly VarDecl[];
}

export type TopLevel =
  | (At & { readonly kind: 'function'; readonly fn: FunctionDef })
  | (At & { readonly kind: 'prototype'; readonly name: string })
  | (At & { readonly kind: 'var'; readonly decls: readonly VarDecl[] })
  | (At & { readonly kind: 'enum'; readonly def: EnumDef })
  | (At & { readonly kind: 'struct'; readonly def: StructDef })
  /** `typedef <type> name;` (enum and struct typedefs also produce their definition). */
  | (At & { readonly kind: 'typedef'; readonly name: string; readonly type: TypeName })
  /** `ROLE(...);`, `DEFINE_PER_CPU(int, x);`: a macro used as a top-level statement. */
  | (At & { readonly kind: 'macro'; readonly macro: MacroUse })
  /** `#define NAME value` (object-like macros only). */
  | (At & { readonly kind: 'define'; readonly name: string; readonly value: Expr })
  | (At & { readonly kind: 'include'; readonly path: string });

export type TopLevelKind = TopLevel['kind'];

export interface TranslationUnit {
  readonly file: string;
  readonly items: readonly TopLevel[];
}
