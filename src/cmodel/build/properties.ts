/**
 * The model's properties:
 * - always: each BUG_ON/WARN_ON text, each hardware hazard (`no-walker-reads-freed-table`...),
 *   and the built-in faults (a value outside its domain, an index out of bounds, a NULL
 *   dereference); the state records the first one violated;
 * - always, stated over the state: each ALWAYS, a predicate function of the same form as a
 *   witness's that must hold in every reachable state (for every CPU, if it takes one), for
 *   what no code point can state (an IPI raised and not yet taken, where a CPU is);
 * - sometimes: each WITNESS, a predicate function over the state (`bool f(int cpu)` holds
 *   for some CPU, or `bool f(void)`) naming the race window of an always-property, so that a
 *   `holds` whose window was never reached is reported inconclusive.
 */
import { refuseTaskInstance } from './per-task.js';
import { ATOMIC_BLOCK_BOUND, ATOMIC_BLOCK_PREEMPTIBLE } from './tasks.js';
import { CError } from '../../c/error.js';
import type { Property, State } from '../../core/model.js';
import type { ModelDecls, WitnessDecl } from '../declarations.js';
import { compileInstr, runNested, type CodegenContext, type Exec, type HwOp } from '../exec/codegen.js';
import { VIEWS } from './views.js';
import { HW_QUERIES } from '../hardware/index.js';
import { newFrame, type Frame } from '../exec/frame.js';
import { sequentiallyConsistent } from '../exec/memory-model.js';
import type { HwRuntime } from '../hardware/hardware.js';
import { constant, reg, type Instr } from '../ir.js';
import { Emitter } from '../lower/emitter.js';
import type { LowerEnv, PropertyRegistry } from '../lower/env.js';
import { Lowerer } from '../lower/lowerer.js';
import { lowerStatements, readOnly } from '../lower/stmt.js';
import type { Symbols } from '../symbols.js';
import { INT } from '../types.js';
import { resolveAddr } from '../exec/locations.js';

export function modelProperties(
  props: PropertyRegistry,
  decls: ModelDecls,
  sym: Symbols,
  env: LowerEnv,
  rt: HwRuntime,
  views: (name: string) => HwOp | undefined,
): Property[] {
  const FAULT = 0;
  const always: Property[] = props.sites.map((p) => ({
    name: p.name,
    kind: 'always',
    doc: p.doc,
    check: (s: State) => s[FAULT] !== p.id,
    explain: () => (p.loc === null ? p.doc : `${p.name} fired (${p.loc.file}:${p.loc.line})`),
    ...(p.name === ATOMIC_BLOCK_PREEMPTIBLE ? { bound: ATOMIC_BLOCK_BOUND } : {}),
    ...(p.name === 'store-buffer-bound' ? { bound: `a CPU stored into a full store buffer (${decls.storeBufferEntries} entries); raise MODEL_STORE_BUFFER(n) in the model` } : {}),
  }));
  const stated = decls.invariants.map((inv) => {
    if (always.some((p) => p.name === inv.property)) throw new CError(inv.loc, `ALWAYS(${inv.property.replace(/-/g, '_')}, ...) names a property the model already has (an assertion or hazard of that name)`);
    return invariantProperty(inv, sym, env, rt, views);
  });
  const dup = stated.find((p, i) => stated.findIndex((q) => q.name === p.name) !== i);
  if (dup !== undefined) throw new CError(decls.invariants.find((inv) => inv.property === dup.name)!.loc, `two ALWAYS name ${dup.name}`);
  const known = new Set([...always, ...stated].map((p) => p.name));
  const sometimes = decls.witnesses.map((w) => {
    if (!known.has(w.property)) throw new CError(w.loc, `WITNESS for '${w.property}', which is not a property of this model (its properties: ${[...known].join(', ')})`);
    return witnessProperty(w, sym, env, rt, views);
  });
  return [...always, ...stated, ...sometimes];
}

/** The objects the witnesses read (they need state even if no code touches them). */
export function witnessObjects(env: LowerEnv, decls: ModelDecls): Set<number> {
  const out = new Set<number>();
  for (const w of [...decls.witnesses, ...decls.invariants]) {
    for (const i of lowerWitness(w, env.sym, env).instrs) {
      if ((i.op === 'load' || i.op === 'store' || i.op === 'rmw') && i.addr.k === 'obj') out.add(i.addr.obj);
      if (i.op === 'wait') for (const c of i.cond) if (c.op === 'load' && c.addr.k === 'obj') out.add(c.addr.obj);
    }
  }
  return out;
}

function lowerWitness(w: WitnessDecl, sym: Symbols, env: LowerEnv): { instrs: Instr[]; cpuReg: { id: number }; result: { id: number }; perCpu: boolean; regs: number } {
  const fn = sym.functions.get(w.fn)!.def;
  if (fn.params.length > 1 || (fn.params.length === 1 && fn.params[0]!.type.pointers !== 0)) throw new CError(fn.loc, `a witness function takes no parameter or one 'int cpu'`);
  const em = new Emitter(`witness ${w.fn}`);
  const lw = new Lowerer(env, em);
  const cpuReg = em.newReg(`${w.fn}.cpu`, INT);
  const result = em.newReg(`${w.fn}()`, INT);
  const exit = em.label();
  em.enterCall({ fn: w.fn, callLoc: w.loc, exit, result }, w.loc);
  if (fn.params.length === 1) em.declare(fn.params[0]!.name, { k: 'reg', reg: cpuReg, type: INT }, fn.loc);
  lowerStatements(lw, fn.body);
  em.place(exit);
  em.emit({ op: 'end', loc: fn.endLoc, text: '' });
  const instrs = em.finish();
  const bad = instrs.find((i) => !(readOnly(i) || i.op === 'end' || (i.op === 'hw' && HW_QUERIES.has(i.name)) || isView(i)));
  if (bad !== undefined) throw new CError(bad.loc, `a witness only reads the state ('${bad.text}' changes it)`);
  refuseTaskInstance(sym, instrs, 'a property');
  return { instrs, cpuReg, result, perCpu: fn.params.length === 1, regs: em.regs.length };
}

/** A hardware view (../build/views.ts): read-only, allowed in witnesses. */
function isView(i: Instr): boolean {
  return i.op === 'hw' && ((VIEWS as readonly string[]).includes(i.name) || i.name.startsWith('__at:'));
}

/** A predicate function (a WITNESS's or an ALWAYS's) as a test on the state: for some CPU, or for every CPU. */
function predicate(w: WitnessDecl, sym: Symbols, env: LowerEnv, rt: HwRuntime, views: (name: string) => HwOp | undefined): { some: (s: State) => boolean; every: (s: State) => boolean } {
  const { instrs, cpuReg, result, perCpu, regs } = lowerWitness(w, sym, env);
  const code = compileWitness(instrs, rt, views);
  const frame = newFrame(regs);
  const evalAt = (s: State, cpu: number): boolean => {
    frame.s = s;
    frame.cpu = cpu;
    frame.task = cpu;
    frame.scratch[cpuReg.id] = cpu;
    frame.scratch[result.id] = 0;
    runNested(code, frame);
    return frame.scratch[result.id] !== 0;
  };
  return {
    some: (s) => {
      if (!perCpu) return evalAt(s, 0);
      for (let c = 0; c < rt.cpus; c++) if (evalAt(s, c)) return true;
      return false;
    },
    every: (s) => {
      if (!perCpu) return evalAt(s, 0);
      for (let c = 0; c < rt.cpus; c++) if (!evalAt(s, c)) return false;
      return true;
    },
  };
}

function witnessProperty(w: WitnessDecl, sym: Symbols, env: LowerEnv, rt: HwRuntime, views: (name: string) => HwOp | undefined): Property {
  const p = predicate(w, sym, env, rt, views);
  return {
    name: kebabName(w.fn),
    kind: 'sometimes',
    witnessFor: w.property,
    doc: w.doc,
    check: p.some,
  };
}

function invariantProperty(inv: WitnessDecl, sym: Symbols, env: LowerEnv, rt: HwRuntime, views: (name: string) => HwOp | undefined): Property {
  const p = predicate(inv, sym, env, rt, views);
  return {
    name: inv.property,
    kind: 'always',
    doc: inv.doc,
    check: p.every,
    explain: () => `not so: ${inv.doc} (${inv.fn}() is false; ${inv.loc.file}:${inv.loc.line})`,
  };
}

function kebabName(fn: string): string {
  return fn.replace(/_/g, '-');
}

function compileWitness(instrs: readonly Instr[], rt: HwRuntime, views: (name: string) => HwOp | undefined): Exec[] {
  const regs = {
    get: (r: { id: number }) => (x: Frame) => x.scratch[r.id]!,
    set: (r: { id: number }) => (x: Frame, v: number) => {
      x.scratch[r.id] = v;
    },
  };
  const cx: CodegenContext = {
    locs: {
      geo: { cpus: rt.cpus, cpuBase: rt.layout.cpuBase, cpuSize: rt.layout.cpuSize, sink: 1 },
      storage: rt.storage,
      addrs: rt.addrs,
      val: (v) => (v.k === 'c' ? () => v.v : regs.get(v.r)),
      fault: () => {},
    },
    regs,
    mem: sequentiallyConsistent,
    hw: (n) => {
      const v = views(n);
      if (v === undefined) throw new Error(`hardware action ${n} in a witness`);
      return v;
    },
    violate: () => {},
    faultProperty: () => 0,
  };
  const nested = (code: readonly Instr[]): ((x: Frame) => void) => {
    const c = code.map((i, k) => compileInstr(cx, i, k, nested));
    return (x) => runNested(c, x);
  };
  return instrs.map((i, k) => compileInstr(cx, i, k, nested));
}

export { constant, reg, resolveAddr };
