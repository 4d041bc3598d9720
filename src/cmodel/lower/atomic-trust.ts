/**
 * The code a patch wrote never hides inside a prelude `__atomic_block`. A block says that no
 * other CPU can see inside it, for a reason about the code as shipped: `context_switch_to_task()`
 * makes `switch_mm_irqs_off()` one step because its `smp_mb()` pairs with the flush's. A patch
 * that changes code running inside the block may take that reason away, so:
 *
 * - a function the patch (or an override file) changed, called inside a block, runs step by
 *   step: the open blocks end before its code and start again after it, so every other CPU can
 *   run between its statements, while the unchanged code around it keeps the block's claim;
 * - so does a statement of the block's own code that the patch changed (or that is next to a
 *   line it deleted).
 *
 * Both only add interleavings, so neither hides a violation the block would show. A block
 * whose `__atomic_block(...)` line the patch wrote is the patch author's claim and stands, with
 * the code inside it. What this does not see: a claim whose reason lies outside the block
 * (a patch to the flush side of the barrier pairing above); the note of every block assumed
 * atomic, with its reason, is there for the reviewer to judge those.
 */
import type { Expr, FunctionDef, Loc, Stmt } from '../../c/ast.js';
import type { LineChanges, SourceChanges } from '../changes.js';
import { ATOMIC_BLOCK_CHECK } from '../build/tasks.js';
import type { SuspendedAtomic } from './emitter.js';
import type { Lowerer } from './lowerer.js';
import { walkExpr } from './scan.js';

/** An `__atomic_block` being lowered (`Lowerer.openBlocks`). */
export interface OpenBlock {
  readonly loc: Loc;
  readonly reason: string;
}

export class AtomicTrust {
  /** Blocks the patch's code was taken out of, by `file:line:col`: what ran step by step, and where the patch changed it. */
  readonly #cut = new Map<string, { readonly loc: Loc; readonly what: Set<string> }>();

  constructor(private readonly changes: SourceChanges) {}

  /** Each block the patch reached into: `file:line: what the patch changed inside it`. */
  get notes(): readonly string[] {
    return [...this.#cut.values()].map((c) => {
      const what = [...c.what];
      return `${c.loc.file}:${c.loc.line}: the patch changes ${what.join(', ')}, which ${what.length === 1 ? 'runs' : 'run'} step by step inside it`;
    });
  }

  /** Where each block the patch reached into starts. */
  get blocks(): readonly Loc[] {
    return [...this.#cut.values()].map((c) => c.loc);
  }

  /** Whether the patch wrote the block's own `__atomic_block(...)` line: its author's claim. */
  restated(loc: Loc): boolean {
    return this.changes.get(loc.file)?.added.has(loc.line) === true;
  }

  /** Where the patch changed a function (`file:line`), or null. */
  changedFn(fn: FunctionDef): string | null {
    if (this.changes.size === 0) return null;
    const l = firstIn(this.changes.get(fn.loc.file), fn.loc.line, fn.endLoc.line);
    return l === null ? null : `${fn.loc.file}:${l}`;
  }

  /** The line of a statement's own code the patch changed (a compound statement's: its head), or null. */
  changedStmt(s: Stmt): number | null {
    if (this.changes.size === 0) return null;
    return firstIn(this.changes.get(s.loc.file), s.loc.line, headEnd(s));
  }

  /** Notes that `what` (`f() (file:line)`, `line N`) ran step by step inside the block at `block`. */
  noteCut(block: Loc, what: string): void {
    const k = key(block);
    let c = this.#cut.get(k);
    if (c === undefined) this.#cut.set(k, (c = { loc: block, what: new Set() }));
    c.what.add(what);
  }
}

/** The open blocks a changed piece of code ran outside of, to start again after it. */
export interface Suspended {
  readonly blocks: readonly OpenBlock[];
  readonly emitter: SuspendedAtomic;
}

/** Before inlining `fn` inside open blocks: if the patch changed it, ends the blocks so that `fn` runs step by step. */
export function suspendForChanged(lw: Lowerer, fn: FunctionDef, loc: Loc): Suspended | null {
  const at = lw.openBlocks.length === 0 ? null : (lw.env.atomicTrust?.changedFn(fn) ?? null);
  return at === null ? null : suspend(lw, `${fn.name}() (${at})`, loc);
}

/**
 * Before lowering a statement of a block's own code: if the patch changed it, ends the open
 * blocks around it. Not a `{ }` (its statements are judged one by one), nor a statement with a
 * label or a goto (the blocks open at a goto and at its label must agree); a `return`, `break`
 * or `continue` in it starts the blocks again as it jumps back into them (`Emitter.jumpOut`).
 */
export function suspendForChangedStmt(lw: Lowerer, s: Stmt): Suspended | null {
  if (lw.openBlocks.length === 0 || s.kind === 'block' || s.kind === 'empty') return null;
  const line = lw.env.atomicTrust?.changedStmt(s) ?? null;
  if (line === null || hasLabelOrGoto(s)) return null;
  return suspend(lw, `line ${line}`, s.loc);
}

function suspend(lw: Lowerer, what: string, loc: Loc): Suspended | null {
  const trust = lw.env.atomicTrust;
  if (trust === undefined || lw.openBlocks.some((b) => trust.restated(b.loc))) return null;
  for (const b of lw.openBlocks) trust.noteCut(b.loc, what);
  for (let d = lw.em.atomicDepth; d > 0; d--) lw.em.emit({ op: 'atomic-end', loc, text: '' });
  const blocks = lw.openBlocks.splice(0, lw.openBlocks.length);
  return { blocks, emitter: lw.em.suspendAtomic((d, at) => beginBlock(lw, blocks[d]!, at, true)) };
}

/** After the changed code: the blocks `suspend` ended start again, outermost first. */
export function resumeAfterChanged(lw: Lowerer, saved: Suspended, loc: Loc): void {
  for (const b of saved.blocks) beginBlock(lw, b, loc, true);
  lw.em.resumeAtomic(saved.emitter);
  lw.openBlocks.push(...saved.blocks);
}

/**
 * The start of a block, at `loc`: its first, or again after changed code (`resumed`). With
 * tasks, the claim must also hold against the other tasks of the CPU: checked each time the
 * block starts (../build/tasks.ts).
 */
export function beginBlock(lw: Lowerer, b: OpenBlock, loc: Loc, resumed: boolean): void {
  const text = `__atomic_block("${b.reason}")`;
  if (lw.env.tasks === true) lw.em.emit({ op: 'hw', name: ATOMIC_BLOCK_CHECK, args: [], dst: null, addrs: [], loc, text });
  lw.em.emit({ op: 'atomic-begin', reason: b.reason, ...(resumed ? { resumed: true as const } : {}), loc: b.loc, text });
}

/** Whether a statement is or holds a label or a goto. */
function hasLabelOrGoto(s: Stmt): boolean {
  switch (s.kind) {
    case 'label':
    case 'goto':
      return true;
    case 'while':
    case 'do':
    case 'macro-block':
      return hasLabelOrGoto(s.body);
    case 'for':
      return hasLabelOrGoto(s.body) || (s.init !== null && hasLabelOrGoto(s.init));
    case 'switch':
      return s.cases.some((c) => c.body.some(hasLabelOrGoto));
    case 'block':
      return s.body.some(hasLabelOrGoto);
    case 'if':
      return hasLabelOrGoto(s.then) || (s.otherwise !== null && hasLabelOrGoto(s.otherwise));
    case 'expr':
    case 'decl':
    case 'empty':
    case 'return':
    case 'break':
    case 'continue':
      return false;
  }
}

/** The last line of a statement's own code: all of a simple statement, a compound one's head. */
function headEnd(s: Stmt): number {
  let last = s.loc.line;
  const note = (e: Expr | null): void => {
    if (e !== null) walkExpr(e, (x) => void (last = Math.max(last, x.loc.line)));
  };
  switch (s.kind) {
    case 'expr':
      note(s.expr);
      break;
    case 'decl':
      for (const d of s.decls) note(d.init);
      break;
    case 'return':
      note(s.value);
      break;
    case 'if':
    case 'while':
    case 'do': // its test comes after the body: the whole loop is its head
    case 'switch':
      note(s.test);
      break;
    case 'for':
      note(s.test);
      note(s.update);
      break;
    case 'macro-block':
      s.macro.args.forEach(note);
      break;
    case 'block':
    case 'break':
    case 'continue':
    case 'label':
    case 'goto':
    case 'empty':
      break;
  }
  return last;
}

function key(loc: Loc): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

function firstIn(ch: LineChanges | undefined, from: number, to: number): number | null {
  if (ch === undefined) return null;
  let first: number | null = null;
  for (const l of ch.touched) if (l >= from && l <= to && (first === null || l < first)) first = l;
  return first;
}
