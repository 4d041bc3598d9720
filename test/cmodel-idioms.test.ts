/**
 * Kernel idioms a reviewer copies into a model: likely()/unlikely() (a branch hint that yields
 * `!!(x)`), data_race() (the access as written), ATOMIC_INIT(n) in an initialiser, and RCU
 * publication (rcu_assign_pointer(), rcu_dereference*(), whose lockdep condition is not
 * evaluated); and a model variable named like state the
 * tool keeps for each CPU (`pc`, `ipi`, `irqs_off`) is refused at its declaration, never merged
 * with the tool's (it crashed the compiler with a stack trace).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { writeModel } from './model-file.js';
import { runCli as run } from './run-cli.js';

beforeAll(async () => {
  await loadCGrammar();
});

const model = (text: string): string => writeModel(text, 'idioms');

const HINTS = `int x;
int y;
atomic_t refs = ATOMIC_INIT(1);
DEFINE_PER_CPU(unsigned int, mode);
static void writer(void)
{
	this_cpu_or(mode, 6);
	this_cpu_and(mode, 3);
	BUG_ON(this_cpu_read(mode) != 2);
	WRITE_ONCE(x, 2);
	WRITE_ONCE(y, 1);
}
static void reader(void)
{
	if (likely(READ_ONCE(y)) && !unlikely(data_race(x) == 0))
		BUG_ON(likely(READ_ONCE(x)) != 1);
	BUG_ON(atomic_read(&refs) != 1);
}
ROLE("writer", CPU(0), ONCE, writer);
ROLE("reader", CPU(1), ONCE, reader);
`;

describe('kernel idioms in a model', () => {
  it('likely() and unlikely() give 0 or 1, data_race() the value, ATOMIC_INIT(1) is 1, this_cpu_or()/this_cpu_and() (6 & 3 == 2): the reader sees likely(2) == 1', async () => {
    const r = await run(['check', model(HINTS), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'holds' });
  });

  it.each(['pc', 'ipi', 'irqs_off'])("a per-CPU variable named '%s' is refused at its declaration, exit 2", async (name) => {
    const file = model(`DEFINE_PER_CPU(int, ${name});\nstatic void cpu(void)\n{\n\tthis_cpu_write(${name}, 1);\n}\nROLE("c", CPU(0), ONCE, cpu);\n`);
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(`${file}:1:21: '${name}' is the name of state the tool keeps for each CPU`);
  });

  it.each([
    [undefined, 'holds'],
    ['rcu-publish-nosync.diff', 'violated BUG_ON(READ_ONCE(A_freed))'],
    ['rcu-publish-nolock.diff', 'violated BUG_ON(READ_ONCE(A_freed))'],
  ])('RCU publication with rcu_assign_pointer()/rcu_dereference() (patch %s): %s', (patch, expected) => {
    const F = 'test/fixtures/cmodels';
    const m = loadCModelSync(`${F}/rcu-publish.c`, patch === undefined ? {} : { patch: `${F}/${patch}` });
    const r = bfs(compileModel(m.build(ARCHES['x86-native'], 2, 'sc').spec), { symmetry: false, maxStates: 100_000, timeoutMs: 60_000 });
    expect(r.verdict === 'violated' ? `violated ${r.property}` : r.verdict).toBe(expected);
  });
});

describe('the compiler notes check prints', () => {
  it('a SYMMETRIC role the compiler refused is named with why, once, after the verdicts; --json has it with the atomic assumptions', async () => {
    const file = model(`int owner;
static void worker(void)
{
	__atomic_block("the claim is one step: nothing else writes owner") {
		if (READ_ONCE(owner) == 0)
			WRITE_ONCE(owner, smp_processor_id() + 1);
	}
}
ROLE("worker", CPUS(0, N), ONCE, SYMMETRIC, worker);
MODEL_CPUS(2, 3);
`);
    const text = await run(['check', file]);
    expect(text.code).toBe(0);
    expect(text.out).toContain("note: SYMMETRIC role 'worker' explored in full: a CPU number or per-CPU pointer\n  is stored to memory");
    expect(text.out).toContain('note: assumed atomic, one step each: 1 block (__atomic_block or a lock\n  acquisition;');
    expect(text.out.match(/note: SYMMETRIC/g)).toHaveLength(1);
    const json = JSON.parse((await run(['check', file, '--json'])).out) as { compiler: { symmetryRefused: { role: string; reason: string }[]; atomicAssumptions: string[] } };
    expect(json.compiler.symmetryRefused).toEqual([{ role: 'worker', reason: expect.stringContaining('is stored to memory') }]);
    expect(json.compiler.atomicAssumptions).toEqual([expect.stringMatching(/m\.c:4: the claim is one step: nothing else writes owner$/)]);
  });
});
