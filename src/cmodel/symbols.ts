/**
 * What a model (its file, the prelude, override files) declares, by name: types, constants,
 * objects (shared and per-CPU variables, hardware objects), functions, roles and race-window
 * witnesses. A function defined in the model file or an override file replaces the prelude's
 * of the same name (that is how a reviewer edits a kernel function); two definitions in the
 * prelude, or two in the reviewer's files, are an error.
 */
import type { EnumDef, Expr, FunctionDef, Loc, MacroUse, StructDef, TranslationUnit, TypeName, VarDecl } from '../c/ast.js';
import { CError } from '../c/error.js';
import { hwObjectOfType } from './hardware/objects.js';
import { PAGE_STATE, PT_STATE, arrayOf, fitsByte, BOOL, INT, integerType, NR_CPUS_LENGTH, typeName, VOID, type CType, type StructField } from './types.js';

export interface ObjectDecl {
  readonly id: number;
  readonly name: string;
  /** With its array dimension, if any. */
  readonly type: CType;
  readonly perCpu: boolean;
  /**
   * One instance per task (DEFINE_PER_TASK), kept in each task's block: what the kernel keeps
   * on a task's stack or in its task_struct. Stored as a per-CPU object is, with the task's
   * actor block as its owner (`perCpu` is set too), and named in code by its plain name: the
   * running task's instance.
   */
  readonly perTask?: boolean;
  /** Specification state (DEFINE_GHOST): never in a store buffer. */
  readonly ghost: boolean;
  /** A built-in mask with every CPU's bit set (cpu_online_mask). */
  readonly allOnes?: boolean;
  readonly init: Expr | null;
  readonly loc: Loc;
}

export interface FunctionInfo {
  readonly def: FunctionDef;
  /** Set when a reviewer's file replaced a prelude function: where the original was. */
  readonly overrides: Loc | null;
  readonly fromPrelude: boolean;
}

export interface Symbols {
  readonly typedefs: ReadonlyMap<string, CType>;
  readonly structs: ReadonlyMap<string, Extract<CType, { kind: 'struct' }>>;
  readonly enums: ReadonlyMap<string, Extract<CType, { kind: 'enum' }>>;
  /** Enumerators and `#define` constants. */
  readonly constants: ReadonlyMap<string, { readonly value: number; readonly type: CType; readonly loc: Loc }>;
  readonly objects: readonly ObjectDecl[];
  readonly objectByName: ReadonlyMap<string, ObjectDecl>;
  readonly functions: ReadonlyMap<string, FunctionInfo>;
  /** Top-level macro statements in order (ROLE, WITNESS, ...), with the file they came from. */
  readonly macros: readonly MacroUse[];
  /** The type a declaration or cast names (`__range(lo, hi)` folded in). */
  resolveDecl(d: VarDecl): CType;
}

export interface SourceUnit {
  readonly tu: TranslationUnit;
  /** Prelude files come first; their functions can be replaced by the reviewer's. */
  readonly prelude: boolean;
}

/**
 * Objects every model has: the masks of online, possible and present CPUs, every CPU at the
 * start. `cpu_online_mask` and friends are pointers to them, as in the kernel. Only a model
 * that declares HOTPLUG(...) takes CPUs offline; in it `cpu_online_mask` (and
 * `cpu_active_mask`, which the model does not tell apart from it) reads `__cpu_online_mask`,
 * while the possible and present masks keep every CPU (../build/hotplug.ts).
 */
export const BUILTIN_MASKS: Readonly<Record<string, string>> = {
  cpu_online_mask: '__cpu_online_mask',
  cpu_possible_mask: '__cpu_online_mask',
  cpu_present_mask: '__cpu_online_mask',
  cpu_active_mask: '__cpu_online_mask',
};

/** The masks a CPU going offline changes (set_cpu_online(), and cpu_active_mask before it). */
export const HOTPLUG_MASKS: ReadonlySet<string> = new Set(['cpu_online_mask', 'cpu_active_mask']);
export const ONLINE_MASK_OBJECT = '__cpu_online_mask';

export function collectSymbols(units: readonly SourceUnit[]): Symbols {
  const b = new SymbolBuilder();
  b.addBuiltinEnum(PT_STATE);
  b.addBuiltinEnum(PAGE_STATE);
  b.addBuiltinObject(ONLINE_MASK_OBJECT, { kind: 'cpumask' });
  for (const u of units) for (const item of u.tu.items) b.add(item, u.prelude);
  return b.done();
}

class SymbolBuilder {
  readonly typedefs = new Map<string, CType>();
  readonly structs = new Map<string, Extract<CType, { kind: 'struct' }>>();
  readonly enums = new Map<string, Extract<CType, { kind: 'enum' }>>();
  readonly constants = new Map<string, { value: number; type: CType; loc: Loc }>();
  readonly objects: ObjectDecl[] = [];
  readonly objectByName = new Map<string, ObjectDecl>();
  readonly functions = new Map<string, FunctionInfo>();
  readonly macros: MacroUse[] = [];

  add(item: TranslationUnit['items'][number], prelude: boolean): void {
    switch (item.kind) {
      case 'function':
        return this.addFunction(item.fn, prelude);
      case 'prototype':
      case 'include':
        return;
      case 'var':
        for (const d of item.decls) this.addObject(d);
        return;
      case 'enum':
        return this.addEnum(item.def);
      case 'struct':
        return this.addStruct(item.def);
      case 'typedef':
        this.defineName(item.name, item.loc);
        this.typedefs.set(item.name, this.resolve(item.type, item.loc));
        return;
      case 'macro':
        this.macros.push(item.macro);
        return;
      case 'define':
        this.defineName(item.name, item.loc);
        this.constants.set(item.name, { value: this.constant(item.value), type: INT, loc: item.loc });
        return;
    }
  }

  private defineName(name: string, loc: Loc): void {
    if (this.constants.has(name) || this.typedefs.has(name) || this.objectByName.has(name)) throw new CError(loc, `'${name}' is declared twice`);
  }

  private addFunction(fn: FunctionDef, prelude: boolean): void {
    const prev = this.functions.get(fn.name);
    if (prev !== undefined) {
      if (prev.fromPrelude && !prelude) {
        this.functions.set(fn.name, { def: fn, overrides: prev.def.loc, fromPrelude: false });
        return;
      }
      throw new CError(fn.loc, `function '${fn.name}' is defined twice (first at ${prev.def.loc.file}:${prev.def.loc.line})`);
    }
    this.functions.set(fn.name, { def: fn, overrides: null, fromPrelude: prelude });
  }

  private addEnum(def: EnumDef): void {
    let next = 0;
    const members: string[] = [];
    const values: number[] = [];
    for (const m of def.members) {
      const v = m.value === null ? next : this.constant(m.value);
      this.defineName(m.name, m.loc);
      members.push(m.name);
      values.push(v);
      next = v + 1;
    }
    const name = def.name ?? `anonymous@${def.loc.line}`;
    if (!fitsByte(Math.min(0, ...values), Math.max(0, ...values))) throw new CError(def.loc, `enum ${name}: values must fit one byte (0..255 or -128..127)`);
    const t = { kind: 'enum' as const, name, members, values };
    for (let i = 0; i < members.length; i++) this.constants.set(members[i]!, { value: values[i]!, type: t, loc: def.members[i]!.loc });
    this.enums.set(name, t);
  }

  private addStruct(def: StructDef): void {
    if (this.structs.has(def.name)) throw new CError(def.loc, `struct ${def.name} is defined twice`);
    const fields: StructField[] = def.fields.map((f) => ({ name: f.name, type: arrayOf(this.declType(f), this.arrayLength(f)) }));
    this.structs.set(def.name, { kind: 'struct', name: def.name, fields });
  }

  /** The hardware's enums (page-table and page states), so models can name their values. */
  addBuiltinEnum(t: CType): void {
    if (t.kind !== 'enum') return;
    t.members.forEach((m, i) => this.constants.set(m, { value: t.values[i]!, type: t, loc: { file: '<built-in>', line: 0, col: 0 } }));
    this.enums.set(t.name, t);
  }

  addBuiltinObject(name: string, type: CType): void {
    const decl: ObjectDecl = { id: this.objects.length, name, type, perCpu: false, ghost: false, init: null, loc: { file: '<built-in>', line: 0, col: 0 }, allOnes: true };
    this.objects.push(decl);
    this.objectByName.set(name, decl);
  }

  private addObject(d: VarDecl): void {
    if (d.storage.includes('extern')) return;
    this.defineName(d.name, d.loc);
    const decl: ObjectDecl = {
      id: this.objects.length,
      name: d.name,
      type: arrayOf(this.declType(d), this.arrayLength(d)),
      perCpu: d.storage.includes('percpu') || d.storage.includes('pertask'),
      ...(d.storage.includes('pertask') ? { perTask: true } : {}),
      ghost: d.storage.includes('ghost'),
      init: d.init,
      loc: d.loc,
    };
    this.objects.push(decl);
    this.objectByName.set(d.name, decl);
  }

  /** `[4]`, `[N]` for a constant N, `[NR_CPUS]`: indexed by CPU (./storage.ts). */
  arrayLength(d: VarDecl): number | null {
    if (d.arraySizeName === null) return d.arrayLength;
    if (d.arraySizeName === 'NR_CPUS' || d.arraySizeName === 'nr_cpu_ids') return NR_CPUS_LENGTH;
    const c = this.constants.get(d.arraySizeName);
    if (c === undefined) throw new CError(d.loc, `the array length '${d.arraySizeName}' is not a constant`);
    return c.value;
  }

  /** A declaration's type with its prefix macros (`__range(lo, hi)`) applied. */
  declType(d: VarDecl): CType {
    let t = this.resolve(d.type, d.loc);
    for (const p of d.prefixes) {
      if (p.name !== '__range') throw new CError(p.loc, `unknown declaration macro '${p.name}' (supported: __range(lo, hi))`);
      if (t.kind !== 'int') throw new CError(p.loc, `__range applies to integer types, not ${typeName(t)}`);
      const [lo, hi] = p.args.map((a) => this.constant(a));
      if (lo === undefined || hi === undefined || p.args.length !== 2 || lo > hi || !fitsByte(lo, hi)) {
        throw new CError(p.loc, '__range(lo, hi) needs two constants with lo <= hi within 0..255 or -128..127');
      }
      t = { ...t, lo, hi };
    }
    return t;
  }

  resolve(n: TypeName, loc: Loc): CType {
    let t = this.resolveBase(n.base, loc);
    for (let i = 0; i < n.pointers; i++) t = { kind: 'pointer', to: t };
    return t;
  }

  private resolveBase(base: string, loc: Loc): CType {
    const int = integerType(base);
    if (int !== null) return int;
    if (base === 'void') return VOID;
    if (base === 'atomic_t' || base === 'atomic_long_t' || base === 'atomic64_t') return { ...INT, name: base };
    if (base === 'spinlock_t' || base === 'raw_spinlock_t' || base === 'arch_spinlock_t') return { ...BOOL, name: base };
    if (base === 'struct rw_semaphore') return { kind: 'int', name: base, lo: -1, hi: 7 };
    if (base === 'cpumask_t' || base === 'struct cpumask' || base === 'cpumask_var_t') return { kind: 'cpumask' };
    if (base === 'smp_call_func_t' || base === 'smp_cond_func_t') return { kind: 'function' };
    const hw = hwObjectOfType(base);
    if (hw !== null) return hw;
    const td = this.typedefs.get(base);
    if (td !== undefined) return td;
    if (base.startsWith('struct ')) {
      const s = this.structs.get(base.slice(7));
      if (s !== undefined) return s;
      throw new CError(loc, `unknown type '${base}' (define the struct before its use)`);
    }
    if (base.startsWith('enum ')) {
      const e = this.enums.get(base.slice(5));
      if (e !== undefined) return e;
      throw new CError(loc, `unknown type '${base}'`);
    }
    throw new CError(loc, `unknown type '${base}'`);
  }

  /** A constant expression: numbers, enumerators, #defines, + - * / % << >> | & ~ and unary minus. */
  constant(e: Expr): number {
    switch (e.kind) {
      case 'num':
        return e.value;
      case 'ident': {
        const c = this.constants.get(e.name);
        if (c === undefined) throw new CError(e.loc, `'${e.name}' is not a constant`);
        return c.value;
      }
      case 'unary': {
        const v = this.constant(e.arg);
        if (e.op === '-') return -v;
        if (e.op === '+') return v;
        if (e.op === '~') return ~v;
        if (e.op === '!') return v === 0 ? 1 : 0;
        throw new CError(e.loc, `'${e.op}' in a constant expression`);
      }
      case 'binary': {
        const a = this.constant(e.left);
        const c = this.constant(e.right);
        const r = constantBinary(e.op, a, c);
        if (r === null) throw new CError(e.loc, `'${e.op}' is not allowed in a constant expression`);
        return r;
      }
      case 'cast':
        return this.constant(e.arg);
      default:
        throw new CError(e.loc, 'not a constant expression');
    }
  }

  done(): Symbols {
    return {
      typedefs: this.typedefs,
      structs: this.structs,
      enums: this.enums,
      constants: this.constants,
      objects: this.objects,
      objectByName: this.objectByName,
      functions: this.functions,
      macros: this.macros,
      resolveDecl: (d) => arrayOf(this.declType(d), this.arrayLength(d)),
    };
  }
}

function constantBinary(op: string, a: number, b: number): number | null {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : Math.trunc(a / b);
    case '%':
      return b === 0 ? null : a % b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '|':
      return a | b;
    case '&':
      return a & b;
    case '^':
      return a ^ b;
    default:
      return null;
  }
}
