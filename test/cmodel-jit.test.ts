/**
 * A unit's code runs as one generated function (src/cmodel/steps/jit.ts): registers read and
 * written in place in the actor's block, the rest through the instruction closures. What the
 * generated code itself decides, pinned here on small models whose answers follow from C:
 * a signed local kept across steps reads back negative, an unsigned one up to its range's top,
 * a register-only loop of many rounds ends and one that never ends is refused with its
 * location (exit 2, never a hang), and a value out of a local's declared range is a violation.
 * The committed models' verdicts and state counts (their own tests) pin the rest.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { ModelRuntimeError } from '../src/cmodel/exec/frame.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import type { Instr, Reg } from '../src/cmodel/ir.js';
import type { CodegenContext } from '../src/cmodel/exec/codegen.js';
import type { Frame } from '../src/cmodel/exec/frame.js';
import { unitCompiler, type JitInput } from '../src/cmodel/steps/jit.js';
import { compileInstr } from '../src/cmodel/exec/codegen.js';
import { registerAccess, type RegShape } from '../src/cmodel/build/registers.js';
import { blockingMap, interpretStep } from '../src/cmodel/steps/interpret.js';
import { writeModel } from './model-file.js';
import { runCli as run } from './run-cli.js';

beforeAll(async () => {
  await loadCGrammar();
});

const model = (text: string): string => writeModel(text, 'jit');

/** `hotStep` 0: every step as generated code from its first run; Infinity: interpreted only. */
function explore(file: string, hotStep = Infinity) {
  const spec = loadCModelSync(file).build(ARCHES['x86-native'], 2, 'sc', undefined, { hotStep }).spec;
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

/** `t` lives within one step (a frame slot, never a state field: set and read after the store, in its step) and leaves its range there. */
const SCRATCH = `int x;
static void w(void)
{
	__range(0, 3) int t;

	WRITE_ONCE(x, 1);
	t = 3;
	t = t + 1;
	BUG_ON(t == 0);
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
    for (const hot of [0, Infinity]) expect(explore(model(KEEPER(1)), hot).verdict).toBe('holds');
  });

  it('a local taken out of its declared range is a violation, not a wrap-around', () => {
    for (const hot of [0, Infinity]) {
      const r = explore(model(KEEPER(2)), hot);
      expect(r.verdict === 'violated' ? r.property : r.verdict).toBe('value-in-domain');
    }
  });

  it('so is one that lives within a step only', () => {
    for (const hot of [0, Infinity]) {
      const r = explore(model(SCRATCH), hot);
      expect(r.verdict === 'violated' ? r.property : r.verdict).toBe('value-in-domain');
    }
  });

  it('a loop on locals alone that never ends is refused at the step it starts in', () => {
    const file = model(ENDLESS);
    for (const hot of [0, Infinity]) {
      expect(() => explore(file, hot)).toThrow(ModelRuntimeError);
      expect(() => explore(file, hot)).toThrow(/m\.c:4: spinner: a loop with no shared access does not end/);
    }
  });

  it('check says so in one line and exits 2', async () => {
    const r = await run(['check', model(ENDLESS)]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/m\.c:4: spinner: a loop with no shared access does not end$/)]);
  });
});

describe('generated code and the interpreter on hand-made code', () => {
  const loc = { file: 'm.c', line: 1, col: 1 };
  const r0: Reg = { id: 0, name: 'f.r', lo: 0, hi: 3, cpuValued: false };
  // r = 2; while (r != 0) r = r - 1; BUG_ON(r != 0) (property 7); end
  const instrs: Instr[] = [
    { loc, text: 'r = 2', op: 'set', dst: r0, args: [{ k: 'c', v: 2 }], fn: (a) => a[0]! },
    { loc, text: 'r != 0', op: 'br', cond: { k: 'r', r: r0 }, t: 2, f: 4 },
    { loc, text: 'r = r - 1', op: 'set', dst: r0, args: [{ k: 'r', r: r0 }], fn: (a) => a[0]! - 1 },
    { loc, text: 'loop', op: 'jmp', t: 1 },
    { loc, text: 'BUG_ON(r != 0)', op: 'assert', cond: { k: 'r', r: r0 }, property: 7 },
    { loc, text: 'end', op: 'end' },
  ];
  const build = (how: readonly number[] | 'interpreted', field: boolean, budget = 10) => {
    const violated: number[] = [];
    const frame: Frame = { s: new Uint8Array(8), cpu: 0, task: 0, scratch: new Float64Array(4), blocked: false, sbSpill: [] };
    const shape = (): RegShape => (field ? { k: 'field', field: 5, lo: 0, hi: 3 } : { k: 'scratch', id: 0, lo: 0, hi: 3 });
    const outOfDomain = (): void => void violated.push(-1);
    const cg = { regs: registerAccess(shape, 2, 6, outOfDomain), violate: (_x: Frame, p: number) => violated.push(p) } as unknown as CodegenContext;
    const input: JitInput = {
      instrs,
      code: instrs.map((ins, k) => compileInstr(cg, ins, k, () => () => {})),
      stepAt: Int32Array.from([0, -1, -1, -1, -1, -1]),
      visible: new Uint8Array(6),
      nesting: new Int8Array(6),
      loop: false,
      dead: [new Int32Array(0)],
      all: Int32Array.from(field ? [5] : []),
      cpuBase: 2,
      cpuSize: 6,
      cg,
      shape,
      outOfDomain,
      tooLong: () => {
        throw new Error('endless');
      },
      budget,
    };
    const run = how === 'interpreted' ? (x: Frame) => interpretStep(input, blockingMap(instrs), x, 0) : unitCompiler(input).step(0, how);
    return { run, frame, violated };
  };

  it('a step whose generated function lacks instructions it reaches goes on in the whole unit, and the interpreter does the same: same result, same registers', () => {
    for (const field of [false, true]) {
      const full = build([0, 1, 2, 3, 4, 5], field);
      expect(full.run(full.frame)).toBe(-1);
      for (const other of [build([0], field), build('interpreted', field)]) {
        expect(other.run(other.frame)).toBe(-1);
        expect([...other.frame.s]).toEqual([...full.frame.s]);
        expect([...other.frame.scratch]).toEqual([...full.frame.scratch]);
        expect(other.violated).toEqual(full.violated);
      }
      expect(full.violated).toEqual([]);
      // The loop ran to r == 0; a finished unit clears its registers' fields.
      expect(field ? full.frame.s[2 + 5] : full.frame.scratch[0]).toBe(0);
    }
  });

  it('both count backward jumps alike: two rounds pass a budget of 3 and fail one of 2', () => {
    for (const how of [[0, 1, 2, 3, 4, 5], 'interpreted'] as const) {
      const ok = build(how, false, 3);
      expect(ok.run(ok.frame)).toBe(-1);
      const short = build(how, false, 2);
      expect(() => short.run(short.frame)).toThrow('endless');
    }
  });
});

describe('generated code and the interpreter on the committed models', () => {
  // Every step generated at its first run, or none ever: the same states, transitions and verdict.
  const configs = [
    { file: 'models/mmu-gather.c', patch: undefined, arch: 'x86-native', cpus: 3, mm: 'sc' },
    { file: 'models/eqs-kick.c', patch: 'models/eqs-kick/skip-eqs-no-isb.diff', arch: 'arm64', cpus: 3, mm: 'weak' },
    { file: 'models/eqs-kick.c', patch: undefined, arch: 'powerpc', cpus: 2, mm: 'tso' },
    { file: 'models/kick-async.c', patch: undefined, arch: 'x86-native', cpus: 3, mm: 'sc' },
    { file: 'models/arm64-batch.c', patch: 'models/arm64-batch/uffd-wp.diff', arch: 'x86-native', cpus: 3, mm: 'sc' },
    { file: 'models/cve-2018-18281.c', patch: 'models/cve-2018-18281/before-fix.diff', arch: 'arm64', cpus: 3, mm: 'sc' },
  ] as const;
  it.each(configs.map((c) => [`${c.file} ${c.patch ?? 'baseline'} ${c.arch} ${c.mm}`, c] as const))('%s', (_name, { file, patch, arch, cpus, mm }) => {
    const m = loadCModelSync(file, patch === undefined ? {} : { patch });
    const run = (hotStep: number) => {
      const r = bfs(compileModel(m.build(ARCHES[arch], cpus, mm, undefined, { hotStep }).spec), { symmetry: false, maxStates: 2_000_000, timeoutMs: 120_000 });
      return { verdict: r.verdict, property: r.verdict === 'violated' ? r.property : undefined, states: r.states, transitions: r.transitions, trace: r.verdict === 'violated' ? r.trace : undefined };
    };
    const interpreted = run(Infinity);
    expect(interpreted.verdict).not.toBe('inconclusive');
    expect(run(0)).toEqual(interpreted);
  });
});
