/**
 * The initial state: every object as its declaration initialises it (constants, enumerators,
 * `NULL`, `&object`, function names, `{ .field = value }` lists; a per-CPU object's
 * initialiser applies to every CPU's instance), everything else zero, then the hardware's own
 * initial state.
 */
import type { Expr } from '../../c/ast.js';
import { CError } from '../../c/error.js';
import type { Layout } from '../../core/layout.js';
import type { State } from '../../core/model.js';
import type { ModelDecls } from '../declarations.js';
import type { HardwarePart, HwRuntime } from '../hardware/hardware.js';
import type { ObjectStorage, Shape } from '../storage.js';
import type { Symbols } from '../symbols.js';
import { encode, typeName } from '../types.js';

export function objectInitialiser(sym: Symbols, storage: readonly ObjectStorage[], layout: Layout<string, string>, rt: HwRuntime, parts: readonly HardwarePart[], decls: ModelDecls): (s: State) => void {
  const writes: [number, number][] = [];
  for (const st of storage) {
    if (st.decl.allOnes === true && st.distSlots > 0) {
      for (let c = 0; c < rt.cpus; c++) writes.push([layout.cpuBase + c * layout.cpuSize + st.distBase(0), 1]);
      continue;
    }
    const init = st.decl.init;
    // An object no code touches has no state (allocateObjects): nothing to initialise.
    if (init === null || st.homeBase < 0) continue;
    // Owners: every CPU's block, every task's (a per-task object), or the shared area.
    const owners = st.decl.perTask === true ? decls.tasks.map((_, k) => rt.cpus + k) : st.decl.perCpu ? Array.from({ length: rt.cpus }, (_, c) => c) : [0];
    for (const o of owners) {
      const home = (slot: number): number => (st.decl.perCpu ? layout.cpuBase + o * layout.cpuSize + st.homeBase + slot : st.homeBase + slot);
      fill(sym, rt, st.shape, init, home, writes);
    }
  }
  return (s) => {
    for (const [off, b] of writes) s[off] = b;
    for (const p of parts) p.init(rt, s);
  };
}

function fill(sym: Symbols, rt: HwRuntime, shape: Shape, e: Expr, home: (slot: number) => number, out: [number, number][]): void {
  switch (shape.k) {
    case 'scalar': {
      const v = constantValue(sym, rt, e);
      const b = encode(shape.type, v);
      if (b === null) throw new CError(e.loc, `the initial value ${v} is outside ${typeName(shape.type)}`);
      out.push([home(shape.slot), b]);
      return;
    }
    case 'struct': {
      if (e.kind !== 'init-list') throw new CError(e.loc, 'a struct is initialised with { .field = value, ... }');
      e.items.forEach((item, i) => {
        const t = shape.type;
        const index = item.field === null ? i : t.kind === 'struct' ? t.fields.findIndex((f) => f.name === item.field) : -1;
        const sub = shape.fields[index];
        if (sub === undefined) throw new CError(item.value.loc, `no member '${item.field ?? i}' in ${typeName(t)}`);
        fill(sym, rt, sub, item.value, home, out);
      });
      return;
    }
    case 'array': {
      if (e.kind !== 'init-list') throw new CError(e.loc, 'an array is initialised with { a, b, ... }');
      e.items.forEach((item, i) => {
        const sub = shape.elems[i];
        if (sub === undefined) throw new CError(item.value.loc, 'too many initialisers for the array');
        fill(sym, rt, sub, item.value, home, out);
      });
      return;
    }
    case 'by-cpu':
      throw new CError(e.loc, 'a cpumask or per-CPU-indexed array starts empty; set it in code');
  }
}

const ATOMIC_INITS = new Set(['ATOMIC_INIT', 'ATOMIC_LONG_INIT', 'ATOMIC64_INIT']);

/** A constant initialiser: numbers, enumerators, #defines, NULL, &object, function names, ATOMIC_INIT(n). */
export function constantValue(sym: Symbols, rt: HwRuntime, e: Expr): number {
  if (e.kind === 'ident') {
    if (e.name === 'NULL') return 0;
    if (sym.functions.has(e.name)) return rt.addrs.ofFunction(e.name);
    const c = sym.constants.get(e.name);
    if (c !== undefined) return c.value;
    if (e.name === 'true') return 1;
    if (e.name === 'false') return 0;
  }
  if (e.kind === 'unary' && e.op === '&' && e.arg.kind === 'ident') {
    const o = sym.objectByName.get(e.arg.name);
    if (o !== undefined && !o.perCpu) return rt.addrs.ofObject(o.id, null);
    if (sym.functions.has(e.arg.name)) return rt.addrs.ofFunction(e.arg.name);
  }
  if (e.kind === 'num') return e.value;
  if (e.kind === 'unary' && e.op === '-' && e.arg.kind === 'num') return -e.arg.value;
  if (e.kind === 'cast') return constantValue(sym, rt, e.arg);
  // include/linux/types.h: ATOMIC_INIT(i), ATOMIC_LONG_INIT(i), ATOMIC64_INIT(i) are { (i) }.
  if (e.kind === 'call' && ATOMIC_INITS.has(e.callee) && e.args.length === 1) return constantValue(sym, rt, e.args[0]!);
  throw new CError(e.loc, 'an initialiser must be a constant, NULL, &object, a function name or ATOMIC_INIT(constant)');
}
