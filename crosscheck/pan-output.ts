/**
 * Reads pan's report: "errors: N", the stored-state count, the failing assertion (or other
 * error), the last progress count, and the signs of an incomplete search ("max search depth too small", out of memory).
 */
export interface PanReport {
  readonly errors: number | null;
  readonly states: number | null;
  /** The last progress line's "States=" count (pan prints one per million stored): a lower bound when the run was cut off. */
  readonly progressStates: number | null;
  /** "assertion violated (EXPR)" -> EXPR; other errors by their message; null if none. */
  readonly failure: { readonly kind: 'assertion' | 'other'; readonly text: string } | null;
  /** Why the search is not exhaustive, or null if it is. */
  readonly incomplete: string | null;
}

export function parsePanOutput(out: string): PanReport {
  const errors = out.match(/errors: (\d+)/);
  const states = out.match(/([\d.e+]+) states, stored/);
  const progress = [...out.matchAll(/States=\s*([\d.e+]+)/g)].at(-1);
  const assertion = out.match(/assertion violated (.*) \(at depth \d+\)/);
  const other = out.match(/pan:\d+: (invalid end state|[^\n]*?) \(at depth \d+\)/);
  const incomplete = /max search depth too small/.test(out)
    ? 'max search depth too small'
    : /out of memory/.test(out)
      ? 'out of memory'
      : null;
  return {
    errors: errors?.[1] !== undefined ? Number(errors[1]) : null,
    states: states?.[1] !== undefined ? Number(states[1]) : null,
    progressStates: progress?.[1] !== undefined ? Number(progress[1]) : null,
    failure:
      assertion?.[1] !== undefined
        ? { kind: 'assertion', text: stripParens(assertion[1].trim()) }
        : other?.[1] !== undefined
          ? { kind: 'other', text: other[1] }
          : null,
    incomplete,
  };
}

/** pan prints "assertion violated (EXPR)"; drop that one pair of parentheses. */
function stripParens(s: string): string {
  return s.startsWith('(') && s.endsWith(')') ? s.slice(1, -1).trim() : s;
}
