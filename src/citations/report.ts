/**
 * Checking everything cite-check collects against one tree, and the table it prints: one line
 * per citation with its status (failures first, each with its reason), the commit ids, totals.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkCitation, type Verdict } from './check.js';
import type { Citation, CommitId } from './collect.js';
import { MARKED_KINDS } from './grammar.js';
import type { KernelTree } from './kernel-tree.js';

export interface CitationResult extends Citation {
  readonly verdict: Verdict;
}

export type CommitStatus = 'in-history' | 'not-in-history' | 'no-history';
export interface CommitResult extends CommitId {
  readonly status: CommitStatus;
}

export interface CiteReport {
  readonly tree: string;
  readonly version: string | undefined;
  readonly citations: readonly CitationResult[];
  readonly commits: readonly CommitResult[];
}

function commitStatus(root: string, id: string): CommitStatus {
  if (!existsSync(join(root, '.git'))) return 'no-history';
  try {
    execFileSync('git', ['-C', root, 'cat-file', '-e', `${id}^{commit}`], { stdio: 'ignore' });
    return 'in-history';
  } catch {
    return 'not-in-history';
  }
}

export function checkAll(tree: KernelTree, citations: readonly Citation[], commits: readonly CommitId[]): CiteReport {
  return {
    tree: tree.root,
    version: tree.version(),
    citations: citations.map((c) => ({ ...c, verdict: checkCitation(tree, c.text) })),
    commits: commits.map((c) => ({ ...c, status: commitStatus(tree.root, c.id) })),
  };
}

export function failures(r: CiteReport): readonly CitationResult[] {
  return r.citations.filter((c) => c.verdict.status === 'failed');
}

/** Wrap `text` to `width` columns, continuation lines indented by `indent`. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line.length === 0 ? word : `${line} ${word}`;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function label(v: Verdict): string {
  return v.status === 'failed' ? 'FAILED' : v.status === 'marked' ? v.kinds.join('+') : v.kinds.length > 0 ? `ok+${v.kinds.join('+')}` : 'ok';
}

const ORDER: Record<Verdict['status'], number> = { failed: 0, ok: 1, marked: 2 };

export function renderReport(r: CiteReport, all: boolean): string {
  const out: string[] = [`cite-check: Linux ${r.version ?? '(no version in Makefile)'} at ${r.tree}`, ''];
  const shown = r.citations.filter((c) => all || c.verdict.status !== 'ok').sort((a, b) => ORDER[a.verdict.status] - ORDER[b.verdict.status]);
  for (const c of shown) {
    const tag = label(c.verdict).padEnd(14);
    out.push(...wrap(`${tag}${c.text}`, 80, ' '.repeat(16)));
    if (c.verdict.status === 'failed') out.push(...wrap(`${' '.repeat(16)}-> ${c.verdict.reason}`, 80, ' '.repeat(19)));
  }
  if (!all) out.push(`(${r.citations.length - shown.length} citations that match the tree not listed; --all lists them)`);
  const history = r.commits.every((c) => c.status === 'no-history') ? 'the tree has no git history to look them up' : 'looked up in the tree\'s git history';
  out.push('', `commit ids named in src/ (history; ${history}):`);
  for (const c of r.commits) out.push(...wrap(`  ${c.id.slice(0, 12)}  ${c.status === 'no-history' ? '' : `${c.status}  `}${c.files.join(', ')}`, 80, ' '.repeat(16)));
  out.push('', ...renderTotals(r));
  return `${out.join('\n')}\n`;
}

export function renderTotals(r: CiteReport): string[] {
  const count = (s: Verdict['status']) => r.citations.filter((c) => c.verdict.status === s).length;
  const kinds = MARKED_KINDS.map((k) => [k, r.citations.filter((c) => c.verdict.status !== 'failed' && c.verdict.kinds.includes(k)).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const inHistory = r.commits.filter((c) => c.status === 'in-history').length;
  const commits = r.commits.some((c) => c.status !== 'no-history') ? `${r.commits.length} commit ids (${inHistory} in the tree's history)` : `${r.commits.length} commit ids (history)`;
  return [
    `totals: ${r.citations.length} citations: ${count('ok')} match the tree, ${count('failed')} do not,`,
    `        ${count('marked')} name only a patch, history, a spec or the model`,
    `        (clauses marked: ${kinds || 'none'}); ${commits}`,
  ];
}
