/**
 * A litmus test after lowering: the kernel API spelled out as herd7's instructions
 * (`tools/memory-model/linux-kernel.def`: `__load{ONCE}`, `__store{RELEASE}`, `__xchg{MB}`,
 * `__fence{rmb}`, `__lock`, ...), over numbered locations and registers. The C syntax tree
 * (src/c) is lowered to this by ./lower.ts; ./exec enumerates its executions.
 */

/** herd7's access annotations (linux-kernel.bell `Accesses`, plus SRCU's), `plain` for none. */
export type Tag = 'plain' | 'ONCE' | 'RELEASE' | 'ACQUIRE' | 'NORETURN' | 'MB' | 'srcu-lock' | 'srcu-unlock';

/** herd7's fences (linux-kernel.bell `Barriers`). */
export type FenceKind =
  | 'mb'
  | 'rmb'
  | 'wmb'
  | 'barrier'
  | 'rcu-lock'
  | 'rcu-unlock'
  | 'sync-rcu'
  | 'before-atomic'
  | 'after-atomic'
  | 'after-spinlock'
  | 'after-unlock-lock'
  | 'after-srcu-read-unlock';

export type BinOp = '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '&~';
export type UnOp = '-' | '~' | '!';

/** Where a statement is in the file, and its text, for witnesses and errors. */
export interface Src {
  readonly line: number;
  readonly col: number;
  readonly text: string;
}

export type Expr =
  | { readonly k: 'const'; readonly v: number }
  | { readonly k: 'reg'; readonly r: number }
  | { readonly k: 'load'; readonly addr: Expr; readonly tag: Tag }
  | { readonly k: 'bin'; readonly op: BinOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'un'; readonly op: UnOp; readonly a: Expr }
  /** `__atomic_op_return` / `__atomic_fetch_op` / `__xchg`: read, write, return old or new. */
  | { readonly k: 'rmw'; readonly addr: Expr; readonly op: BinOp | 'xchg'; readonly operand: Expr; readonly returns: 'old' | 'new'; readonly tag: Tag }
  /** `__cmpxchg`: a write only when the value read equals `expected`; returns the value read. */
  | { readonly k: 'cmpxchg'; readonly addr: Expr; readonly expected: Expr; readonly desired: Expr; readonly tag: Tag }
  /** `__atomic_add_unless(X,A,U)`: adds A unless the value is U; returns 1 if it added. */
  | { readonly k: 'add-unless'; readonly addr: Expr; readonly add: Expr; readonly unless: Expr; readonly tag: Tag }
  | { readonly k: 'trylock'; readonly addr: Expr }
  | { readonly k: 'islocked'; readonly addr: Expr };

export type StmtBody =
  | { readonly k: 'assign'; readonly r: number; readonly e: Expr }
  | { readonly k: 'store'; readonly addr: Expr; readonly value: Expr; readonly tag: Tag }
  | { readonly k: 'eval'; readonly e: Expr }
  | { readonly k: 'fence'; readonly fence: FenceKind }
  /** `__atomic_op` (no return value): atomic_inc() and friends. */
  | { readonly k: 'atomic-op'; readonly addr: Expr; readonly op: BinOp; readonly operand: Expr; readonly tag: Tag }
  | { readonly k: 'lock'; readonly addr: Expr }
  | { readonly k: 'unlock'; readonly addr: Expr }
  | { readonly k: 'srcu-sync'; readonly addr: Expr }
  | { readonly k: 'if'; readonly cond: Expr; readonly then: readonly Stmt[]; readonly otherwise: readonly Stmt[] };

export type Stmt = StmtBody & { readonly src: Src };

export interface Thread {
  readonly proc: number;
  readonly regNames: readonly string[];
  /** Initial register values (from the initial state, else 0). */
  readonly regInit: readonly number[];
  readonly body: readonly Stmt[];
}

/** What kind of object a location holds, from its declared type. */
export type LocKind = 'int' | 'pointer' | 'spinlock' | 'srcu';

export interface LocInfo {
  readonly name: string;
  readonly kind: LocKind;
  readonly init: number;
}

export interface Program {
  readonly locs: readonly LocInfo[];
  readonly threads: readonly Thread[];
}
