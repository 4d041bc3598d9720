/**
 * The fields a safety verdict can depend on (a cone of influence): the fields the
 * always-properties read, the fields any guard reads (what can run, and when), and, until
 * nothing changes, the fields read by a step that writes one of those. A field outside it is
 * written and maybe read among its own kind, but nothing that decides a verdict ever looks at
 * it (in COALESCE_TLBI's variants, the context-tracking word: its condition reads
 * kernel_cr3_loaded instead). Found from the footprints of every step, over every path and
 * value (src/core/footprint.ts); a per-CPU field counts for every CPU, and a step whose paths
 * are too many to enumerate counts as reading everything.
 */
import { footprintsOf, type RelFootprint, type RelLoc } from '../core/footprint.js';
import type { ModelSpec } from '../core/model.js';

/** Absolute bytes of the cone, for a model built like `spec` (its layout and CPU count). */
export function observedBytes(spec: ModelSpec, observedMax: (byte: number) => number): ReadonlySet<number> {
  const L = spec.layout;
  const fp = footprintsOf(spec, observedMax);
  const field = (l: RelLoc): string => (l.scope === 'global' ? `g${l.field}` : `c${l.field}`);
  const all: RelFootprint[] = fp.roles.flatMap((r) => [...r.steps.flat(), ...r.events, r.choose]);
  const cone = new Set<string>([...fp.alwaysReads, ...all.flatMap((f) => f.guardReads)].map(field));
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of all) {
      if (!f.writes.some((w) => cone.has(field(w)))) continue;
      for (const r of f.reads) {
        if (cone.has(field(r))) continue;
        cone.add(field(r));
        grew = true;
      }
    }
  }
  const bytes = new Set<number>();
  for (let g = 0; g < L.cpuBase; g++) if (cone.has(`g${g}`)) bytes.add(g);
  for (let c = 0; c < L.cpus; c++) for (let f = 0; f < L.cpuSize; f++) if (cone.has(`c${f}`)) bytes.add(L.base(c) + f);
  return bytes;
}
