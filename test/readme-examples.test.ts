/**
 * The examples of README.md and docs/ are the tool's output, not typed: each `<!-- example:
 * ARGS -->` block equals what `shootdown ARGS` prints now, each `<!-- trace: NAME -->` block the
 * committed diagram. On a difference, `npm run readme` rewrites them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandOutput, committedDiagram, documentedFiles, renderExamples } from '../src/cli/readme-examples.js';

describe('README and docs examples', () => {
  for (const file of documentedFiles()) {
    it(`${file}: every example is what the tool prints (else: npm run readme)`, async () => {
      const text = readFileSync(file, 'utf8');
      expect(await renderExamples(text, commandOutput, (name) => committedDiagram(name))).toBe(text);
      // `mutate models/eqs-kick.c` runs a few hundred model checks (once per process: the docs show it too).
    }, 600_000);
  }

  it('README shows examples, and every line of them fits 80 columns', () => {
    const text = readFileSync('README.md', 'utf8');
    const examples = [...text.matchAll(/<!-- example: .+? -->\n```\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const e of examples) for (const line of e.split('\n').slice(1)) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
