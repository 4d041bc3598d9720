/**
 * Kernel wording for the few model shorthands a step's text still carries, applied where a
 * trace is drawn for readers (diagrams, HTML reports): each entry replaces a phrase a reader
 * of the mail could not decode with what the kernel does.
 */
const PHRASES: readonly (readonly [string, string])[] = [
  ['(lazy skipped)', '(CPUs in lazy TLB mode not IPIed)'],
  ['(lazy woken)', '(CPUs in lazy TLB mode IPIed too)'],
];

export function kernelWording(text: string): string {
  return PHRASES.reduce((t, [from, to]) => t.split(from).join(to), text);
}
