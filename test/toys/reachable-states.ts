/**
 * The reachable states of a machine, breadth-first, as plain byte arrays in a set keyed by their
 * printed bytes (apart from the engines' visited set), up to `cap` of them; with `canonical`,
 * each state is first rewritten to the representative of its symmetry orbit.
 */
import type { Machine } from '../../src/core/machine.js';

export function reachableStates(m: Machine, cap: number, canonical: boolean): Uint8Array[] {
  const s0 = m.initial();
  if (canonical) m.canonicalize(s0);
  const seen = new Set([s0.join(',')]);
  const out = [s0];
  const acts = new Int32Array(m.maxActions);
  for (let i = 0; i < out.length && out.length < cap; i++) {
    const s = out[i]!;
    const n = m.enabled(s, acts);
    for (let k = 0; k < n; k++) {
      const t = new Uint8Array(m.stateSize);
      m.apply(s, acts[k]!, t);
      if (canonical) m.canonicalize(t);
      const key = t.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        out.push(t);
      }
    }
  }
  return out;
}
