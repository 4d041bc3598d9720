/**
 * Symbolic pointer values: a pointer holds no address, it names what it points to. Value 0 is
 * NULL; then every function the code uses as a value (a `smp_call_func_t` names the
 * function), then every object instance (a shared object once, a per-CPU object once per CPU,
 * a per-task object once per task; a per-CPU or per-task object that no code reachable from
 * the model names has none). A pointer fits one state byte, so a model has at most 255 of
 * them. What the code can name is found by ./lower/scan.ts namedByCode().
 */
import { CError } from '../c/error.js';
import type { Loc } from '../c/ast.js';
import type { Symbols } from './symbols.js';

export interface AddressTable {
  readonly size: number;
  /** Object id of each value (-1: NULL or a function). */
  readonly objOf: Int16Array;
  /**
   * Actor block of each value's instance: its CPU for a per-CPU object, `cpus + k` for task k's
   * instance of a per-task object (-1: a shared object, NULL or a function).
   */
  readonly cpuOf: Int16Array;
  /** Function name of each value, or null. */
  readonly fnOf: readonly (string | null)[];
  readonly names: readonly string[];
  /** The value of an instance: `cpu` is the owner's actor block (null for a shared object). */
  ofObject(obj: number, cpu: number | null): number;
  ofFunction(name: string): number;
  functionNames: readonly string[];
}

export function buildAddressTable(sym: Symbols, cpus: number, loc: Loc, named: { readonly functions: ReadonlySet<string>; readonly objects: ReadonlySet<string> }, tasks: readonly string[] = []): AddressTable {
  const fnNames = [...named.functions].sort();
  const names: string[] = ['NULL'];
  const objOf: number[] = [-1];
  const cpuOf: number[] = [-1];
  const fnOf: (string | null)[] = [null];
  const fnIndex = new Map<string, number>();
  for (const f of fnNames) {
    fnIndex.set(f, names.length);
    names.push(f);
    objOf.push(-1);
    cpuOf.push(-1);
    fnOf.push(f);
  }
  const objBase: number[] = [];
  for (const o of sym.objects) {
    objBase.push(names.length);
    const n = !o.perCpu ? 1 : !named.objects.has(o.name) ? 0 : o.perTask === true ? tasks.length : cpus;
    for (let c = 0; c < n; c++) {
      names.push(o.perTask === true ? `&${o.name}@${tasks[c]!}` : o.perCpu ? `&per_cpu(${o.name}, ${c})` : `&${o.name}`);
      objOf.push(o.id);
      cpuOf.push(o.perTask === true ? cpus + c : o.perCpu ? c : -1);
      fnOf.push(null);
    }
  }
  if (names.length > 256) throw new CError(loc, `too many pointer targets for ${cpus} CPUs (${names.length}, at most 256): fewer per-CPU objects or CPUs`);
  return {
    size: names.length,
    objOf: Int16Array.from(objOf),
    cpuOf: Int16Array.from(cpuOf),
    fnOf,
    names,
    functionNames: fnNames,
    ofObject: (obj, cpu) => {
      const o = sym.objects[obj]!;
      // namedByCode() finds every object the lowered code can name; one it missed would alias.
      if (o.perCpu && !named.objects.has(o.name)) throw new Error(`internal: the per-${o.perTask === true ? 'task' : 'CPU'} object '${o.name}' has no pointer value`);
      return objBase[obj]! + (o.perTask === true ? (cpu ?? cpus) - cpus : cpu ?? 0);
    },
    ofFunction: (name) => {
      const v = fnIndex.get(name);
      if (v === undefined) throw new Error(`no function ${name}`);
      return v;
    },
  };
}
