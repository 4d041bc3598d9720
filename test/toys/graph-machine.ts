/**
 * A machine given as an explicit directed graph, for unit tests of the code that walks a
 * machine's state graph (src/core/lasso.ts): states are the graph's nodes (a node number in two
 * bytes), and action k is the graph's k-th edge, enabled in its source node (in the order the
 * edges are listed). The rest of the Machine interface is inert: no CPUs, no properties.
 */
import type { Machine } from '../../src/core/machine.js';
import type { State } from '../../src/core/model.js';

/** An edge `[from, to]` between node numbers (below 65,536). */
export type Edge = readonly [number, number];

/** The state of node `n`. */
export const node = (n: number): State => Uint8Array.of(n & 0xff, n >> 8);

/** The node a state stands for. */
export const nodeOf = (s: State): number => s[0]! | (s[1]! << 8);

export function graphMachine(edges: readonly Edge[]): Machine {
  const out = new Map<number, number[]>();
  edges.forEach(([from], k) => out.set(from, [...(out.get(from) ?? []), k]));
  const maxActions = Math.max(1, ...[...out.values()].map((ks) => ks.length));
  const enabled = (s: State, acts: Int32Array): number => {
    const ks = out.get(nodeOf(s)) ?? [];
    ks.forEach((k, i) => (acts[i] = k));
    return ks.length;
  };
  return {
    name: 'graph',
    cpus: 0,
    stateSize: 2,
    maxActions,
    properties: [],
    cpuRoles: [],
    initial: () => node(0),
    enabled,
    // No CPUs, so none is another's twin.
    enabledDistinct: enabled,
    apply: (s, action, next) => {
      const e = edges[action];
      if (e === undefined || e[0] !== nodeOf(s)) throw new Error(`edge ${action} is not enabled in node ${nodeOf(s)}`);
      next.set(node(e[1]));
    },
    info: () => {
      throw new Error('a graph machine has no steps to describe');
    },
    canonicalize: () => undefined,
    finished: () => false,
    symmetric: false,
    blocked: () => [],
    decode: (s) => ({ global: { node: String(nodeOf(s)) }, cpus: [] }),
  };
}
