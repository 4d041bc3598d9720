/// <reference lib="es2024.sharedmemory" />
/**
 * The coordinator's side of the shared table of ./shared-visited.ts: (hash, id + 1) slot
 * pairs, 0 marking an empty slot. It is replaced by a bigger copy, never grown in place, and
 * only while no worker runs.
 */
/** A new, empty table of `slots` (a power of two) slot pairs. */
function newTable(slots: number): SharedArrayBuffer {
  return new SharedArrayBuffer(slots * 8);
}

/**
 * Copies every entry of `from` into a new table of `slots` pairs, by stored hash (no state is
 * read). Only while no worker runs.
 */
function rehash(from: SharedArrayBuffer, slots: number): SharedArrayBuffer {
  const old = new Int32Array(from);
  const to = newTable(slots);
  const table = new Int32Array(to);
  const mask = slots - 1;
  for (let s = 0; s < old.length; s += 2) {
    const id1 = old[s + 1]!;
    if (id1 === 0) continue;
    const h = old[s]!;
    let slot = h & mask;
    while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    table[2 * slot] = h;
    table[2 * slot + 1] = id1;
  }
  return to;
}

/** The shared table and its size; rehashed into a bigger one when the workers pause. */
export class Table {
  buffer: SharedArrayBuffer;
  /** A table the workers have not switched to yet. */
  unsent: SharedArrayBuffer | null = null;

  constructor(public slots: number) {
    this.buffer = newTable(slots);
  }

  /** Grows to keep `states` at most a quarter full (only while no worker runs). */
  grow(states: number): void {
    let slots = this.slots;
    while (states * 4 > slots) slots *= 2;
    if (slots === this.slots) return;
    this.buffer = rehash(this.buffer, slots);
    this.slots = slots;
    this.unsent = this.buffer;
  }

  /** The table for the next `run` message if it changed, else null. */
  take(): SharedArrayBuffer | null {
    const t = this.unsent;
    this.unsent = null;
    return t;
  }
}
