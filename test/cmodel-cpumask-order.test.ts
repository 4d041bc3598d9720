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

describe('cpumask_set_cpu() is set_bit(): an atomic RMW with no ordering of its own', () => {
  const sb = (mm: MemoryModelName): string => {
    const m = loadCModelSync(writeModel(sbToy, 'cpumask-sb'));
    const r = bfs(compileModel(m.build(ARCHES['x86-native'], 2, mm).spec), { symmetry: false, maxStates: 100_000, timeoutMs: 60_000 });
    return r.verdict;
  };

  it('a locked instruction under tso (x86 lock bts): it orders the bit before the later read', () => {
    expect(sb('sc')).toBe('holds');
    expect(sb('tso')).toBe('holds');
  });

  it('no barrier under weak (LKMM: set_bit() is unordered)', () => {
    expect(sb('weak')).toBe('violated');
  });
});

