/**
 * Which worker owns a state: the high bits of its word hash. (The visited set probes with the
 * low bits; owning by `hash % workers` would leave each worker's table half used.)
 */
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
  return Math.floor(((hashWords(words) >>> 0) * workers) / 0x100000000);
}
