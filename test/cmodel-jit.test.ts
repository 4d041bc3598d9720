/**
 * A unit's code runs as one generated function (src/cmodel/steps/jit.ts): registers read and
 * written in place in the actor's block, the rest through the instruction closures. What the
 * generated code itself decides, pinned here on small models whose answers follow from C:
 * a signed local kept across steps reads back negative, an unsigned one up to its range's top,
 * a register-only loop of many rounds ends and one that never ends is refused with its
 * location (exit 2, never a hang), and a value out of a local's declared range is a violation.
 * The committed models' verdicts and state counts (their own tests) pin the rest.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { ModelRuntimeError } from '../src/cmodel/exec/frame.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { runCli as run } from './run-cli.js';

beforeAll(async () => {
  await loadCGrammar();
});

function model(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'shootdown-jit-'));
  const file = join(dir, 'm.c');
  writeFileSync(file, text);
  return file;
}

function explore(file: string) {
  const spec = loadCModelSync(file).build(ARCHES['x86-native'], 2, 'sc').spec;
  return bfs(compileModel(spec), { symmetry: false, maxStates: 100_000, timeoutMs: 60_000 });
}

/** `neg` and `big` live across two shared accesses; `shift` is subtracted from `neg` at the end. */
const KEEPER = (shift: number) => `int x;
int y;
static void keeper(void)
{
	__range(-4, 3) int neg = -3;
	__range(0, 200) unsigned int big = 200;
	int i;
	int acc = 0;

	WRITE_ONCE(x, 1);
	for (i = 0; i < 120; i++)
		acc = acc ^ 1;
	WRITE_ONCE(y, acc);
	BUG_ON(neg != -3);
	BUG_ON(big != 200);
	BUG_ON(acc != 0);
	neg = neg - ${shift};
	WRITE_ONCE(x, neg);
}
static void other(void)
{
	WRITE_ONCE(y, READ_ONCE(x));
}
ROLE("keeper", CPU(0), ONCE, keeper);
ROLE("other", CPU(1), ONCE, other);
`;

/** `t` lives within one step (a frame slot, never a state field) and leaves its range there. */
const SCRATCH = `int x;
static void w(void)
{
	__range(0, 3) int t = 3;

	t = t + 1;
	WRITE_ONCE(x, t);
}
static void r(void)
{
	BUG_ON(READ_ONCE(x) == 2);
}
ROLE("w", CPU(0), ONCE, w);
ROLE("r", CPU(1), ONCE, r);
`;

const ENDLESS = `int x;
static void spinner(void)
{
	int r = 0;

	WRITE_ONCE(x, 1);
	while (r < 3) {
		r++;
		if (r == 2)
			r = 0;
	}
	WRITE_ONCE(x, 2);
}
static void checker(void)
{
	BUG_ON(READ_ONCE(x) == 2);
}
ROLE("spinner", CPU(0), ONCE, spinner);
ROLE("checker", CPU(1), ONCE, checker);
`;

describe('generated step code', () => {
  it('keeps a negative local and an unsigned one at its top across steps, and ends a loop of 120 register-only rounds', () => {
    const r = explore(model(KEEPER(1)));
    expect(r.verdict).toBe('holds');
  });

  it('a local taken out of its declared range is a violation, not a wrap-around', () => {
    const r = explore(model(KEEPER(2)));
    expect(r.verdict === 'violated' ? r.property : r.verdict).toBe('value-in-domain');
  });

  it('so is one that lives within a step only, though the value fits where it is stored next', () => {
    const r = explore(model(SCRATCH));
    expect(r.verdict === 'violated' ? r.property : r.verdict).toBe('value-in-domain');
  });

  it('a loop on locals alone that never ends is refused at the step it starts in', () => {
    const file = model(ENDLESS);
    expect(() => explore(file)).toThrow(ModelRuntimeError);
    expect(() => explore(file)).toThrow(/m\.c:4: spinner: a loop with no shared access does not end/);
  });

  it('check says so in one line and exits 2', async () => {
    const r = await run(['check', model(ENDLESS)]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/m\.c:4: spinner: a loop with no shared access does not end$/)]);
  });
});
