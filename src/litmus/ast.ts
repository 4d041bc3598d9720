/**
 * The litmus AST: a test after its kernel primitives are lowered to a handful of memory
 * primitives (load, store, read-modify-write, fence), the way LKMM's `linux-kernel.def` maps
 * the kernel API onto herd7's instructions. The kernel names live only in `primitives.ts`.
 *
 * Locations and registers are resolved to small integer indices by the parser so that the
 * explorer works on arrays; the names are kept for printing.
 */

/** A register expression: constants, registers and `+`/`-`. */
export type Expr =
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'reg'; readonly reg: number }
  | { readonly kind: 'binop'; readonly op: '+' | '-'; readonly left: Expr; readonly right: Expr };

/** Fences. `before-atomic`/`after-atomic` are LKMM's Before-atomic/After-atomic annotations. */
export type FenceKind = 'mb' | 'wmb' | 'rmb' | 'before-atomic' | 'after-atomic';

/** What a read-modify-write stores, and which value it returns to its register. */
export type RmwOp =
  | { readonly kind: 'add'; readonly operand: Expr; readonly returns: 'old' | 'new' }
  | { readonly kind: 'xchg'; readonly operand: Expr }
  | { readonly kind: 'cmpxchg'; readonly expected: Expr; readonly desired: Expr };

interface Located {
  /** The statement as written, for witnesses. */
  readonly text: string;
  readonly line: number;
}

export type Instr =
  | (Located & { readonly kind: 'load'; readonly reg: number; readonly loc: number; readonly acquire: boolean })
  | (Located & { readonly kind: 'store'; readonly loc: number; readonly value: Expr; readonly release: boolean })
  | (Located & {
      readonly kind: 'rmw';
      /** Register receiving the returned value, or null when the result is discarded. */
      readonly reg: number | null;
      readonly loc: number;
      readonly op: RmwOp;
      /** Fully ordered (value-returning atomics, xchg, cmpxchg) or unordered (atomic_inc). */
      readonly ordered: boolean;
    })
  | (Located & { readonly kind: 'fence'; readonly fence: FenceKind });

export type InstrKind = Instr['kind'];

export interface Thread {
  /** The `n` of `Pn`. */
  readonly id: number;
  readonly regNames: readonly string[];
  readonly instrs: readonly Instr[];
}

/** The `exists` clause. */
export type Cond =
  | { readonly kind: 'reg'; readonly thread: number; readonly reg: number; readonly value: number }
  | { readonly kind: 'loc'; readonly loc: number; readonly value: number }
  | { readonly kind: 'not'; readonly arg: Cond }
  | { readonly kind: 'and'; readonly left: Cond; readonly right: Cond }
  | { readonly kind: 'or'; readonly left: Cond; readonly right: Cond }
  | { readonly kind: 'true' };

export type Outcome = 'Never' | 'Sometimes' | 'Always';

export interface LitmusTest {
  readonly name: string;
  /** `Result:` from the header comment, if present. */
  readonly expected: Outcome | null;
  readonly locNames: readonly string[];
  readonly init: readonly number[];
  readonly threads: readonly Thread[];
  readonly exists: Cond;
}
