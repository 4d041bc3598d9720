/**
 * cpumask_set_cpu() and cpumask_clear_cpu() are set_bit() and clear_bit()
 * (src/cmodel/builtins/cpumask.ts): atomic RMWs with no ordering of their own in the kernel's
 * memory model, and a locked instruction on x86, which drains the store buffer. x86
 * switch_mm_irqs_off() relies on it ("Rely on the smp_mb() implied by cpumask_set_cpu()'s
 * atomic operation"). The toy is store buffering through a cpumask: CPU0 sets its bit and
 * reads y; CPU1 writes y, a full barrier, and tests the bit. By hand: both reading the old
 * value needs CPU0's bit to wait in its store buffer, which a locked instruction forbids and
 * an unordered RMW under weak allows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import type { MemoryModelName } from '../src/memory/model-name.js';
import { writeModel } from './model-file.js';

beforeAll(async () => {
  await loadCGrammar();
});

const sbToy = `
cpumask_t m;
int y;
int saw_old_y;
int saw_no_bit;

static void cpu0(void)
{
	cpumask_set_cpu(0, &m);
	if (READ_ONCE(y) == 0)
		WRITE_ONCE(saw_old_y, 1);
	smp_mb();
}

static void cpu1(void)
{
	WRITE_ONCE(y, 1);
	smp_mb();
	if (!cpumask_test_cpu(0, &m))
		WRITE_ONCE(saw_no_bit, 1);
	smp_mb();
}

static bool not_both(void)
{
	return !(READ_ONCE(saw_old_y) && READ_ONCE(saw_no_bit));
}

ROLE("setter", CPU(0), ONCE, cpu0);
ROLE("tester", CPU(1), ONCE, cpu1);
MODEL_MEMORY("sc", "tso", "weak");
ALWAYS(bit_or_y_seen, not_both, "one of the two CPUs sees the other's write");
`;

/** The exhaustive verdict of a toy model on x86-native with two CPUs. */
function verdictOf(src: string, name: string, mm: MemoryModelName): string {
  const m = loadCModelSync(writeModel(src, name));
  return bfs(compileModel(m.build(ARCHES['x86-native'], 2, mm).spec), { symmetry: false, maxStates: 100_000, timeoutMs: 60_000 }).verdict;
}

describe('cpumask_set_cpu() is set_bit(): an atomic RMW with no ordering of its own', () => {
  const sb = (mm: MemoryModelName): string => verdictOf(sbToy, 'cpumask-sb', mm);

  it('a locked instruction under tso (x86 lock bts): it orders the bit before the later read', () => {
    expect(sb('sc')).toBe('holds');
    expect(sb('tso')).toBe('holds');
  });

  it('no barrier under weak (LKMM: set_bit() is unordered)', () => {
    expect(sb('weak')).toBe('violated');
  });
});

/**
 * `__set_bit()` is the non-atomic form: a plain load and a plain store of the word. Two CPUs
 * setting different bits of one word: with set_bit() both bits end set; with __set_bit() one
 * CPU can read the word before the other's store lands and write it back without that bit.
 * Under tso the plain store also waits in the store buffer, so the same toy with a read of y
 * after it shows store buffering (no lock prefix: nothing drains it).
 */
const lostUpdate = (op: string): string => `
unsigned long word;
atomic_t done;

static void cpu0(void)
{
	${op}(0, &word);
	atomic_inc(&done);
}

static void cpu1(void)
{
	${op}(1, &word);
	atomic_inc(&done);
}

static bool both_set_when_done(void)
{
	return atomic_read(&done) != 2 || READ_ONCE(word) == 3;
}

ROLE("zero", CPU(0), ONCE, cpu0);
ROLE("one", CPU(1), ONCE, cpu1);
ALWAYS(no_lost_update, both_set_when_done, "both bits are set once both CPUs are done");
`;

const sbNonAtomic = sbToy.replace('cpumask_set_cpu(0, &m);', '__set_bit(0, &w);').replace('cpumask_t m;', 'cpumask_t m;\nunsigned long w;').replace('if (!cpumask_test_cpu(0, &m))', 'if (!test_bit(0, &w))');

describe('__set_bit() is not atomic: a plain load, then a plain store', () => {
  const check = verdictOf;

  it('two CPUs setting bits of one word: set_bit() keeps both, __set_bit() can lose one', () => {
    expect(check(lostUpdate('set_bit'), 'bits-atomic', 'sc')).toBe('holds');
    expect(check(lostUpdate('__set_bit'), 'bits-plain', 'sc')).toBe('violated');
  });

  it('its store waits in the store buffer under tso, as a plain store does (no lock prefix)', () => {
    expect(check(sbNonAtomic, 'bits-sb', 'sc')).toBe('holds');
    expect(check(sbNonAtomic, 'bits-sb', 'tso')).toBe('violated');
  });
});
