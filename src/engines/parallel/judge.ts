/**
 * Progress (every-wait-completes) on the graph the workers explored: is there a state from
 * which no path reaches a state where every non-looping program finished? The same backward
 * reachability as `EdgeLog.cannotReach` (../edge-log.ts), over the workers' edge segments
 * (dense state numbers) instead of one log.
 */
export interface Segment {
  readonly from: Int32Array;
  readonly to: Int32Array;
}

/** True if some state of `states` cannot reach a state marked in `done`. */
export function someStuck(states: number, segments: readonly Segment[], done: Uint8Array): boolean {
  // Predecessor lists in compressed-sparse-row form, indexed by target.
  const start = new Int32Array(states + 1);
  let edges = 0;
  for (const { to } of segments) {
    edges += to.length;
    for (let e = 0; e < to.length; e++) start[to[e]! + 1]!++;
  }
  for (let i = 0; i < states; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, states);
  const preds = new Int32Array(edges);
  for (const { from, to } of segments) for (let e = 0; e < to.length; e++) preds[fill[to[e]!]!++] = from[e]!;

  const ok = new Uint8Array(states);
  const stack = new Int32Array(states);
  let sp = 0;
  let reached = 0;
  for (let i = 0; i < states; i++) {
    if (done[i] !== 0) {
      ok[i] = 1;
      stack[sp++] = i;
      reached++;
    }
  }
  while (sp > 0) {
    const x = stack[--sp]!;
    for (let k = start[x]!; k < start[x + 1]!; k++) {
      const p = preds[k]!;
      if (ok[p] === 0) {
        ok[p] = 1;
        stack[sp++] = p;
        reached++;
      }
    }
  }
  return reached < states;
}
