/**
 * The symmetry declaration checked on the reachable states of the probe model, for models
 * whose steps have too many paths to check on every path (./symmetry.ts): a compiled C model
 * runs a whole kernel function (a csd queue walk, a flush over a cpumask) as one step. Used
 * only where the model also carries a static argument that its code treats every CPU of a
 * symmetric role alike (`ModelSpec.symmetryArgument`: the C compiler's check that no register,
 * constant or per-CPU pair names such a CPU), because a check on reachable states alone says
 * nothing about states that only larger models reach.
 *
 * At the probe size the check is exact: with R the states reachable from the initial state and
 * closed under the swaps of neighbouring CPUs of each symmetric role, every swap σ must keep
 * every property's value (p(σs) = p(s)) and map the successors of s onto the successors of σs
 * (succ(σs) = σ(succ(s)), as multisets), for every s in R. Then the swaps generate
 * automorphisms of the reachable transition system, which is what the reduction needs.
 */
import type { Machine } from '../core/machine.js';
import type { ModelSpec, State } from '../core/model.js';
import { compileModel } from '../core/compile.js';

/** States the check explores at most before it refuses (the probe is a 2-3 CPU model). */
export const MAX_REACHABLE_FOR_SYMMETRY = 400_000;

export type ReachableSymmetry = { readonly applies: true; readonly states: number } | { readonly applies: false; readonly reason: string };

/** The swaps of neighbouring CPUs of each symmetric role with two CPUs or more, as byte maps. */
function swapsOf(spec: ModelSpec): { readonly a: number; readonly b: number; readonly map: (s: State) => State }[] {
  const L = spec.layout;
  const out: { a: number; b: number; map: (s: State) => State }[] = [];
  spec.roles.forEach((r, ri) => {
    if (!r.symmetric) return;
    const members = spec.cpuRoles.flatMap((x, c) => (x === ri ? [c] : []));
    for (let k = 0; k + 1 < members.length; k++) {
      const a = members[k]!;
      const b = members[k + 1]!;
      const map = (s: State): State => {
        const t = Uint8Array.from(s);
        t.set(s.subarray(L.base(a), L.base(a) + L.cpuSize), L.base(b));
        t.set(s.subarray(L.base(b), L.base(b) + L.cpuSize), L.base(a));
        return t;
      };
      out.push({ a, b, map });
    }
  });
  return out;
}

const keyOf = (s: State): string => Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString('latin1');

function successors(m: Machine, s: State, actions: Int32Array): State[] {
  const n = m.enabled(s, actions);
  const out: State[] = [];
  for (let i = 0; i < n; i++) {
    const t = new Uint8Array(m.stateSize);
    m.apply(s, actions[i]!, t);
    out.push(t);
  }
  return out;
}

const sortedKeys = (xs: readonly State[]): string[] => xs.map(keyOf).sort();

export function reachableSymmetry(probe: ModelSpec): ReachableSymmetry {
  const swaps = swapsOf(probe);
  const m = compileModel(probe);
  const actions = new Int32Array(m.maxActions);
  const seen = new Map<string, State>();
  const todo: State[] = [];
  const visit = (s: State): void => {
    const k = keyOf(s);
    if (seen.has(k)) return;
    seen.set(k, s);
    todo.push(s);
  };
  visit(m.initial());
  while (todo.length > 0) {
    if (seen.size > MAX_REACHABLE_FOR_SYMMETRY) {
      return { applies: false, reason: `its steps have too many paths to check symmetry on every path, and the ${probe.layout.cpus}-CPU model has more than ${MAX_REACHABLE_FOR_SYMMETRY} reachable states to check it on` };
    }
    const s = todo.pop()!;
    const next = successors(m, s, actions);
    for (const w of swaps) {
      const t = w.map(s);
      for (const p of m.properties) {
        if (p.check(s) !== p.check(t)) return { applies: false, reason: `property ${p.name} tells CPU${w.a} from CPU${w.b}, declared interchangeable` };
      }
      const mine = sortedKeys(next.map(w.map));
      const theirs = sortedKeys(successors(m, t, actions));
      if (mine.length !== theirs.length || mine.some((k, i) => k !== theirs[i])) {
        return { applies: false, reason: `a step taken with CPU${w.a} and CPU${w.b} swapped does not give the swapped successor, though the two are declared interchangeable` };
      }
      visit(t);
    }
    for (const t of next) visit(t);
  }
  return { applies: true, states: seen.size };
}
