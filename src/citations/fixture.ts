/**
 * The skeleton tree that keeps cite-check honest in `npm test` (test/fixtures/kernel): written
 * from a real tree by `cite-check --kernel <tree> --write-fixture <dir>`, it holds, for each
 * code clause that matched that tree, the cited names as empty definitions in the cited files
 * and, for each step of a chain, the callee named in the body of the caller, in the file where
 * the real tree defines the caller. No kernel code: names only. A citation added later that
 * was never checked against a real tree is not in the skeleton and fails the test.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bodyMentions } from './c-scan.js';
import { parseCitation } from './grammar.js';
import type { KernelTree } from './kernel-tree.js';
import type { CiteReport } from './report.js';

type Skeleton = Map<string, Map<string, Set<string>>>;

function define(sk: Skeleton, path: string, name: string): Set<string> {
  const file = sk.get(path) ?? new Map<string, Set<string>>();
  sk.set(path, file);
  const body = file.get(name) ?? new Set<string>();
  file.set(name, body);
  return body;
}

/** The file whose definition of `caller` mentions `callee`: the cited file first, then the tree's order. */
function callerFile(tree: KernelTree, path: string, caller: string, callee: string): string | undefined {
  const file = tree.file(path);
  if (file !== undefined && (file.definitions.get(caller) ?? []).some((d) => bodyMentions(file, d, callee))) return path;
  return tree.definitionsOf(caller).find((at) => tree.mentions(at, callee))?.path;
}

function skeletonOf(tree: KernelTree, report: CiteReport): Skeleton {
  const sk: Skeleton = new Map();
  for (const c of report.citations) {
    if (c.verdict.status !== 'ok') continue;
    const parsed = parseCitation(c.text);
    if (!parsed.ok) continue;
    for (const clause of parsed.clauses) {
      if (clause.kind !== 'code') continue;
      if (clause.chain.length === 0) sk.set(clause.path, sk.get(clause.path) ?? new Map());
      for (const call of clause.chain[0]?.calls ?? []) define(sk, clause.path, call.name);
      for (let i = 1; i < clause.chain.length; i++) {
        const before = clause.chain[i - 1]!.calls;
        const caller = before[before.length - 1]!.name;
        for (const callee of clause.chain[i]!.calls) {
          // A link through calls the citation skips (` -> ... -> `) is written as a direct one.
          const at = callerFile(tree, clause.path, caller, callee.name) ?? tree.definitionsOf(caller)[0]?.path ?? clause.path;
          define(sk, at, caller).add(callee.name);
        }
      }
    }
  }
  return sk;
}

function render(path: string, defs: Map<string, Set<string>>, version: string): string {
  const head = `Skeleton written by cite-check from a Linux ${version} tree: the names src/ cites, not kernel code.`;
  const names = [...defs.keys()].sort();
  if (path.endsWith('.S')) {
    const bodies = names.map((n) => `SYM_CODE_START(${n})\n${[...defs.get(n)!].sort().map((c) => `\t${c}\n`).join('')}SYM_CODE_END(${n})`);
    return `/* ${head} */\n${bodies.join('\n')}\n`;
  }
  const bodies = names.map((n) => `${n}()\n{\n${[...defs.get(n)!].sort().map((c) => `\t${c}();\n`).join('')}}`);
  return `/* ${head} */\n${bodies.join('\n\n')}\n`;
}

export function writeFixture(tree: KernelTree, report: CiteReport, dir: string): number {
  const version = report.version ?? 'unknown';
  const sk = skeletonOf(tree, report);
  rmSync(dir, { recursive: true, force: true });
  const [v, p, s] = version.split('.');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Makefile'), `# ${`Skeleton of a Linux ${version} tree for cite-check's test.`}\nVERSION = ${v ?? ''}\nPATCHLEVEL = ${p ?? ''}\nSUBLEVEL = ${s ?? ''}\n`);
  for (const [path, defs] of [...sk].sort(([a], [b]) => (a < b ? -1 : 1))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), render(path, defs, version));
  }
  return sk.size;
}
