/**
 * Why a guard is false, found by probing: change one byte field of the state at a time to each
 * of its other values and keep the fields whose change makes the guard true. Generic (no kernel
 * nouns): `csd_lock_wait`'s guard is unblocked by `CPU1.syncIpi`, the IPI handler's by
 * `CPU1.irqs` and `CPU1.preempted`. Used by `Machine.blocked` and `shootdown explain`.
 */
import type { FieldSpec, Layout } from './layout.js';
import type { State } from './model.js';

/** A field of the state and its current value, by name; `cpu` absent for a global field. */
export interface FieldValue {
  readonly cpu?: number;
  readonly field: string;
  readonly value: string;
}

const MAX_PROBE = 4;

function valueName(f: FieldSpec, v: number): string {
  return f.values?.[v] ?? String(v);
}

/** Where offset `i` lives: its field spec and CPU (undefined for globals). */
function fieldAt(layout: Layout<string, string>, i: number): { spec: FieldSpec; cpu?: number } {
  if (i < layout.cpuBase) return { spec: layout.globalFields[i]! };
  const rel = i - layout.cpuBase;
  return { spec: layout.cpuFields[rel % layout.cpuSize]!, cpu: Math.floor(rel / layout.cpuSize) };
}

/** The fields a single change of which makes `guard` true in `s` (none if it already is). */
export function unblockingFields(layout: Layout<string, string>, s: State, guard: (x: State) => boolean, skip?: (f: FieldSpec) => boolean): FieldValue[] {
  if (guard(s)) return [];
  const out: FieldValue[] = [];
  const probe = Uint8Array.from(s);
  for (let i = 0; i < layout.size; i++) {
    const { spec, cpu } = fieldAt(layout, i);
    if (skip?.(spec) === true) continue;
    const cur = s[i] ?? 0;
    const n = spec.values !== undefined ? spec.values.length : MAX_PROBE;
    for (let v = 0; v < n; v++) {
      if (v === cur) continue;
      probe[i] = v;
      const ok = guard(probe);
      probe[i] = cur;
      if (ok) {
        out.push({ ...(cpu !== undefined ? { cpu } : {}), field: spec.name, value: valueName(spec, cur) });
        break;
      }
    }
  }
  return out;
}

/**
 * Like `unblockingFields`, but when no single field unblocks, tries pairs of fields of CPU
 * `cpu`'s block (a handler that needs IRQs on *and* the vCPU running). Each answer is a
 * conjunction; the list holds alternatives.
 */
export function unblockingSets(layout: Layout<string, string>, s: State, guard: (x: State) => boolean, cpu: number, skip?: (f: FieldSpec) => boolean): FieldValue[][] {
  const single = unblockingFields(layout, s, guard, skip);
  if (single.length > 0 || guard(s)) return single.map((f) => [f]);
  const base = layout.base(cpu);
  const probe = Uint8Array.from(s);
  const range = (i: number): number => layout.cpuFields[i]!.values?.length ?? MAX_PROBE;
  const out: FieldValue[][] = [];
  for (let i = 0; i < layout.cpuSize; i++) {
    if (skip?.(layout.cpuFields[i]!) === true) continue;
    for (let j = i + 1; j < layout.cpuSize; j++) {
      if (skip?.(layout.cpuFields[j]!) === true) continue;
      let found = false;
      for (let a = 0; a < range(i) && !found; a++) {
        for (let b = 0; b < range(j) && !found; b++) {
          if (a === s[base + i] || b === s[base + j]) continue;
          probe[base + i] = a;
          probe[base + j] = b;
          found = guard(probe);
          probe[base + i] = s[base + i] ?? 0;
          probe[base + j] = s[base + j] ?? 0;
        }
      }
      if (found) {
        const fi = layout.cpuFields[i]!;
        const fj = layout.cpuFields[j]!;
        out.push([
          { cpu, field: fi.name, value: valueName(fi, s[base + i] ?? 0) },
          { cpu, field: fj.name, value: valueName(fj, s[base + j] ?? 0) },
        ]);
      }
    }
  }
  return out;
}

/** `CPU1.irqs=off and CPU1.preempted=yes or ...` */
export function formatSets(sets: readonly (readonly FieldValue[])[]): string {
  return sets.map((c) => c.map(formatField).join(' and ')).join(', or ');
}

export function formatField(f: FieldValue): string {
  return `${f.cpu !== undefined ? `CPU${f.cpu}.` : ''}${f.field}=${f.value}`;
}
