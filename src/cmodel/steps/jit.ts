/**
 * A step's code as one JavaScript function: the step loop of ./interpret.ts with the
 * instructions written out in a `switch` on the instruction index, registers and constants
 * read and written in place, memory read and written in place under sc, and everything else
 * (memory under tso/weak, hardware actions, waits, read-modify-writes) a call of the
 * instruction's closure from ../exec/codegen.ts at a call site of its own (a site that always
 * calls one closure, which the JIT can inline). It does what the interpreter does, step for
 * step (./interpret.ts has the rules); ./tiered.ts runs a step here once it is hot.
 *
 * The source is built from a fixed template; model text never enters it (names are indices,
 * constants are numbers), so `new Function` runs no code the reviewer wrote.
 */
import type { Instr, Reg, Val } from '../ir.js';
import { encoderOf, storedSigned } from '../types.js';
import type { Frame } from '../exec/frame.js';
import { resolveAddr, type Resolved } from '../exec/locations.js';
import type { RegShape } from '../build/registers.js';
import { match } from 'ts-pattern';
import { BLOCKING_OPS, type StepCode } from './interpret.js';

export interface JitInput extends StepCode {
  readonly shape: (r: Reg) => RegShape;
  /** A value out of a register's domain. */
  readonly outOfDomain: (x: Frame) => void;
}

/** Runs a step from its first instruction to the next step boundary: the step index, -1 (finished) or -2 (blocked). */
export type ExecStep = (x: Frame) => number;

/**
 * Compiles steps of one unit on demand: `step(start, instrs)` is the function of the step that
 * starts at `start`, holding only `instrs` (./unit.ts stepInstructions), a small function the
 * JIT optimises quickly (one function of a whole unit, thousands of instructions in the
 * committed models, was slow to). Should a step ever reach an instruction outside its list, it
 * goes on in a function of the whole unit from there (made then: same semantics, only slower).
 */
export function unitCompiler(j: JitInput): { readonly step: (start: number, instrs: readonly number[]) => ExecStep } {
  let wholeFn: Whole | undefined;
  const whole: Whole = (x, start, i, depth, vis, budget) => {
    wholeFn ??= generate<Whole>(
      j.instrs.map((_, k) => k),
      (loop) => ['return function (x, start, i, depth, vis, budget) {', ...loop("throw new Error('a step went to instruction ' + i);"), '};'],
    );
    return wholeFn(x, start, i, depth, vis, budget);
  };
  return {
    step: (start, instrs) =>
      generate<ExecStep>(instrs, (loop) => [
        'return function (x) {',
        `  const start = ${start}; let i = ${start}, depth = 0, vis = false, budget = ${j.budget};`,
        ...loop('return whole(x, start, i, depth, vis, budget);'),
        '};',
      ]),
  };

  /** A function over the cases of `list` (ascending instruction indices); `shape` wraps the step loop. */
  function generate<T>(list: readonly number[], shape: (loop: (otherwise: string) => string[]) => string[]): T {
    const e = new Emitter(j);
    const cases = list.map((k, m) => caseOf(e, k, list[m + 1]));
    const finish = e.finish();
    const loop = (otherwise: string): string[] => [
      `  const s = x.s; const sc = x.scratch; const rb = ${j.cpuBase} + x.task * ${j.cpuSize}; let v = 0;`,
      '  for (;;) {',
      '    switch (i) {',
      ...cases.map((c) => `      ${c}`),
      `      case -1: ${j.loop ? 'if (--budget === 0) tooLong(start); i = 0; continue;' : finish}`,
      `      default: if (i >= ${j.instrs.length}) ${finish} ${otherwise}`,
      '    }',
      '  }',
    ];
    const src = shape(loop).join('\n');
    const names = e.consts.map((_, k) => `k${k}`);
    const make = new Function('mem', 'ood', 'violate', 'tooLong', 'tr', 'whole', ...names, src) as (...args: unknown[]) => T;
    return make(j.cg.mem, j.outOfDomain, j.cg.violate, j.tooLong, j.trace, whole, ...e.consts);
  }
}

/** Source text for one generated function: its constants (closures, buffers) bound by name. */
class Emitter {
  readonly consts: unknown[] = [];
  constructor(readonly j: JitInput) {}

  /** A name for a value the code uses (`k3`). */
  bind(v: unknown): string {
    this.consts.push(v);
    return `k${this.consts.length - 1}`;
  }

  val(v: Val): string {
    return v.k === 'c' ? `(${numberText(v.v)})` : read(this.j.shape(v.r));
  }

  /** `r = expr`, refused (value-in-domain) where the value is outside the register's range. */
  write(r: Reg, expr: string): string {
    return match(this.j.shape(r))
      .with({ k: 'self' }, () => `${expr};`)
      .with({ k: 'scratch' }, ({ id, lo, hi }) => `v = ${expr}; if (v < ${lo} || v > ${hi} || !Number.isInteger(v)) ood(x); else sc[${id}] = v;`)
      .with({ k: 'field' }, ({ field, lo, hi }) => {
        const range = lo >= 0 ? 'v > 255' : 'v < -128 || v > 127';
        return `v = ${expr}; if (v < ${lo} || v > ${hi} || !Number.isInteger(v) || ${range}) ood(x); else s[rb + ${field}] = v & 0xff;`;
      })
      .exhaustive();
  }

  clear(fields: Int32Array): string {
    return Array.from(fields, (f) => `s[rb + ${f}] = 0; `).join('');
  }

  /** The unit has finished: its registers are cleared. */
  finish(): string {
    return `{ ${this.clear(this.j.all)}return -1; }`;
  }

  /** A location's byte as an expression: in place where it is fixed, else its resolver's call. */
  offset(r: Resolved): string {
    const f = r.fixed;
    if (f === undefined) return `${this.bind(r.offset)}(x)`;
    return match(f)
      .with({ k: 'state' }, ({ at }) => `${at}`)
      .with({ k: 'own-cpu' }, ({ at0, cpuSize }) => `(${at0} + x.cpu * ${cpuSize})`)
      .exhaustive();
  }
}

/** Instruction k's case (`next`: the instruction of the case after it): the step boundary test if a step starts there, then the instruction. */
function caseOf(e: Emitter, k: number, next: number | undefined): string {
  const j = e.j;
  const ins = j.instrs[k]!;
  const out: string[] = [`case ${k}:`];
  const step = j.stepAt[k]!;
  if (step >= 0) out.push(`if (depth === 0 && vis) { ${e.clear(j.dead[step]!)}return ${step}; }`);
  if (j.nesting[k] !== 0) out.push(`depth += ${j.nesting[k]};`);
  if (j.visible[k] === 1) out.push('vis = true;');
  if (j.trace !== undefined) out.push(`tr(${k});`);
  out.push(instructionCode(e, ins, k));
  // A case that does not end in a jump goes on to the next instruction: by falling through
  // when that is the next case here, else explicitly.
  const jumps = ins.op === 'br' || ins.op === 'jmp' || ins.op === 'end';
  if (!jumps && next !== k + 1) out.push(`i = ${k + 1}; continue;`);
  return out.join(' ');
}

/** What instruction k does, as it would through its closure (../exec/codegen.ts). */
function instructionCode(e: Emitter, ins: Instr, k: number): string {
  const j = e.j;
  const back = (target: string): string => `if (${target} <= ${k} && --budget === 0) tooLong(start);`;
  switch (ins.op) {
    case 'set': {
      const f = e.bind(ins.fn);
      const a = e.bind(new Array<number>(ins.args.length).fill(0));
      const fill = ins.args.map((x, m) => `${a}[${m}] = ${e.val(x)};`).join(' ');
      return `${fill} ${e.write(ins.dst, `${f}(${a})`)}`;
    }
    case 'cpuid':
      return e.write(ins.dst, ins.task === true ? 'x.task' : 'x.cpu');
    case 'br':
      return `i = ${e.val(ins.cond)} !== 0 ? ${ins.t} : ${ins.f}; ${back('i')} continue;`;
    case 'jmp':
      return `i = ${ins.t}; ${back('i')} continue;`;
    case 'load': {
      const r = resolveAddr(j.cg.locs, ins.addr);
      const byte = j.cg.mem.direct === true ? `s[${e.offset(r)}]` : `mem.load(x, ${e.offset(r)}, ${JSON.stringify(ins.kind)})`;
      return e.write(ins.dst, storedSigned(r.type) ? `((${byte} << 24) >> 24)` : byte);
    }
    case 'store': {
      // As ../exec/codegen.ts: the address first, then the value, which must fit the type.
      const r = resolveAddr(j.cg.locs, ins.addr);
      const enc = e.bind(encoderOf(r.type));
      const put = (b: string): string => (j.cg.mem.direct === true ? `s[o] = ${b};` : `mem.store(x, o, ${b}, ${JSON.stringify(ins.kind)});`);
      const domain = j.cg.faultProperty('value-in-domain');
      return `{ const o = ${e.offset(r)}; const b = ${enc}(${e.val(ins.val)}); if (b === null) { violate(x, ${domain}); ${put('0')} } else { ${put('b')} } }`;
    }
    case 'assert':
      return `if (${e.val(ins.cond)} !== 0) violate(x, ${ins.property});`;
    case 'atomic-begin':
    case 'atomic-end':
      return '';
    case 'end':
      return 'i = -1; continue;';
    default: {
      const c = e.bind(j.code[k]!);
      return `${c}(x);${BLOCKING_OPS.has(ins.op) ? ' if (x.blocked) return -2;' : ''}`;
    }
  }
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
