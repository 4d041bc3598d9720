/**
 * Recognises a transition that leads back to the state it left (a self-loop) before the
 * successor is canonicalised and looked up. The state being expanded is already the
 * representative of its orbit and already stored, so such a successor would canonicalise to
 * itself and be found at the source's index: the engine can record that edge without the
 * work. Exact: the answer is a comparison of every byte. In compiled C models a looping task
 * whose pass changes nothing (a fault on a region with no table, an access through the TLB)
 * makes about a fifth of all transitions such loops.
 */
export class SelfLoops {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly aBytes: Uint8Array;
  private readonly bBytes: Uint8Array;
  /** First byte past the whole words. */
  private readonly tail: number;
  private readonly size: number;
  /** The word that differed last time: consecutive successors of one state tend to differ there again. */
  private hint = 0;

  /** `source` and `successor` are the engine's two fixed buffers (each at a 4-byte-aligned offset). */
  constructor(source: Uint8Array, successor: Uint8Array, stateSize: number) {
    if (source.length < stateSize || successor.length < stateSize) throw new Error('SelfLoops: a buffer is shorter than a state');
    const words = Math.floor(stateSize / 4);
    this.a = wordsOf(source, words);
    this.b = wordsOf(successor, words);
    this.aBytes = source;
    this.bBytes = successor;
    this.tail = words * 4;
    this.size = stateSize;
  }

  /** True if the successor buffer holds the same state as the source buffer. */
  same(): boolean {
    const a = this.a;
    const b = this.b;
    const h = this.hint;
    if (h < a.length && a[h] !== b[h]) return false;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        this.hint = i;
        return false;
      }
    }
    for (let i = this.tail; i < this.size; i++) if (this.aBytes[i] !== this.bBytes[i]) return false;
    return true;
  }
}

function wordsOf(bytes: Uint8Array, words: number): Int32Array {
  if (bytes.byteOffset % 4 !== 0) throw new Error('SelfLoops: a state buffer is not 4-byte aligned');
  return new Int32Array(bytes.buffer, bytes.byteOffset, words);
}
