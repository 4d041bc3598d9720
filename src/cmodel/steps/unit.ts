/**
 * A code unit's atomic steps. A step starts at the unit's entry, at each instruction other
 * CPUs (or this CPU's interrupts and hardware) can observe, and at each atomic block; it runs
 * that instruction (or block) and then every register-only instruction after it, up to the
 * next observable one. A step whose run may block (a wait, a blocking hardware action) is
 * enabled exactly in the states where it can run to its end.
 */
import type { Loc } from '../../c/ast.js';
import type { State, StepTag } from '../../core/model.js';
import { StepBlocked } from '../../core/step-blocked.js';
import { CError } from '../../c/error.js';
import type { Instr, Reg } from '../ir.js';
import { compileInstr, runNested, type CodegenContext, type Exec } from '../exec/codegen.js';
import { ModelRuntimeError, type Frame } from '../exec/frame.js';
import { liveIn } from './liveness.js';
import type { JitInput } from './jit.js';
import { tieredSteps } from './tiered.js';
import type { RegShape } from '../build/registers.js';

export interface CodeUnit {
  /** `gup_fast`, `IRQ: generic_smp_call_function_interrupt`. */
  readonly name: string;
  readonly instrs: readonly Instr[];
  readonly regs: readonly Reg[];
  /** Starts over after its end (a looping role), rather than finishing. */
  readonly loop: boolean;
  readonly labelsAt: ReadonlyMap<number, string>;
  /** Where each statement lowered into the unit is written (source coverage). */
  readonly lowered?: readonly Loc[];
}

export interface UnitPlan {
  readonly unit: CodeUnit;
  /** Instruction index of each step's start, in order (step k starts at starts[k]). */
  readonly starts: readonly number[];
  readonly stepOfInstr: ReadonlyMap<number, number>;
  /** Registers live at some step boundary: they get state fields. */
  readonly persisted: readonly Reg[];
  readonly liveAt: readonly Set<number>[];
  /** Steps a looping unit can be at between iterations (its head). */
  readonly heads: readonly number[];
  /** Observable: a step that ran it ends at the next step start (a one-sided boundary is not). */
  readonly visible: (i: number) => boolean;
}

export const MAX_STEPS_PER_UNIT = 250;

/**
 * An instruction with a step boundary on one side only (../build/tasks.ts, `preemptBoundary`):
 * `opens`, a boundary before it and none after (the step goes on through the next observable
 * instruction); `closes`, none before it (it joins the step before) and the boundary after it
 * where the next observable instruction starts its step. Neither is observable itself. An
 * `opens` whose step could block keeps its boundary after it as well: a wait must be able to
 * stop after it, in the state it left (a task that disabled preemption and waits cannot be
 * preempted while it waits; before it, it could).
 */
export type OneSidedBoundary = 'opens' | 'closes';

export interface OneSided {
  readonly side: (i: Instr) => OneSidedBoundary | undefined;
  /** It may wait (../build/assemble.ts). */
  readonly blocking: (i: Instr) => boolean;
}

/** Step starts: the entry, observable instructions and `opens` ones, atomic blocks (outermost). */
function stepStarts(instrs: readonly Instr[], depth: Int32Array, boundary: readonly boolean[]): number[] {
  const starts: number[] = [0];
  instrs.forEach((i, k) => {
    if (k !== 0 && depth[k] === 0 && (i.op === 'atomic-begin' || boundary[k])) starts.push(k);
  });
  return starts;
}

export function planUnit(unit: CodeUnit, isVisible: (i: Instr) => boolean, oneSided?: OneSided): UnitPlan {
  const instrs = unit.instrs;
  const sides = instrs.map((i) => (isVisible(i) && oneSided !== undefined ? oneSided.side(i) : undefined));
  const visible = instrs.map((i, k) => isVisible(i) && sides[k] === undefined);
  const boundary = instrs.map((_, k) => visible[k] === true || sides[k] === 'opens');
  const depth = atomicDepths(unit);
  let starts = stepStarts(instrs, depth, boundary);
  let stepOfInstr = new Map(starts.map((s, k) => [s, k]));
  // An `opens` whose step could block becomes an observable instruction; again until none is left.
  for (let changed = oneSided !== undefined; changed; ) {
    changed = false;
    const draft: UnitPlan = { unit, starts, stepOfInstr, persisted: [], liveAt: [], heads: [], visible: (i) => visible[i] === true };
    for (let k = 0; k < instrs.length; k++) {
      if (sides[k] !== 'opens' || !walkStep(draft, k, oneSided!.blocking, () => {})) continue;
      sides[k] = undefined;
      visible[k] = true;
      changed = true;
      break;
    }
    starts = stepStarts(instrs, depth, boundary);
    stepOfInstr = new Map(starts.map((s, k) => [s, k]));
  }
  if (starts.length > MAX_STEPS_PER_UNIT) {
    throw new CError(instrs[starts[MAX_STEPS_PER_UNIT]!]!.loc, `${unit.name} has more than ${MAX_STEPS_PER_UNIT} steps: split the role or mark blocks atomic`);
  }
  const live = liveIn(instrs, unit.loop);
  const persistedIds = new Set<number>();
  for (const s of starts) for (const r of live[s]!) persistedIds.add(r);
  // A register holding the CPU's own number is never stored: it is always x.cpu (./build/registers.ts).
  const persisted = unit.regs.filter((r) => persistedIds.has(r.id) && r.selfId !== true);
  const heads = unit.loop ? headsOf(instrs, boundary, stepOfInstr) : [0];
  return { unit, starts, stepOfInstr, persisted, liveAt: live, heads, visible: (i) => visible[i] === true };
}

/**
 * How many atomic blocks are open at each instruction, along the paths that reach it (-1 where
 * none does). A jump out of a block (`return`, `break`) ends the block on its own path, so every
 * path must reach an instruction with the same blocks open, and none may end the unit with one
 * open; the compiler refuses a unit where that fails rather than let a block run on past its end.
 */
export function atomicDepths(unit: CodeUnit): Int32Array {
  const instrs = unit.instrs;
  const depth = new Int32Array(instrs.length).fill(-1);
  const todo: [number, number][] = [[0, 0]];
  while (todo.length > 0) {
    const [k, d] = todo.pop()!;
    if (k < 0 || k >= instrs.length) continue;
    const i = instrs[k]!;
    if (depth[k] === d) continue;
    if (depth[k] !== -1) throw new CError(i.loc, `${unit.name}: an __atomic_block is open on one path to this statement and not on another`);
    depth[k] = d;
    const after = i.op === 'atomic-begin' ? d + 1 : i.op === 'atomic-end' ? d - 1 : d;
    if (after < 0) throw new CError(i.loc, `${unit.name}: an __atomic_block ends that was not open`);
    if (i.op === 'br') todo.push([i.t, after], [i.f, after]);
    else if (i.op === 'jmp') todo.push([i.t, after]);
    else if (i.op === 'end') {
      if (after !== 0) throw new CError(i.loc, `${unit.name}: returns with an __atomic_block open`);
      if (unit.loop) todo.push([0, 0]);
    } else todo.push([k + 1, after]);
  }
  return depth;
}

/**
 * For each step, the steps it can end at (the next step its run returns): found by running
 * its code symbolically, as `exec` does, to the next step start after an observable
 * instruction outside atomic blocks. A finished non-looping unit ends at no step.
 */
export function stepSuccessors(plan: UnitPlan): number[][] {
  return plan.starts.map((start) => {
    const out = new Set<number>();
    walkStep(plan, start, () => false, (next) => out.add(next));
    return [...out];
  });
}

/**
 * Every instruction a step can run from `start`, on every path, up to the start of the next
 * step (`atNext` gets its index); stops early and returns true as soon as `visit` does.
 */
function walkStep(plan: UnitPlan, start: number, visit: (i: Instr, k: number) => boolean, atNext: (step: number) => void): boolean {
  const instrs = plan.unit.instrs;
  const seen = new Set<string>();
  const todo: [number, boolean, number][] = [[start, false, 0]];
  while (todo.length > 0) {
    const [k0, seenVisible, depth] = todo.pop()!;
    const k = k0 >= instrs.length && plan.unit.loop ? 0 : k0;
    const key = `${k}:${seenVisible ? 1 : 0}:${depth}`;
    if (seen.has(key) || k < 0 || k >= instrs.length) continue;
    seen.add(key);
    if (depth === 0 && seenVisible && plan.stepOfInstr.has(k)) {
      atNext(plan.stepOfInstr.get(k)!);
      continue;
    }
    const i = instrs[k]!;
    if (visit(i, k)) return true;
    const d = i.op === 'atomic-begin' ? depth + 1 : i.op === 'atomic-end' ? depth - 1 : depth;
    const sv = seenVisible || plan.visible(k) || i.op === 'atomic-begin';
    if (i.op === 'br') todo.push([i.t, sv, d], [i.f, sv, d]);
    else if (i.op === 'jmp') todo.push([i.t, sv, d]);
    else if (i.op === 'end') {
      if (plan.unit.loop) todo.push([0, sv, d]);
    } else todo.push([k + 1, sv, d]);
  }
  return false;
}

/**
 * The instructions a step may run from `start` and the first instructions of the steps it may
 * end at (where it stops), ascending: what its generated function holds (./jit.ts).
 */
export function stepInstructions(plan: UnitPlan, start: number): number[] {
  const out = new Set<number>();
  walkStep(
    plan,
    start,
    (_i, k) => {
      out.add(k);
      return false;
    },
    (next) => out.add(plan.starts[next]!),
  );
  return [...out].sort((a, b) => a - b);
}

/** The steps reached from the unit's first instruction through register-only instructions. */
function headsOf(instrs: readonly Instr[], boundary: readonly boolean[], stepOf: ReadonlyMap<number, number>): number[] {
  const out = new Set<number>([0]);
  const seen = new Set<number>();
  const go = (k: number): void => {
    if (seen.has(k) || k < 0 || k >= instrs.length) return;
    seen.add(k);
    const i = instrs[k]!;
    if (k !== 0 && (boundary[k] || i.op === 'atomic-begin')) {
      out.add(stepOf.get(k)!);
      return;
    }
    if (i.op === 'br') {
      go(i.t);
      go(i.f);
    } else if (i.op === 'jmp') go(i.t);
    else if (i.op !== 'end') go(k + 1);
  };
  go(0);
  return [...out].sort((a, b) => a - b);
}

export interface BuiltStep {
  readonly start: number;
  /** What the step is for (mutation testing picks steps by tag), from its instructions. */
  readonly tags: readonly StepTag[];
  readonly ipi?: 'send';
  readonly name: string;
  readonly source: string;
  readonly text: (s: State, cpu: number) => string;
  readonly guard: ((s: State, cpu: number) => boolean) | undefined;
  /** The guard run on `s` itself, which it may write (a tracing view: Step.enabledOnView). */
  readonly guardOnView: ((s: State, cpu: number) => boolean) | undefined;
  /** Runs the step; returns the next step index, or -1 when the unit finished. */
  readonly run: (s: State, cpu: number) => number;
}

export interface StepBuildContext {
  readonly cg: CodegenContext;
  readonly frame: Frame;
  /** Fields (CPU-block offsets) of the persisted registers that are dead at each start. */
  readonly deadFields: (start: number) => readonly number[];
  /** Fields of every persisted register: all dead once the unit has finished. */
  readonly allFields: readonly number[];
  readonly cpuBase: number;
  readonly cpuSize: number;
  readonly stateSize: number;
  /** Describes the state a step is about to act on, for its text (loaded values...). */
  readonly describe: (i: Instr, x: Frame) => string;
  readonly blocking: (i: Instr) => boolean;
  /** Called with each instruction's index as it runs (source coverage; guards' trial runs too). */
  readonly trace?: (instr: number) => void;
  /**
   * For a task's code (../build/tasks.ts): the CPU the task `actor` runs on in state `s`; its
   * registers stay in its own block. Without it, the actor is the CPU.
   */
  readonly cpuOf?: (s: State, actor: number) => number;
  /** Where each register lives (the unit's generated code reads and writes them in place). */
  readonly shape: (r: Reg) => RegShape;
  /** A value out of a register's domain. */
  readonly outOfDomain: (x: Frame) => void;
  /** Runs of a step before it runs as generated code (default HOT_STEP). */
  readonly hotStep?: number;
}

/** Backward jumps (loop iterations) one step may take before its loop is called endless. */
const MAX_JUMPS_PER_STEP = 100_000;
/** Runs of a step before it runs as generated code. */
export const HOT_STEP = 100;

export function buildUnitSteps(plan: UnitPlan, bx: StepBuildContext): BuiltStep[] {
  const { instrs } = plan.unit;
  const nestedCache = new Map<readonly Instr[], (x: Frame) => void>();
  const nested = (code: readonly Instr[]): ((x: Frame) => void) => {
    let f = nestedCache.get(code);
    if (f === undefined) {
      const closures = code.map((c, k) => compileInstr(bx.cg, c, k, nested));
      f = (x) => runNested(closures, x);
      nestedCache.set(code, f);
    }
    return f;
  };
  const code: Exec[] = instrs.map((i, k) => compileInstr(bx.cg, i, k, nested));
  /** The step that starts at each instruction, or -1. */
  const stepAt = new Int32Array(instrs.length).fill(-1);
  plan.starts.forEach((s, k) => (stepAt[s] = k));
  const visible = Uint8Array.from(instrs, (_, k) => (plan.visible(k) || instrs[k]!.op === 'atomic-begin' ? 1 : 0));
  /** +1 at an atomic block's start, -1 at its end, 0 elsewhere. */
  const nesting = Int8Array.from(instrs, (i) => (i.op === 'atomic-begin' ? 1 : i.op === 'atomic-end' ? -1 : 0));
  const loop = plan.unit.loop;
  const dead = plan.starts.map((s) => Int32Array.from(bx.deadFields(s)));
  const all = Int32Array.from(bx.allFields);
  const x = bx.frame;
  const spec = new Uint8Array(bx.stateSize);
  const cpuOf = bx.cpuOf;
  /** Points the frame at `s` and at the actor's CPU and registers. */
  const enter = (s: State, actor: number): void => {
    x.s = s;
    x.task = actor;
    x.cpu = cpuOf === undefined ? actor : cpuOf(s, actor);
  };
  const tooLong = (start: number): never => {
    throw new ModelRuntimeError(`${locText(instrs[start]!.loc)}: ${plan.unit.name}: a loop with no shared access does not end`);
  };
  const sc: JitInput = {
    instrs,
    code,
    stepAt,
    visible,
    nesting,
    loop,
    dead,
    all,
    cpuBase: bx.cpuBase,
    cpuSize: bx.cpuSize,
    cg: bx.cg,
    shape: bx.shape,
    outOfDomain: bx.outOfDomain,
    tooLong,
    budget: MAX_JUMPS_PER_STEP,
    ...(bx.trace === undefined ? {} : { trace: bx.trace }),
  };
  const runStep = tieredSteps(sc, plan.starts, (start) => stepInstructions(plan, start), x, bx.hotStep ?? HOT_STEP);

  /** Runs step `k` to the next step boundary; returns the step index, -1 (finished) or -2 (blocked). */
  const exec = (k: number): number => {
    if (x.sbSpill.length !== 0) x.sbSpill.length = 0;
    const r = runStep(k);
    if (r !== -2) bx.cg.mem.endStep(x);
    return r;
  };

  return plan.starts.map((start, k) => {
    const canBlock = groupCanBlock(plan, start, bx.blocking);
    const first = firstVisible(plan, start);
    const ins = instrs[first]!;
    // Whether the step would block: run it on `s` itself (a tracing view, which drops the writes).
    const guardOnView = canBlock
      ? (s: State, cpu: number): boolean => {
          enter(s, cpu);
          x.blocked = false;
          const r = exec(k);
          x.blocked = false;
          return r !== -2;
        }
      : undefined;
    // The same on a scratch copy, for states the search keeps.
    const guard =
      guardOnView === undefined
        ? undefined
        : (s: State, cpu: number): boolean => {
            spec.set(s);
            return guardOnView(spec, cpu);
          };
    const { tags, sendsIpi } = stepTags(plan, start);
    return {
      start,
      tags,
      ...(sendsIpi ? { ipi: 'send' as const } : {}),
      name: stepName(plan.unit, ins),
      source: `${locText(ins.loc)} ${ins.chain ?? plan.unit.name}`,
      text: (s: State, cpu: number) => {
        enter(s, cpu);
        const at = instrs[first]!;
        // An atomic block is drawn by its label: the words before the ':' of its reason.
        if (at.op === 'atomic-begin') return `${at.inFn ?? plan.unit.name}() ${lineOf(at.loc)}: ${at.reason.split(':')[0]!.trim()}${at.resumed === true ? ' (resumed)' : ''}`;
        return `${ins.inFn ?? plan.unit.name}() ${lineOf(ins.loc)}: ${ins.text}${bx.describe(ins, x)}`;
      },
      guard,
      guardOnView,
      run: (s: State, cpu: number) => {
        enter(s, cpu);
        x.blocked = false;
        const r = exec(k);
        if (r === -2) throw new StepBlocked(`${locText(ins.loc)}: a step ran while blocked`);
        return r;
      },
    };
  });
}

function locText(l: Loc): string {
  return `${l.file}:${l.line}`;
}

/** The instruction that names a step: its first observable one (or its start). */
function firstVisible(plan: UnitPlan, start: number): number {
  const instrs = plan.unit.instrs;
  for (let i = start; i < instrs.length; i++) {
    if (plan.visible(i) || instrs[i]!.op === 'end' || instrs[i]!.op === 'atomic-begin') return i;
    const ins = instrs[i]!;
    if (ins.op === 'jmp' || ins.op === 'br') return start;
  }
  return start;
}

/** Could the instructions this step runs block? Follows every path to the step's end. */
function groupCanBlock(plan: UnitPlan, start: number, blocking: (i: Instr) => boolean): boolean {
  return walkStep(plan, start, blocking, () => {});
}

/** Tags from the instructions a step runs up to the next step (its atomic block included). */
function stepTags(plan: UnitPlan, start: number): { tags: StepTag[]; sendsIpi: boolean } {
  const instrs = plan.unit.instrs;
  const tags = new Set<StepTag>();
  let sendsIpi = false;
  let depth = 0;
  for (let k = start; k < instrs.length; k++) {
    if (k !== start && depth === 0 && plan.stepOfInstr.has(k)) break;
    const i = instrs[k]!;
    if (i.op === 'atomic-begin') depth++;
    if (i.op === 'atomic-end') depth--;
    for (const t of tagsOf(i)) tags.add(t);
    if (i.op === 'hw' && (i.name === 'ipi_send_mask' || i.name === 'ipi_send_one')) sendsIpi = true;
    if (i.op === 'jmp' || i.op === 'br' || i.op === 'end') {
      if (depth === 0) break;
    }
  }
  return { tags: [...tags], sendsIpi };
}

const FLUSH_OPS = new Set(['flush_tlb_local', 'flush_tlb_all', '__flush_tlb_mask', '__flush_tlb_broadcast', 'load_cr3', 'load_cr3_noflush']);
const RETIRE_OPS = new Set(['__pt_free', '__pt_deposit', '__pt_give_to_other_mm']);

function tagsOf(i: Instr): StepTag[] {
  switch (i.op) {
    case 'wait':
      return ['sync'];
    case 'fence':
      return ['barrier'];
    case 'store':
      return ['publish'];
    case 'rmw':
      return i.order === 'full' ? ['barrier', 'publish'] : ['publish'];
    case 'load':
      return ['critical'];
    case 'hw':
      if (FLUSH_OPS.has(i.name)) return ['flush'];
      if (RETIRE_OPS.has(i.name)) return ['retire'];
      if (i.name === 'ipi_send_mask' || i.name === 'ipi_send_one' || i.name === '__rcu_gp_start' || i.name === '__rcu_gp_wait') return ['sync'];
      if (i.name === 'context_sync') return ['barrier'];
      return ['critical'];
    default:
      return [];
  }
}

/** `gup_fast:42`: the function the step's statement is in, and its line. */
function stepName(unit: CodeUnit, i: Instr): string {
  return `${i.inFn ?? unit.name}:${i.loc.line}`;
}

/** A step's place as a diagram shows it: the file's own name and the line (`smp.c:95`). */
function lineOf(loc: Loc): string {
  return `${loc.file.replace(/^.*[\\/]/, '')}:${loc.line}`;
}
