/**
 * The one error a litmus user sees: a single line (`line N: message`), never a stack trace.
 * The CLI prints `err.message` and exits non-zero.
 */
export class LitmusError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    const text = line === null ? message : `line ${line}: ${message}`;
    super(text.replace(/\s*\n\s*/g, ' '));
    this.name = 'LitmusError';
  }
}
