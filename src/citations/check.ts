/**
 * One citation against one kernel tree: every code clause's file exists, the names of its first
 * level are defined in that file, and each later name is mentioned in the body of the name
 * before it (wherever in the tree that one is defined). Marked clauses (patch, history, spec,
 * model) are reported as what they say they are and are not looked up.
 */
import { bodyMentions } from './c-scan.js';
import { parseCitation, type Call, type Clause, type MarkedKind } from './grammar.js';
import type { KernelTree } from './kernel-tree.js';

/**
 * `ok`: every code clause checks (any marked clauses beside them are listed in `kinds`);
 * `marked`: the citation has no code clause, only deliberate patch/history/spec/model ones;
 * `failed`: it does not parse, or a code clause does not match the tree.
 */
export type Verdict =
  | { readonly status: 'ok' | 'marked'; readonly kinds: readonly MarkedKind[] }
  | { readonly status: 'failed'; readonly reason: string };

/** Is `name` defined in the file at `path`? */
function definedIn(tree: KernelTree, path: string, name: string): boolean {
  return (tree.file(path)?.definitions.get(name)?.length ?? 0) > 0;
}

/** Where else the tree defines `name`, for the reason of a failure. */
function elsewhere(tree: KernelTree, name: string): string {
  const found = tree.definitionsOf(name).map((d) => d.path);
  if (found.length === 0) return 'defined nowhere in the tree';
  const shown = [...new Set(found)].slice(0, 3).join(', ');
  return `defined in ${shown}${found.length > 3 ? ', ...' : ''}`;
}

/** Is `callee` mentioned in some definition of `caller` (in `path` first, else anywhere)? */
function calls(tree: KernelTree, path: string, caller: string, callee: string): boolean {
  const file = tree.file(path);
  const local = file?.definitions.get(caller) ?? [];
  if (file !== undefined && local.some((d) => bodyMentions(file, d, callee))) return true;
  return tree.definitionsOf(caller).some((at) => tree.mentions(at, callee));
}

/** How many calls deep ` -> ... -> ` may look. */
export const REACH_DEPTH = 6;

/** Does `caller` reach `callee` through at most REACH_DEPTH calls (breadth first)? */
function reaches(tree: KernelTree, path: string, caller: string, callee: string): boolean {
  let frontier = [caller];
  const seen = new Set(frontier);
  for (let depth = 0; depth < REACH_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const name of frontier) {
      if (calls(tree, path, name, callee)) return true;
      for (const callee2 of tree.calleesOf(path, name)) {
        if (!seen.has(callee2)) {
          seen.add(callee2);
          next.push(callee2);
        }
      }
    }
    frontier = next;
  }
  return false;
}

function checkCode(tree: KernelTree, clause: Extract<Clause, { kind: 'code' }>): string | undefined {
  if (tree.file(clause.path) === undefined) return `${clause.path}: no such file`;
  const [first, ...rest] = clause.chain;
  for (const c of first?.calls ?? []) {
    if (!definedIn(tree, clause.path, c.name)) return `${c.name}() is not defined in ${clause.path} (${elsewhere(tree, c.name)})`;
  }
  let caller: Call | undefined = first?.calls[first.calls.length - 1];
  for (const level of rest) {
    for (const c of level.calls) {
      if (caller === undefined) continue;
      const found = level.transitive ? reaches(tree, clause.path, caller.name, c.name) : calls(tree, clause.path, caller.name, c.name);
      if (!found) {
        const known = tree.definitionsOf(caller.name).length > 0 || definedIn(tree, clause.path, caller.name);
        if (!known) return `${caller.name}() is ${elsewhere(tree, caller.name)}`;
        return level.transitive ? `${caller.name}() does not reach ${c.name} within ${REACH_DEPTH} calls` : `${caller.name}() does not mention ${c.name}`;
      }
    }
    caller = level.calls[level.calls.length - 1];
  }
  return undefined;
}

export function checkCitation(tree: KernelTree, citation: string): Verdict {
  const parsed = parseCitation(citation);
  if (!parsed.ok) return { status: 'failed', reason: parsed.error };
  const kinds: MarkedKind[] = [];
  for (const clause of parsed.clauses) {
    if (clause.kind === 'code') {
      const reason = checkCode(tree, clause);
      if (reason !== undefined) return { status: 'failed', reason };
    } else if (!kinds.includes(clause.kind)) {
      kinds.push(clause.kind);
    }
  }
  return { status: parsed.clauses.some((c) => c.kind === 'code') ? 'ok' : 'marked', kinds };
}
