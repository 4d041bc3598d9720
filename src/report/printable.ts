/**
 * Text for a terminal: control characters (C0 but the line feed, DEL, C1) and the invisible
 * characters that reorder or hide text (bidirectional overrides and isolates, zero-width
 * marks) are written as `\uXXXX`, so a hostile name in a file cannot move the cursor, ring
 * the bell, clear the screen or make a line read backwards. The escape is also valid inside
 * a JSON string, so `--json` output stays parseable.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
