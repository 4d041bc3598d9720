/**
 * The documentation stays true to the tool: the counterexample traces the README and docs/ show
 * are the committed ones; the cite-check totals the README quotes are what the skeleton of the
 * tree gives; every relative link resolves; and no file refers to a document that is not in the
 * repository.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectCitations, collectCommitIds } from '../src/citations/collect.js';
import { KernelTree } from '../src/citations/kernel-tree.js';
import { checkAll, renderTotals } from '../src/citations/report.js';

const DOCS = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

/** The diagram of a committed counterexample: everything after its header and the blank line. */
function committedDiagram(name: string): string {
  const text = readFileSync(join('counterexamples', `${name}.txt`), 'utf8');
  return text.slice(text.indexOf('\n\n') + 2).trimEnd();
}

function blocks(text: string, open: RegExp, close: string): Array<{ name: string; body: string }> {
  const out: Array<{ name: string; body: string }> = [];
  for (const m of text.matchAll(open)) {
    const start = text.indexOf('```\n', m.index) + 4;
    const end = text.indexOf('```', start);
    const closeAt = text.indexOf(close, m.index);
    if (closeAt < end) throw new Error(`unterminated block ${m[0]}`);
    out.push({ name: m[1] ?? '', body: text.slice(start, end).trimEnd() });
  }
  return out;
}

describe('documentation', () => {
  it('shows the committed counterexample wherever it quotes a trace', () => {
    let quoted = 0;
    for (const file of DOCS) {
      for (const b of blocks(readFileSync(file, 'utf8'), /<!-- trace: ([\w+.-]+)/g, '<!-- end trace -->')) {
        expect(b.body, `${file}: ${b.name}`).toBe(committedDiagram(b.name));
        quoted++;
      }
    }
    expect(quoted).toBeGreaterThanOrEqual(2);
  });

  it('quotes the cite-check totals a run on the skeleton of the tree gives', () => {
    const report = checkAll(new KernelTree(resolve('test', 'fixtures', 'kernel')), collectCitations(), collectCommitIds(resolve('src')));
    const [b] = blocks(readFileSync('README.md', 'utf8'), /<!-- cite-check totals()/g, '<!-- end cite-check totals -->');
    expect(b?.body).toBe(renderTotals(report).join('\n'));
  });

  it('links only to files that exist', () => {
    for (const file of DOCS) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        expect(existsSync(join(dirname(file), target)), `${file} -> ${target}`).toBe(true);
      }
    }
  });

  it('refers to no document outside the repository', () => {
    // The names, spelled in parts so that this file does not match itself.
    const outside = new RegExp(['DESIGN', 'STYLE'].map((d) => `${d}\\.md`).concat(['kernel' + '-notes', '\\.\\./shared/', '/work/' + 'shared', 'seeds/\\d']).join('|'));
    const skip = new Set(['node_modules', 'dist', '.git', 'reports', '.tmp', 'fixtures']);
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        if (skip.has(e)) continue;
        const path = dir === '.' ? e : join(dir, e);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|mjs|md|pml|litmus|json|txt|sh)$/.test(e) || e === 'run') {
          if (outside.test(readFileSync(path, 'utf8'))) found.push(path);
        }
      }
    };
    walk('.');
    expect(found).toEqual([]);
  });
});
