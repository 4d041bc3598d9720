/**
 * Bad input from a user or a file: the CLI prints the message as one line and exits 2,
 * never a stack trace.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message.replace(/\s+/g, ' ').trim());
    this.name = 'InputError';
  }
}
