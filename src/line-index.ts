/** Where each line of a text starts, and which line an offset is on (1-based lines). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }

  /** The offset of line `line`'s first character, or undefined past the last line. */
  start(line: number): number | undefined {
    return this.starts[line - 1];
  }

  /** The line `offset` is on. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
