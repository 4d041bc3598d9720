/**
 * Where each object of a C model lives in the state bytes.
 *
 * - A shared object's scalars are global fields; a per-CPU object's scalars are fields of
 *   every CPU block (the instance of CPU c in c's block).
 * - What is indexed by CPU number — a `cpumask_t`'s bits, an array of `NR_CPUS` elements — is
 *   stored with the CPUs it is indexed by: bit c of a mask is a byte in CPU c's block, element
 *   c of an `NR_CPUS` array is in CPU c's block. For a per-CPU object that part is kept once per
 *   owner (`cfd_data.cpumask@0`: CPU0's mask). CPU symmetry then permutes the masks with the
 *   CPUs, as long as no symmetric CPU owns such a part (./symmetry.ts checks it).
 *
 * Every scalar location has a type (its domain) and a name for traces and the HTML state view.
 */
import type { Loc } from '../c/ast.js';
import { CError } from '../c/error.js';
import type { FieldSpec } from '../core/layout.js';
import type { ObjectDecl } from './symbols.js';
import { BOOL, NR_CPUS_LENGTH, PAGE_STATE, PT_STATE, typeName, UINT, type CType } from './types.js';

/** How an object's type maps onto locations. */
export type Shape =
  | { readonly k: 'scalar'; readonly type: CType; readonly slot: number }
  | { readonly k: 'struct'; readonly type: CType; readonly fields: readonly Shape[] }
  | { readonly k: 'array'; readonly type: CType; readonly elems: readonly Shape[] }
  /** Indexed by CPU: the element's slots are in the distributed area of each CPU's block. */
  | { readonly k: 'by-cpu'; readonly type: CType; readonly elem: Shape };

export interface ObjectStorage {
  readonly decl: ObjectDecl;
  readonly shape: Shape;
  /** First field of the home area (global field index, or CPU-field index for per-CPU). */
  readonly homeBase: number;
  readonly homeSlots: number;
  /** First CPU field of the distributed area of owner `o` (owner 0 for a shared object). */
  readonly distBase: (owner: number) => number;
  readonly distSlots: number;
  /**
   * A per-CPU object's CPU-indexed part: kept in the index CPU's block, a field per owner
   * (index-major), or in the owner's block, a field per index (owner-major). See
   * build/orientation.ts.
   */
  readonly ownerMajor: boolean;
}

export interface Slot {
  readonly name: string;
  readonly type: CType;
}

/**
 * Builds fields for objects, hardware state and registers; the order is the declaration order.
 * A field is named after the object it holds (`mm.context.tlb_gen`) or what the tool keeps
 * (`pc`, `ipi`, `reg0`): a model object whose name is one the tool uses is refused at its
 * declaration, rather than having the tool's hardware read the model's variable.
 */
export class FieldAllocator {
  readonly globals: FieldSpec[] = [];
  readonly globalTypes: CType[] = [];
  readonly cpu: FieldSpec[] = [];
  readonly cpuTypes: CType[] = [];
  /** Who made each field name, per scope: a model declaration, or the tool (null). */
  private readonly owners = { global: new Map<string, Loc | null>(), cpu: new Map<string, Loc | null>() };

  addGlobal(name: string, type: CType, doc?: string, declaredAt?: Loc): number {
    this.claim('global', name, doc, declaredAt);
    this.globals.push(fieldSpec(name, type, doc));
    this.globalTypes.push(type);
    return this.globals.length - 1;
  }

  addCpu(name: string, type: CType, doc?: string, declaredAt?: Loc): number {
    this.claim('cpu', name, doc, declaredAt);
    this.cpu.push(fieldSpec(name, type, doc));
    this.cpuTypes.push(type);
    return this.cpu.length - 1;
  }

  private claim(scope: 'global' | 'cpu', name: string, doc: string | undefined, declaredAt: Loc | undefined): void {
    const owners = this.owners[scope];
    const had = owners.get(name);
    if (had === undefined) {
      owners.set(name, declaredAt ?? null);
      return;
    }
    const model = had ?? declaredAt;
    if (model === undefined) throw new Error(`the tool named two ${scope} fields '${name}'`);
    if (had !== null && declaredAt !== undefined) throw new CError(declaredAt, `'${name}' names two objects' state`);
    const toolDoc = had === null ? this.docOf(scope, name) : doc;
    throw new CError(model, `'${name}' is the name of state the tool keeps${scope === 'cpu' ? ' for each CPU' : ''}${toolDoc !== undefined ? ` (${toolDoc})` : ''}; rename the variable`);
  }

  private docOf(scope: 'global' | 'cpu', name: string): string | undefined {
    return (scope === 'global' ? this.globals : this.cpu).find((f) => f.name === name)?.doc;
  }
}

function fieldSpec(name: string, type: CType, doc?: string): FieldSpec {
  const values = valueNames(type);
  return { name, ...(values !== undefined ? { values } : {}), ...(doc !== undefined ? { doc } : {}) };
}

/** Value names for traces: enumerators, and the numbers of small integer domains. */
export function valueNames(t: CType): string[] | undefined {
  if (t.kind === 'enum' && Math.min(...t.values) >= 0 && Math.max(...t.values) < 64) {
    const names = Array.from({ length: Math.max(...t.values) + 1 }, (_, v) => String(v));
    t.values.forEach((v, i) => (names[v] = t.members[i]!));
    return names;
  }
  if (t.kind === 'int' && t.lo >= 0 && t.hi < 16) return Array.from({ length: t.hi + 1 }, (_, i) => String(i));
  return undefined;
}

/** Allocates every object's storage on `fa`. `owners` is the CPU count (per-CPU owners). */
export function allocateObjects(fa: FieldAllocator, objects: readonly ObjectDecl[], cpus: number, ownerMajor: (obj: number) => boolean = () => false, used: (obj: number) => boolean = () => true): ObjectStorage[] {
  return objects.map((decl) => {
    const home: Slot[] = [];
    const dist: Slot[] = [];
    const shape = shapeOf(decl.type, decl.name, home, dist, false);
    if (!used(decl.id)) return { decl, shape, homeBase: -1, homeSlots: 0, distBase: () => -1, distSlots: 0, ownerMajor: false };
    const homeBase = decl.perCpu ? fa.cpu.length : fa.globals.length;
    for (const s of home) (decl.perCpu ? fa.addCpu(s.name, s.type, docOf(decl), decl.loc) : fa.addGlobal(s.name, s.type, docOf(decl), decl.loc));
    const distBases: number[] = [];
    const om = decl.perCpu && ownerMajor(decl.id);
    const names = decl.perCpu ? cpus : 1;
    for (let o = 0; o < names; o++) {
      distBases.push(fa.cpu.length);
      for (const s of dist) fa.addCpu(!decl.perCpu ? s.name : om ? `${s.name}[${o}]` : `${s.name}@${o}`, s.type, docOf(decl), decl.loc);
    }
    return { decl, shape, homeBase, homeSlots: home.length, distBase: (o) => distBases[o] ?? distBases[0]!, distSlots: dist.length, ownerMajor: om };
  });
}

function docOf(d: ObjectDecl): string {
  return `${d.perTask === true ? 'DEFINE_PER_TASK ' : d.perCpu ? 'DEFINE_PER_CPU ' : ''}${typeName(d.type)} ${d.name} (${d.loc.file}:${d.loc.line})`;
}

function shapeOf(t: CType, name: string, home: Slot[], dist: Slot[], inDist: boolean): Shape {
  if (t.kind === 'array') {
    if (t.length === NR_CPUS_LENGTH) {
      if (inDist) throw new Error(`${name}: nested per-CPU indexing`);
      return { k: 'by-cpu', type: t, elem: shapeOf(t.elem, name, home, dist, true) };
    }
    return { k: 'array', type: t, elems: Array.from({ length: t.length }, (_, i) => shapeOf(t.elem, `${name}[${i}]`, home, dist, inDist)) };
  }
  if (t.kind === 'cpumask') {
    if (inDist) throw new Error(`${name}: a cpumask inside a per-CPU-indexed array`);
    return { k: 'by-cpu', type: t, elem: shapeOf(BOOL, name, home, dist, true) };
  }
  if (t.kind === 'struct') {
    return { k: 'struct', type: t, fields: t.fields.map((f) => shapeOf(f.type, `${name}.${f.name}`, home, dist, inDist)) };
  }
  if (t.kind === 'hw') {
    // A page table's or page's life state.
    const area = inDist ? dist : home;
    const st: CType = t.what === 'page_table' ? PT_STATE : t.what === 'insn' ? UINT : PAGE_STATE;
    area.push({ name: t.what === 'insn' ? name : `${name}.state`, type: st });
    return { k: 'scalar', type: st, slot: area.length - 1 };
  }
  const area = inDist ? dist : home;
  area.push({ name, type: t });
  return { k: 'scalar', type: t, slot: area.length - 1 };
}
