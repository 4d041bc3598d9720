/**
 * Fixed-layout state encoding.
 *
 * A model state is one `Uint8Array`: a block of global fields followed by one block per CPU,
 * all blocks of the same size. Every field is one byte and is declared once, by name, with the
 * names of its values, so that code reads `s[g.tableState]` and reports print
 * `tableState=freed` while the explorer hashes, compares and copies raw bytes.
 *
 * Per-CPU blocks are what symmetry reduction permutes: a field that names another CPU must not
 * live in a symmetric model (store "pending from the freer" as a flag in the target's block
 * instead of a CPU number in a global field).
 */

/** One byte-wide field: its name and, optionally, the names of its values (for reports). */
export interface FieldSpec {
  readonly name: string;
  /** Value names; a value outside the list is printed as a number. */
  readonly values?: readonly string[];
  /** What the field stands for in the kernel, shown in the HTML state view. */
  readonly doc?: string;
}

export type Offsets<K extends string> = { readonly [P in K]: number };

export interface Layout<G extends string, C extends string> {
  readonly globalFields: readonly FieldSpec[];
  readonly cpuFields: readonly FieldSpec[];
  /** Offset of each global field in the state. */
  readonly g: Offsets<G>;
  /** Offset of each per-CPU field inside a CPU block. */
  readonly c: Offsets<C>;
  readonly cpus: number;
  readonly cpuBase: number;
  readonly cpuSize: number;
  readonly size: number;
  /** Absolute offset of the start of CPU `cpu`'s block. */
  base(cpu: number): number;
}

export function defineLayout<const G extends string, const C extends string>(
  globals: readonly (FieldSpec & { name: G })[],
  perCpu: readonly (FieldSpec & { name: C })[],
  cpus: number,
): Layout<G, C> {
  const g = offsets(globals);
  const c = offsets(perCpu);
  const cpuBase = globals.length;
  const cpuSize = perCpu.length;
  return {
    globalFields: globals,
    cpuFields: perCpu,
    g,
    c,
    cpus,
    cpuBase,
    cpuSize,
    size: cpuBase + cpuSize * cpus,
    base: (cpu: number) => cpuBase + cpu * cpuSize,
  };
}

function offsets<K extends string>(fields: readonly (FieldSpec & { name: K })[]): Offsets<K> {
  const seen = new Set<string>();
  const out: Record<string, number> = {};
  fields.forEach((f, i) => {
    if (seen.has(f.name)) throw new Error(`duplicate field '${f.name}' in layout`);
    seen.add(f.name);
    out[f.name] = i;
  });
  return out as Offsets<K>;
}

/** Human-readable view of a state: `{ global: {field: value}, cpus: [{field: value}] }`. */
export function decodeState(
  layout: Layout<string, string>,
  s: Uint8Array,
): { global: Record<string, string>; cpus: Record<string, string>[] } {
  const name = (f: FieldSpec, v: number): string => f.values?.[v] ?? String(v);
  const global: Record<string, string> = {};
  layout.globalFields.forEach((f, i) => {
    global[f.name] = name(f, s[i] ?? 0);
  });
  const cpus: Record<string, string>[] = [];
  for (let cpu = 0; cpu < layout.cpus; cpu++) {
    const row: Record<string, string> = {};
    const b = layout.base(cpu);
    layout.cpuFields.forEach((f, i) => {
      row[f.name] = name(f, s[b + i] ?? 0);
    });
    cpus.push(row);
  }
  return { global, cpus };
}
