/**
 * The grammar of a `source:` citation (docs/citations.md), so that every one can be checked
 * against a kernel tree:
 *
 *   citation := clause (" | " clause)*
 *   clause   := kind ": " text                  a deliberate citation of something not in the tree
 *             | path [": " chain]               code of the tree
 *   kind     := patch | history | spec | model
 *   chain    := level (arrow level)*             each level's names are mentioned in the body of
 *   arrow    := " -> " | " = " | " -> ... -> "    the last name of the level before (through
 *   level    := call ((", " | "; ") call)*       calls not written out, up to 6 deep, after
 *   call     := name ["(" args ")"] [" (" remark ")"]   " -> ... -> "); the first level's names
 *                                                are defined in `path`
 *
 * `patch` is a posted patch or RFC that is not in mainline, `history` is code as it was before
 * a named commit, `spec` an architecture manual, `model` a step of the model itself (a store
 * buffer draining, "the caller continues") that stands for no kernel line.
 */

export type MarkedKind = 'patch' | 'history' | 'spec' | 'model';
export const MARKED_KINDS: readonly MarkedKind[] = ['patch', 'history', 'spec', 'model'];

export interface Call {
  readonly name: string;
}

/** Calls at one depth of a chain; `transitive`: reached through calls the citation skips. */
export interface Level {
  readonly calls: readonly Call[];
  readonly transitive: boolean;
}

export type Clause =
  | { readonly kind: 'code'; readonly path: string; readonly chain: readonly Level[] }
  | { readonly kind: MarkedKind; readonly text: string };

export type Parsed = { readonly ok: true; readonly clauses: readonly Clause[] } | { readonly ok: false; readonly error: string };

/** Split at `sep` outside parentheses. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(from, i));
      from = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** Split a chain into levels and calls at the top-level separators. */
function tokenizeChain(text: string): Array<{ calls: string[]; transitive: boolean }> | string {
  const levels: Array<{ calls: string[]; transitive: boolean }> = [{ calls: [], transitive: false }];
  let depth = 0;
  let from = 0;
  const push = (end: number) => levels[levels.length - 1]!.calls.push(text.slice(from, end).trim());
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (--depth < 0) return 'unbalanced ")"';
    } else if (depth === 0) {
      const transitive = text.startsWith(' -> ... -> ', i);
      const arrow = transitive ? 11 : text.startsWith(' -> ', i) ? 4 : text.startsWith(' = ', i) ? 3 : 0;
      if (arrow > 0) {
        push(i);
        levels.push({ calls: [], transitive });
        from = i + arrow;
        i += arrow - 1;
      } else if ((c === ',' || c === ';') && text[i + 1] === ' ') {
        push(i);
        from = i + 2;
        i++;
      }
    }
  }
  if (depth !== 0) return 'unbalanced "("';
  push(text.length);
  return levels;
}

const CALL = /^([A-Za-z_$][\w$]*)(\((?:[^()]|\([^()]*\))*\))?(?: \(.*\))?$/s;

function parseCode(text: string): Clause | string {
  const m = /^([a-z0-9_][\w.+-]*(?:\/[\w.+-]+)+)(?:: (.*))?$/s.exec(text);
  if (!m) return `not a kernel path and not marked patch:, history:, spec: or model: "${text}"`;
  const path = m[1]!;
  if (m[2] === undefined) return { kind: 'code', path, chain: [] };
  const tokens = tokenizeChain(m[2]);
  if (typeof tokens === 'string') return `${tokens} in "${text}"`;
  const chain: Level[] = [];
  for (const level of tokens) {
    const calls: Call[] = [];
    for (const t of level.calls) {
      const c = CALL.exec(t);
      if (!c) return `"${t}" is not name(), name(args) or name() (remark) in "${text}"`;
      calls.push({ name: c[1]! });
    }
    chain.push({ calls, transitive: level.transitive });
  }
  return { kind: 'code', path, chain };
}

export function parseCitation(citation: string): Parsed {
  const clauses: Clause[] = [];
  for (const raw of splitTop(citation, ' | ')) {
    const text = raw.trim();
    const marked = /^(patch|history|spec|model): (.+)$/s.exec(text);
    if (marked) {
      clauses.push({ kind: marked[1] as MarkedKind, text: marked[2]! });
      continue;
    }
    const code = parseCode(text);
    if (typeof code === 'string') return { ok: false, error: code };
    clauses.push(code);
  }
  return { ok: true, clauses };
}
