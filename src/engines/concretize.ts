/**
 * Maps a path of orbit representatives (symmetry-reduced states) back to concrete actions on
 * the unreduced machine: from each concrete state, pick the first enabled action whose
 * successor has the next representative. By symmetry one always exists.
 */
import type { Machine } from '../core/machine.js';

/** No concrete step reaches the next recorded orbit: the model is not symmetric as declared. */
export class SymmetryUnsound extends Error {}

export function concretize(machine: Machine, canonicalStates: readonly Uint8Array[]): number[] {
  let cur = machine.initial();
  const next = new Uint8Array(machine.stateSize);
  const probe = new Uint8Array(machine.stateSize);
  const acts = new Int32Array(machine.maxActions);
  const out: number[] = [];
  for (const target of canonicalStates) {
    const n = machine.enabled(cur, acts);
    let chosen = -1;
    for (let k = 0; k < n && chosen < 0; k++) {
      machine.apply(cur, acts[k]!, next);
      probe.set(next);
      machine.canonicalize(probe);
      if (sameBytes(probe, target)) chosen = acts[k]!;
    }
    if (chosen < 0) throw new SymmetryUnsound(`${machine.name}: symmetry reduction is unsound here (no concrete step reaches the recorded orbit)`);
    machine.apply(cur, chosen, next);
    cur = Uint8Array.from(next);
    out.push(chosen);
  }
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
