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
import type { ModelSpec, State } from '../core/model.js';
import { compileModel } from '../core/compile.js';
import { StateStore } from './state-store.js';

/** States the check explores at most before it refuses (the probe is a 2-3 CPU model). */
export const MAX_REACHABLE_FOR_SYMMETRY = 400_000;

export type ReachableSymmetry = { readonly applies: true; readonly states: number } | { readonly applies: false; readonly reason: string };

/** The swaps of neighbouring CPUs of each symmetric role with two CPUs or more, as in-place block exchanges. */
function swapsOf(spec: ModelSpec): { readonly a: number; readonly b: number; readonly map: (s: State, out: State) => void }[] {
  const L = spec.layout;
  const out: { a: number; b: number; map: (s: State, out: State) => void }[] = [];
  spec.roles.forEach((r, ri) => {
    if (!r.symmetric) return;
    const members = spec.cpuRoles.flatMap((x, c) => (x === ri ? [c] : []));
    for (let k = 0; k + 1 < members.length; k++) {
      const a = members[k]!;
      const b = members[k + 1]!;
      const map = (s: State, t: State): void => {
        t.set(s);
        t.set(s.subarray(L.base(a), L.base(a) + L.cpuSize), L.base(b));
        t.set(s.subarray(L.base(b), L.base(b) + L.cpuSize), L.base(a));
      };
      out.push({ a, b, map });
    }
  });
  return out;
}

/**
 * The states of R are kept in a StateStore (index: order of discovery); successors are
 * compared as multisets of store indices. Every state interned is in R: a successor is
 * reachable, and a swapped successor or a swapped state is a swap of a state of R.
 */
export function reachableSymmetry(probe: ModelSpec): ReachableSymmetry {
  const swaps = swapsOf(probe);
  const m = compileModel(probe);
  const size = m.stateSize;
  const actions = new Int32Array(m.maxActions);
  const store = new StateStore(size);
  const cur = new Uint8Array(size);
  const t = new Uint8Array(size);
  const next = new Uint8Array(size);
  const swapped = new Uint8Array(size);
  const succ = new Int32Array(m.maxActions);
  const mine = new Int32Array(m.maxActions);
  const theirs = new Int32Array(m.maxActions);
  const id = (s: State): number => {
    const r = store.intern(s);
    return r >= 0 ? r : ~r;
  };
  /** Store indices of the successors of `s` (the `n` first of `into`, ascending). */
  const successorIds = (s: State, into: Int32Array): number => {
    const n = m.enabled(s, actions);
    for (let i = 0; i < n; i++) {
      m.apply(s, actions[i]!, next);
      into[i] = id(next);
    }
    into.subarray(0, n).sort();
    return n;
  };
  store.intern(m.initial());
  for (let h = 0; h < store.count; h++) {
    if (store.count > MAX_REACHABLE_FOR_SYMMETRY) {
      return { applies: false, reason: `its steps have too many paths to check symmetry on every path, and the ${probe.layout.cpus}-CPU model has more than ${MAX_REACHABLE_FOR_SYMMETRY} reachable states to check it on` };
    }
    store.read(h, cur);
    const n = m.enabled(cur, actions);
    const own = actions.slice(0, n);
    for (const w of swaps) {
      w.map(cur, t);
      for (const p of m.properties) {
        if (p.check(cur) !== p.check(t)) return { applies: false, reason: `property ${p.name} tells CPU${w.a} from CPU${w.b}, declared interchangeable` };
      }
      for (let i = 0; i < n; i++) {
        m.apply(cur, own[i]!, next);
        w.map(next, swapped);
        mine[i] = id(swapped);
      }
      mine.subarray(0, n).sort();
      const k = successorIds(t, theirs);
      let same = k === n;
      for (let i = 0; same && i < n; i++) same = mine[i] === theirs[i];
      if (!same) {
        return { applies: false, reason: `a step taken with CPU${w.a} and CPU${w.b} swapped does not give the swapped successor, though the two are declared interchangeable` };
      }
      id(t);
    }
    successorIds(cur, succ);
  }
  return { applies: true, states: store.count };
}
