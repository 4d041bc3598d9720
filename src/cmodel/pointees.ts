/**
 * What a pointer of a given type can point to. A pointer value names a whole object (a
 * member's address is only a compile-time place), and using a pointer to an object of another
 * type is the fault `pointer-type` at run time (./exec/locations.ts). So an access through a
 * `struct flush_tlb_info *` can only touch objects of type `struct flush_tlb_info`: the
 * visibility of steps (./build/visibility.ts) relies on it. A `void *` may point to anything.
 */
import type { ObjectDecl } from './symbols.js';
import type { CType } from './types.js';

/** Can an object declared with type `obj` be reached through a pointer to `to`? */
export function pointeeCompatible(to: CType, obj: CType): boolean {
  if (to.kind === 'void') return true;
  switch (to.kind) {
    case 'struct':
      return obj.kind === 'struct' && obj.name === to.name;
    case 'int':
    case 'enum':
      return obj.kind === 'int' || obj.kind === 'enum';
    case 'array':
      return obj.kind === 'array' && pointeeCompatible(to.elem, obj.elem);
    case 'hw':
      return obj.kind === 'hw' && obj.what === to.what;
    default:
      return obj.kind === to.kind;
  }
}

const cache = new WeakMap<readonly ObjectDecl[], Map<CType, ObjectDecl[]>>();

/** The objects a pointer to `to` may name. */
export function pointeesOf(objects: readonly ObjectDecl[], to: CType): ObjectDecl[] {
  let byType = cache.get(objects);
  if (byType === undefined) cache.set(objects, (byType = new Map()));
  let hit = byType.get(to);
  if (hit === undefined) byType.set(to, (hit = objects.filter((o) => pointeeCompatible(to, o.type))));
  return hit;
}

/**
 * May a value of this pointer type name one CPU's instance of a per-CPU object (so that
 * keeping it breaks CPU symmetry)? Page-table entries (`pmd_t`...) name tables and pages.
 */
export function mayNameCpuData(objects: readonly ObjectDecl[], t: Extract<CType, { kind: 'pointer' }>): boolean {
  if (t.entry !== undefined) return objects.some((o) => o.perCpu && o.type.kind === 'hw');
  return pointeesOf(objects, t.to).some((o) => o.perCpu);
}
