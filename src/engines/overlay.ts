/**
 * A view of a state that reads some bytes from elsewhere (another CPU's block, a fixed value)
 * and keeps its own writes apart, so that a step can be run on "the state with these blocks
 * swapped or reset" and its writes compared. Used by the checks that run steps on every path
 * (./cutoff.ts, ./symmetry.ts).
 */
import type { State } from '../core/model.js';

export interface Overlay {
  readonly view: State;
  /** Bytes the step wrote through the view, with their values. */
  readonly written: Map<number, number>;
}

/** A view of `base` that reads byte i from `source(i)` (a byte of `base`, or a value) and keeps its own writes. */
export function overlay(base: State, size: number, source: (i: number) => number | { readonly value: number }): Overlay {
  const written = new Map<number, number>();
  const view = new Proxy(base, {
    get(_t, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop === 'length') return size;
      const i = Number(prop);
      if (!Number.isInteger(i)) return undefined;
      const w = written.get(i);
      if (w !== undefined) return w;
      if (i >= size) return undefined;
      const src = source(i);
      return typeof src === 'number' ? base[src] : src.value;
    },
    set(_t, prop, value: number) {
      const i = Number(prop);
      if (Number.isInteger(i) && i < size) written.set(i, value & 0xff);
      return true;
    },
  });
  return { view, written };
}

