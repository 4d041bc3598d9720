/**
 * Builds one code unit (a role's program, an interrupt handler, a witness): the instruction
 * list, its labels, registers, lexical scopes and the stack of inlined calls (recursion is
 * refused, since every call is inlined).
 */
import type { Loc } from '../../c/ast.js';
import { CError } from '../../c/error.js';
import type { Addr, Instr, Reg, Val } from '../ir.js';
import type { CType } from '../types.js';

/**
 * A local: a register, or — for a parameter of an inlined call — the constant or the place its
 * argument named (`csd_lock_wait(per_cpu_ptr(&csd, cpu))` binds `csd` to that place), so that
 * a pointer parameter costs no state and names what it points to.
 */
export type Local =
  | { readonly k: 'reg'; readonly reg: Reg; readonly type: CType }
  | { readonly k: 'const'; readonly value: number; readonly type: CType }
  | { readonly k: 'alias'; readonly val: Val; readonly points: Addr; readonly type: CType };

/** One inlined call: where `return` goes and which register receives the value. */
export interface Frame {
  readonly fn: string;
  readonly callLoc: Loc;
  readonly exit: Label;
  readonly result: Reg | null;
  /** The values its `return` statements give, as far as known at compile time (null: not a constant). */
  readonly returns?: (number | null)[];
  /** `__atomic_block`s open where it was called: a `return` closes the ones opened inside it. */
  readonly atomicDepth?: number;
  /** Its C labels by name, as `goto` and the labelled statements meet them. */
  readonly labels?: Map<string, CLabel>;
}

/** A C label of an inlined function: placed at its statement, jumped to by its gotos. */
export interface CLabel {
  readonly label: Label;
  /** The `__atomic_block`s open at the statement (`Emitter.atomicBlocks`), once placed. */
  placedIn: string | null;
  readonly gotos: { readonly loc: Loc; readonly atomicBlocks: string }[];
}

export interface Label {
  at: number;
}

/** What `Emitter.suspendAtomic` closed, for `resumeAtomic`. */
export interface SuspendedAtomic {
  readonly depth: number;
  readonly blocks: readonly number[];
  readonly reopen: ((depth: number, loc: Loc) => void) | null;
}

interface Loop {
  readonly brk: Label;
  readonly cont: Label | null;
  readonly atomicDepth: number;
}

interface Buffer {
  readonly instrs: Instr[];
  readonly fixups: { idx: number; labels: Label[] }[];
}

export class Emitter {
  private buf: Buffer = { instrs: [], fixups: [] };
  readonly regs: Reg[] = [];
  private readonly scopes: Map<string, Local>[] = [new Map()];
  readonly frames: Frame[] = [];
  /** Enclosing loops and switches, with the `__atomic_block`s open where each starts. */
  private readonly loops: Loop[] = [];
  /** Labels of the unit (C labels), for `at(cpu, label)` in witnesses. */
  readonly cLabels = new Map<string, number>();
  /** Depth of `atomic-begin` nesting while emitting. */
  atomicDepth = 0;
  /** The `__atomic_block`s open while emitting, each by a number of its own, outermost first. */
  private readonly openBlocks: number[] = [];
  private blocksOpened = 0;

  /** Enters an `__atomic_block`. */
  openAtomic(): void {
    this.atomicDepth++;
    this.openBlocks.push(this.blocksOpened++);
  }

  /** Leaves the innermost `__atomic_block`. */
  closeAtomic(): void {
    this.atomicDepth--;
    this.openBlocks.pop();
  }

  /**
   * Closes every open block's bookkeeping for code that runs outside them (a function or
   * statement the patch changed, ./atomic-trust.ts); the caller emits the `atomic-end`s.
   * `reopen` emits a block's start again where a jump goes back into it. Returns what
   * `resumeAtomic` reopens.
   */
  suspendAtomic(reopen: (depth: number, loc: Loc) => void): SuspendedAtomic {
    const saved = { depth: this.atomicDepth, blocks: this.openBlocks.splice(0, this.openBlocks.length), reopen: this.reopen };
    this.atomicDepth = 0;
    this.reopen = reopen;
    return saved;
  }

  /** Reopens the blocks `suspendAtomic` closed; the caller emits the `atomic-begin`s. */
  resumeAtomic(saved: SuspendedAtomic): void {
    this.atomicDepth = saved.depth;
    this.openBlocks.push(...saved.blocks);
    this.reopen = saved.reopen;
  }

  /** While blocks are suspended: emits the start of the block at `depth` (0: outermost) again. */
  private reopen: ((depth: number, loc: Loc) => void) | null = null;

  /** Which `__atomic_block`s are open, as a key: a goto and its label must agree on it. */
  get atomicBlocks(): string {
    return this.openBlocks.join('.');
  }
  /** Where every statement lowered into this unit is written, even one that emits nothing (source coverage). */
  readonly lowered: Loc[] = [];

  constructor(readonly unit: string) {}

  newReg(name: string, t: CType): Reg {
    const [lo, hi] = t.kind === 'int' ? [t.lo, t.hi] : t.kind === 'enum' ? [Math.min(...t.values), Math.max(...t.values)] : [0, 255];
    const r: Reg = { id: this.regs.length, name, lo, hi, cpuValued: false };
    this.regs.push(r);
    return r;
  }

  temp(t: CType): Reg {
    return this.newReg(`${this.currentFn()}.t${this.regs.length}`, t);
  }

  /** The inlined call chain, innermost first: `csd_lock_wait <- smp_call_function_many_cond`. */
  chain(): string {
    // Computed once per call depth change: every instruction asks for it.
    this.chainMemo ??= [...this.frames].reverse().map((f) => f.fn).concat(this.unit).join(' <- ');
    return this.chainMemo;
  }

  private chainMemo: string | undefined;

  currentFn(): string {
    return this.frames.at(-1)?.fn ?? this.unit;
  }

  get instrs(): Instr[] {
    return this.buf.instrs;
  }

  emit(i: Instr): number {
    this.buf.instrs.push(i.inFn === undefined ? { ...i, inFn: this.currentFn(), chain: this.chain(), sites: this.frames.map((f) => f.callLoc) } : i);
    return this.buf.instrs.length - 1;
  }

  /** Runs `f` emitting into a buffer of its own; returns that code (targets resolved) and f's result. */
  capture<T>(f: () => T): { instrs: Instr[]; result: T } {
    const outer = this.buf;
    this.buf = { instrs: [], fixups: [] };
    try {
      const result = f();
      return { instrs: this.finish(), result };
    } finally {
      this.buf = outer;
    }
  }

  label(): Label {
    return { at: -1 };
  }

  /** Places a label at the next instruction. */
  place(l: Label): void {
    l.at = this.buf.instrs.length;
  }

  /** A jump or branch whose targets are resolved once the labels are placed. */
  jump(to: Label, loc: Loc, text = ''): void {
    const idx = this.emit({ op: 'jmp', t: -1, loc, text });
    this.buf.fixups.push({ idx, labels: [to] });
  }

  branch(cond: Val, t: Label, f: Label, loc: Loc, text: string): void {
    const idx = this.emit({ op: 'br', cond, t: -1, f: -1, loc, text });
    this.buf.fixups.push({ idx, labels: [t, f] });
  }

  /** Resolves jump targets; every label must have been placed. */
  finish(): Instr[] {
    const instrs = this.buf.instrs;
    for (const { idx, labels } of this.buf.fixups) {
      const i = instrs[idx]!;
      const at = labels.map((l) => {
        if (l.at < 0) throw new Error(`${this.unit}: a label was never placed`);
        return l.at;
      });
      if (i.op === 'jmp') instrs[idx] = { ...i, t: at[0]! };
      else if (i.op === 'br') instrs[idx] = { ...i, t: at[0]!, f: at[1]! };
    }
    this.buf.fixups.length = 0;
    return instrs;
  }

  pushScope(): void {
    this.scopes.push(new Map());
  }

  popScope(): void {
    this.scopes.pop();
  }

  declare(name: string, local: Local, loc: Loc): void {
    const top = this.scopes.at(-1)!;
    if (top.has(name)) throw new CError(loc, `'${name}' is declared twice in this scope`);
    top.set(name, local);
  }

  lookup(name: string): Local | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const l = this.scopes[i]!.get(name);
      if (l !== undefined) return l;
    }
    return undefined;
  }

  /** Enters an inlined call: a fresh scope that sees no caller locals. */
  enterCall(frame: Frame, loc: Loc): Map<string, Local>[] {
    if (this.frames.some((f) => f.fn === frame.fn)) {
      const chain = [...this.frames.map((f) => f.fn), frame.fn].join(' -> ');
      throw new CError(loc, `recursion is not supported (${chain}): every call is inlined`);
    }
    if (this.frames.length >= 64) throw new CError(loc, 'calls nested more than 64 deep');
    this.frames.push(frame);
    this.chainMemo = undefined;
    const saved = this.scopes.splice(0, this.scopes.length, new Map());
    return saved;
  }

  leaveCall(saved: Map<string, Local>[]): void {
    this.frames.pop();
    this.chainMemo = undefined;
    this.scopes.splice(0, this.scopes.length, ...saved);
  }

  pushLoop(brk: Label, cont: Label | null): void {
    this.loops.push({ brk, cont, atomicDepth: this.atomicDepth });
  }

  popLoop(): void {
    this.loops.pop();
  }

  /** Where `break` goes, and the atomic blocks open there. */
  breakTarget(loc: Loc): { readonly to: Label; readonly atomicDepth: number } {
    const l = this.loops.at(-1);
    if (l === undefined) throw new CError(loc, "'break' outside a loop or switch");
    return { to: l.brk, atomicDepth: l.atomicDepth };
  }

  /** Where `continue` goes, and the atomic blocks open there. */
  continueTarget(loc: Loc): { readonly to: Label; readonly atomicDepth: number } {
    for (let i = this.loops.length - 1; i >= 0; i--) {
      const c = this.loops[i]!.cont;
      if (c !== null) return { to: c, atomicDepth: this.loops[i]!.atomicDepth };
    }
    throw new CError(loc, "'continue' outside a loop");
  }

  /**
   * A jump (`return`, `break`, `continue`) to code where `depth` atomic blocks are open: it
   * leaves the blocks opened since, as C leaves a block it jumps out of, so each ends here on
   * this path (the path that falls through ends them where they close).
   */
  jumpOut(to: Label, depth: number, loc: Loc, text: string): void {
    for (let d = this.atomicDepth; d > depth; d--) this.emit({ op: 'atomic-end', loc, text: '' });
    // From code run outside suspended blocks (a changed statement) back into them: they start again there.
    for (let d = this.atomicDepth; d < depth; d++) {
      if (this.reopen === null) throw new Error(`jump into ${depth} atomic blocks from ${this.atomicDepth}, none suspended`);
      this.reopen(d, loc);
    }
    this.jump(to, loc, text);
  }

  /** Loop stack depth, so that an inlined function's loops do not see the caller's. */
  saveLoops(): Loop[] {
    return this.loops.splice(0, this.loops.length);
  }

  restoreLoops(saved: Loop[]): void {
    this.loops.splice(0, this.loops.length, ...saved);
  }
}
