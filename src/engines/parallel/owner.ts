/** Which worker owns a state: its word hash (the visited set's own) modulo the worker count. */
import { hashWords } from '../state-store.js';

let words = new Int32Array(1);
let bytes = new Uint8Array(words.buffer);

export function ownerOf(s: Uint8Array, workers: number): number {
  const n = Math.max(1, Math.ceil(s.length / 4));
  if (words.length !== n) {
    words = new Int32Array(n);
    bytes = new Uint8Array(words.buffer);
  }
  bytes.set(s);
  return (hashWords(words) >>> 0) % workers;
}
