/**
 * The examples in README.md and docs/ are the tool's own output, never typed: a fenced block
 * after `<!-- example: ARGS -->` (up to `<!-- end example -->`) holds `$ npx shootdown ARGS`
 * and what that command prints; one after `<!-- trace: NAME -->` (up to `<!-- end trace -->`)
 * holds the diagram of the committed counterexample NAME. `npm run readme` rewrites them;
 * test/readme-examples.test.ts checks that the files equal a fresh rendering.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../cli.js';

/** The files whose examples are generated. */
export function documentedFiles(root = '.'): string[] {
  const docs = join(root, 'docs');
  let inDocs: string[] = [];
  try {
    inDocs = readdirSync(docs)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => join(docs, f));
  } catch {
    // No docs/ folder.
  }
  return [join(root, 'README.md'), ...inDocs];
}

/** What `shootdown ARGS` prints on stdout (run once per process: an example shown twice costs once). */
export async function commandOutput(args: readonly string[]): Promise<string> {
  const key = args.join('\u0000');
  const done = printed.get(key);
  if (done !== undefined) return done;
  let out = '';
  await main(args, (s) => {
    out += s;
  });
  printed.set(key, out);
  return out;
}

const printed = new Map<string, string>();

/** The diagram of a committed counterexample: its `.txt` after the header and the blank line. */
export function committedDiagram(name: string, root = '.'): string {
  const text = readFileSync(join(root, 'counterexamples', `${name}.txt`), 'utf8');
  return text.slice(text.indexOf('\n\n') + 2);
}

const MARKER = /<!-- (example|trace): (.+?) -->\n/g;

/** `text` with every example and trace block regenerated. */
export async function renderExamples(text: string, run: (args: readonly string[]) => Promise<string>, diagram: (name: string) => string): Promise<string> {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(MARKER)) {
    const kind = m[1]!;
    const what = m[2]!.trim();
    const open = text.indexOf('```\n', m.index);
    const end = text.indexOf(`<!-- end ${kind} -->`, m.index);
    if (open < 0 || end < 0 || open > end) throw new Error(`${kind} '${what}': no fenced block before <!-- end ${kind} -->`);
    // A trace marker may say more after the name: `<!-- trace: NAME (why it is here) -->`.
    const body = kind === 'trace' ? diagram(what.split(' ')[0]!) : `$ npx shootdown ${what}\n${await run(what.split(' '))}`;
    out += text.slice(at, open) + '```\n' + body.replace(/\n*$/, '\n') + '```\n';
    at = end;
  }
  return out + text.slice(at);
}

async function rewriteAll(): Promise<void> {
  for (const file of documentedFiles()) {
    const text = readFileSync(file, 'utf8');
    const next = await renderExamples(text, commandOutput, (name) => committedDiagram(name));
    if (next !== text) {
      writeFileSync(file, next);
      process.stdout.write(`rewrote the examples of ${file}\n`);
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await rewriteAll();
