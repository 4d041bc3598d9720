/**
 * The built-in functions a C model may call without defining them: the kernel's memory
 * primitives, atomics and bit operations, per-CPU accessors, cpumask operations, assertions,
 * and the hardware and runtime the tool supplies (./hardware.ts). A function the model or the
 * prelude defines under the same name wins over no built-in: built-ins are what C cannot say.
 */
import type { Lowerer } from '../lower/lowerer.js';
import type { LValue, RValue } from '../lower/values.js';
import { assertBuiltins } from './assert.js';
import { lowerAtomic } from './atomics.js';
import { cpumaskBuiltins } from './cpumask.js';
import { debugBuiltins } from './debug.js';
import { hardwareBuiltins } from './hardware.js';
import { memoryBuiltins } from './memory.js';
import { lockBuiltins } from './locks.js';
import { perCpuAsPlace, percpuBuiltins } from './percpu.js';
import type { BuiltinTable, CallExpr } from './table.js';

function merge(...tables: BuiltinTable[]): BuiltinTable {
  const out: BuiltinTable = {};
  for (const t of tables) {
    for (const [k, v] of Object.entries(t)) {
      if (k in out) throw new Error(`built-in '${k}' defined twice`);
      out[k] = v;
    }
  }
  return out;
}

const TABLE = merge(memoryBuiltins, cpumaskBuiltins, percpuBuiltins, assertBuiltins, debugBuiltins, hardwareBuiltins, lockBuiltins);

/** The names of all built-ins (for `list` and the language reference). */
export const BUILTIN_NAMES: readonly string[] = Object.keys(TABLE).sort();

export function isBuiltin(name: string): boolean {
  return name in TABLE || /^(atomic|atomic_long|atomic64)_/.test(name) || /^(xchg|cmpxchg|try_cmpxchg)(_relaxed|_acquire|_release)?$/.test(name);
}

/** Lowers a built-in call, or returns undefined if `e` calls no built-in. */
export function lowerBuiltin(lw: Lowerer, e: CallExpr): RValue | undefined {
  if (lw.env.sym.functions.has(e.callee) || lw.em.lookup(e.callee) !== undefined) return undefined;
  if (e.callee === 'per_cpu') {
    const p = perCpuAsPlace(lw, e)!;
    return lw.load(p, 'plain', e.loc, `per_cpu(...)`);
  }
  const f = TABLE[e.callee];
  if (f !== undefined) return f(lw, e);
  return lowerAtomic(lw, e);
}

/** Built-ins that name a place (`per_cpu(x, cpu) = 1`). */
export function lowerBuiltinPlace(lw: Lowerer, e: CallExpr): LValue | undefined {
  if (lw.env.sym.functions.has(e.callee)) return undefined;
  const p = perCpuAsPlace(lw, e);
  if (p !== undefined) return p;
  return undefined;
}
