/**
 * goto in a C model, as the kernel's error paths (forward) and retry loops (backward) use it:
 * test/fixtures/cmodels/goto.c retries a cmpxchg once with `goto again` and jumps forward to its
 * success path; at most one claimer counts itself (holds), and goto-wrong.diff, which makes
 * giving up jump to the success path, is violated. A goto to a label its function does not
 * have, a label defined twice, and a goto into or out of an __atomic_block are refused with
 * their location (exit 2).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { runCli as run } from './run-cli.js';

const F = 'test/fixtures/cmodels';

beforeAll(async () => {
  await loadCGrammar();
});

function verdict(patch: string | undefined, symmetry: boolean) {
  const m = loadCModelSync(`${F}/goto.c`, patch === undefined ? {} : { patch: `${F}/${patch}` });
  const r = bfs(compileModel(m.build(ARCHES['x86-native'], 3, 'sc').spec), { symmetry, maxStates: 100_000, timeoutMs: 60_000 });
  return { verdict: r.verdict, property: r.verdict === 'violated' ? r.property : undefined };
}

function model(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'shootdown-goto-'));
  const file = join(dir, 'm.c');
  writeFileSync(file, `int x;\nstatic void cpu(void)\n{\n${body}\n}\nROLE("c", CPU(0), ONCE, cpu);\n`);
  return file;
}

describe('goto', () => {
  it.each([true, false])('a retry loop (backward) and a success path (forward): at most one owner (symmetry %s)', (symmetry) => {
    expect(verdict(undefined, symmetry)).toEqual({ verdict: 'holds', property: undefined });
  });

  it('giving up by a goto to the success path lets two CPUs own the lock', () => {
    expect(verdict('goto-wrong.diff', true)).toEqual({ verdict: 'violated', property: 'BUG_ON(READ_ONCE(owners) > 1)' });
  });

  it.each([
    ['\tif (READ_ONCE(x))\n\t\tgoto done;\n\tWRITE_ONCE(x, 1);', ':5:3: goto done: there is no label \'done\' in cpu()'],
    ['again:\n\tWRITE_ONCE(x, 1);\nagain:\n\tWRITE_ONCE(x, 2);', ":6:1: the label 'again' is defined twice in cpu()"],
    ['\t__atomic_block("a") {\n\t\tif (READ_ONCE(x))\n\t\t\tgoto out;\n\t\tWRITE_ONCE(x, 1);\n\t}\nout:\n\tWRITE_ONCE(x, 2);', ':6:4: goto out enters or leaves an __atomic_block'],
    ['\t__atomic_block("a") {\n\t\tif (READ_ONCE(x))\n\t\t\tgoto in_b;\n\t}\n\t__atomic_block("b") {\nin_b:\n\t\tWRITE_ONCE(x, 2);\n\t}', ':6:4: goto in_b enters or leaves an __atomic_block'],
  ])('refuses %j with its location, exit 2', async (body, message) => {
    const file = model(body);
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(`${file}${message}`);
  });
});
