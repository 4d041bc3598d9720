/**
 * A unit's code as one JavaScript function: the step loop of ./unit.ts (`execFrom`) with the
 * instructions written out in a `switch` on the instruction index, registers and constants
 * read and written in place, and everything else (memory through the memory model, hardware
 * actions, waits, read-modify-writes) a call of the instruction's closure from ../exec/codegen.ts
 * at a call site of its own (a site that always calls one closure, which the JIT can inline;
 * the loop over closures this replaces was one site calling all of them). A step ends where the
 * next one starts (outside atomic blocks, once it has done something another CPU can see), the
 * registers dead at that start are cleared, a finished unit clears all of its registers, a
 * value out of a register's domain is a violation, and a register-only loop that runs more
 * than `budget` rounds in one step is an endless loop (a model error). With source coverage
 * (src/mutate/c/coverage.ts) each instruction reports its index as it runs.
 *
 * The source is built from a fixed template; model text never enters it (names are indices,
 * constants are numbers), so `new Function` runs no code the reviewer wrote.
 */
import type { Instr, Reg, Val } from '../ir.js';
import { decoderOf } from '../types.js';
import type { CodegenContext, Exec } from '../exec/codegen.js';
import type { Frame } from '../exec/frame.js';
import { resolveAddr } from '../exec/locations.js';
import type { RegShape } from '../build/registers.js';
import { match } from 'ts-pattern';

export interface JitInput {
  readonly instrs: readonly Instr[];
  /** Each instruction's closure (called for what is not written out). */
  readonly code: readonly Exec[];
  readonly stepAt: Int32Array;
  readonly visible: Uint8Array;
  readonly nesting: Int8Array;
  readonly loop: boolean;
  /** Block offsets of the registers dead at each step's start; of every register. */
  readonly dead: readonly Int32Array[];
  readonly all: Int32Array;
  readonly cpuBase: number;
  readonly cpuSize: number;
  readonly cg: CodegenContext;
  readonly shape: (r: Reg) => RegShape;
  /** A value out of a register's domain. */
  readonly outOfDomain: (x: Frame) => void;
  /** A register-only loop that does not end (from the step starting at `start`). */
  readonly tooLong: (start: number) => never;
  /** Backward jumps one step may take. */
  readonly budget: number;
  /** Called with each instruction's index as it runs (source coverage). */
  readonly trace?: (instr: number) => void;
}

/** Runs a step from its first instruction to the next step boundary: the step index, -1 (finished) or -2 (blocked). */
export type ExecStep = (x: Frame) => number;

/** Instructions that may set `x.blocked` (a wait whose condition is false; a hardware action: ../exec/codegen.ts HwOp). */
const BLOCKING_OPS: ReadonlySet<Instr['op']> = new Set<Instr['op']>(['wait', 'hw']);

/**
 * One function per step (`steps[k]`: its first instruction and the instructions it may run,
 * ./unit.ts stepInstructions), each holding only its own instructions: small functions the JIT
 * optimises quickly, where one function of the whole unit (thousands of instructions in the
 * committed models) was slow to. Should a step ever reach an instruction outside its list, it
 * goes on in the whole unit's function from there (same semantics, only slower).
 */
export function compileUnit(j: JitInput, steps: readonly { readonly start: number; readonly instrs: readonly number[] }[]): ExecStep[] {
  const consts: unknown[] = [];
  const bind = (v: unknown): string => {
    consts.push(v);
    return `k${consts.length - 1}`;
  };
  const val = (v: Val): string => (v.k === 'c' ? `(${numberText(v.v)})` : read(j.shape(v.r)));
  const write = (r: Reg, expr: string): string =>
    match(j.shape(r))
      .with({ k: 'self' }, () => `${expr};`)
      .with({ k: 'scratch' }, ({ id, lo, hi }) => `v = ${expr}; if (v < ${lo} || v > ${hi} || !Number.isInteger(v)) ood(x); else sc[${id}] = v;`)
      .with({ k: 'field' }, ({ field, lo, hi }) => {
        const range = lo >= 0 ? 'v > 255' : 'v < -128 || v > 127';
        return `v = ${expr}; if (v < ${lo} || v > ${hi} || !Number.isInteger(v) || ${range}) ood(x); else s[rb + ${field}] = v & 0xff;`;
      })
      .exhaustive();
  const clear = (fields: Int32Array): string => Array.from(fields, (f) => `s[rb + ${f}] = 0; `).join('');
  const finish = `{ ${clear(j.all)}return -1; }`;
  const wrap = `case -1: ${j.loop ? 'if (--budget === 0) tooLong(start); i = 0; continue;' : finish}`;

  function body(ins: Instr, k: number): string {
    const back = (target: string): string => `if (${target} <= ${k} && --budget === 0) tooLong(start);`;
    switch (ins.op) {
      case 'set': {
        const f = bind(ins.fn);
        const a = bind(new Array<number>(ins.args.length).fill(0));
        const fill = ins.args.map((x, m) => `${a}[${m}] = ${val(x)};`).join(' ');
        return `${fill} ${write(ins.dst, `${f}(${a})`)}`;
      }
      case 'cpuid':
        return write(ins.dst, 'x.cpu');
      case 'br':
        return `i = ${val(ins.cond)} !== 0 ? ${ins.t} : ${ins.f}; ${back('i')} continue;`;
      case 'jmp':
        return `i = ${ins.t}; ${back('i')} continue;`;
      case 'load': {
        const r = resolveAddr(j.cg.locs, ins.addr);
        const off = bind(r.offset);
        const dec = bind(decoderOf(r.type));
        return write(ins.dst, `${dec}(mem.load(x, ${off}(x), ${JSON.stringify(ins.kind)}))`);
      }
      case 'assert':
        return `if (${val(ins.cond)} !== 0) violate(x, ${ins.property});`;
      case 'atomic-begin':
      case 'atomic-end':
        return '';
      case 'end':
        return 'i = -1; continue;';
      default: {
        const c = bind(j.code[k]!);
        return `${c}(x);${BLOCKING_OPS.has(ins.op) ? ' if (x.blocked) return -2;' : ''}`;
      }
    }
  }
  /** Instruction k's case: the step boundary test if a step starts there, then the instruction. */
  const caseOf = j.instrs.map((ins, k) => {
    const out: string[] = [`case ${k}:`];
    const step = j.stepAt[k]!;
    if (step >= 0) out.push(`if (depth === 0 && vis) { ${clear(j.dead[step]!)}return ${step}; }`);
    if (j.nesting[k] !== 0) out.push(`depth += ${j.nesting[k]};`);
    if (j.visible[k] === 1) out.push('vis = true;');
    if (j.trace !== undefined) out.push(`tr(${k});`);
    out.push(body(ins, k));
    return out.join(' ');
  });
  /** Whether a case ends by jumping (else it falls through to the next instruction). */
  const jumps = j.instrs.map((ins) => ins.op === 'br' || ins.op === 'jmp' || ins.op === 'end');
  const loop = (cases: readonly string[], otherwise: string): string[] => [
    '  for (;;) {',
    '    switch (i) {',
    ...cases.map((c) => `      ${c}`),
    `      ${wrap}`,
    `      default: ${otherwise}`,
    '    }',
    '  }',
  ];
  const prologue = `const s = x.s; const sc = x.scratch; const rb = ${j.cpuBase} + x.task * ${j.cpuSize}; let v = 0;`;
  const names = consts.map((_, k) => `k${k}`);
  const compile = <T>(src: string): T => {
    const make = new Function('mem', 'ood', 'violate', 'tooLong', 'tr', 'whole', ...names, src) as (...args: unknown[]) => T;
    return make(j.cg.mem, j.outOfDomain, j.cg.violate, j.tooLong, j.trace, whole, ...consts);
  };
  // The whole unit's function, made the first time a step strays (never, in the committed models).
  let wholeFn: Whole | undefined;
  function whole(x: Frame, start: number, i: number, depth: number, vis: boolean, budget: number): number {
    wholeFn ??= compile<Whole>(['return function (x, start, i, depth, vis, budget) {', `  ${prologue}`, ...loop(caseOf, finish), '};'].join('\n'));
    return wholeFn(x, start, i, depth, vis, budget);
  }
  const stepFns = steps.map(({ start, instrs }) => {
    const cases = instrs.map((k, m) => (jumps[k] || instrs[m + 1] === k + 1 ? caseOf[k]! : `${caseOf[k]!} i = ${k + 1}; continue;`));
    return [
      `function (x) {`,
      `  ${prologue}`,
      `  const start = ${start}; let i = ${start}, depth = 0, vis = false, budget = ${j.budget};`,
      ...loop(cases, 'return whole(x, start, i, depth, vis, budget);'),
      '}',
    ].join('\n');
  });
  return compile<ExecStep[]>(`return [${stepFns.join(',\n')}];`);
}

type Whole = (x: Frame, start: number, i: number, depth: number, vis: boolean, budget: number) => number;

function read(sh: RegShape): string {
  return match(sh)
    .with({ k: 'self' }, () => 'x.cpu')
    .with({ k: 'scratch' }, ({ id }) => `sc[${id}]`)
    .with({ k: 'field' }, ({ field, lo }) => (lo < 0 ? `((s[rb + ${field}] << 24) >> 24)` : `s[rb + ${field}]`))
    .exhaustive();
}

/** A constant as JavaScript source: a finite number, never model text. */
function numberText(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`jit: constant ${v} is not a finite number`);
  return Object.is(v, -0) ? '-0' : String(v);
}
