/**
 * `npm run cite-check -- --kernel <tree> [--all] [--write-fixture <dir>]`: checks every
 * citation and commit id in src/ against a kernel source tree (docs/citations.md).
 * Exit 0: every code citation matches; 1: some do not; 2: bad input (one line on stderr).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectCitations, collectCommitIds } from './collect.js';
import { writeFixture } from './fixture.js';
import { KernelTree } from './kernel-tree.js';
import { checkAll, failures, renderReport } from './report.js';

interface Options {
  readonly kernel: string;
  readonly all: boolean;
  readonly writeFixture: string | undefined;
}

function parseArgs(argv: readonly string[]): Options | string {
  let kernel: string | undefined;
  let fixture: string | undefined;
  let all = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--all') all = true;
    else if (a === '--kernel' || a === '--write-fixture') {
      const v = argv[++i];
      if (v === undefined || v === '' || v.startsWith('--')) return `${a} needs a directory`;
      if (a === '--kernel') kernel = v;
      else fixture = v;
    } else return `unknown argument '${a}' (usage: cite-check --kernel <tree> [--all] [--write-fixture <dir>])`;
  }
  if (kernel === undefined) return 'missing --kernel <tree> (a kernel source tree, e.g. a 7.x release)';
  if (!existsSync(kernel) || !statSync(kernel).isDirectory()) return `--kernel ${kernel}: not a directory`;
  if (!existsSync(resolve(kernel, 'mm')) || !existsSync(resolve(kernel, 'include'))) return `--kernel ${kernel}: no mm/ and include/: not a kernel tree`;
  return { kernel: resolve(kernel), all, writeFixture: fixture };
}

export function citeCheck(argv: readonly string[], srcDir: string, out: (s: string) => void, err: (s: string) => void): number {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    err(`cite-check: ${opts}\n`);
    return 2;
  }
  const tree = new KernelTree(opts.kernel);
  const report = checkAll(tree, collectCitations(), collectCommitIds(srcDir));
  out(renderReport(report, opts.all));
  if (opts.writeFixture !== undefined) {
    try {
      const n = writeFixture(tree, report, resolve(opts.writeFixture));
      out(`wrote a skeleton of ${n} files to ${opts.writeFixture}\n`);
    } catch (e) {
      err(`cite-check: --write-fixture ${opts.writeFixture}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
      return 2;
    }
  }
  return failures(report).length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = citeCheck(process.argv.slice(2), resolve('src'), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
