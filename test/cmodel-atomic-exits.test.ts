/**
 * A jump out of an `__atomic_block` (`return`, `break`, `continue`) leaves the block on its
 * path, as C leaves a block it jumps out of: the block ends there, and what follows is stepped
 * as usual. Once a block stayed open past such a return, so a caller's later statements were
 * merged into its step: test/fixtures/cmodels/atomic-return.c then held (falsely: the checker
 * sees x == 1 between the publisher's two stores), and atomic-break.c crashed the step planner.
 * The planner now takes a statement's open blocks from the paths that reach it and refuses a
 * unit where two paths disagree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { atomicDepths } from '../src/cmodel/steps/unit.js';
import { CError } from '../src/c/error.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import type { Instr } from '../src/cmodel/ir.js';

const F = 'test/fixtures/cmodels';

beforeAll(async () => {
  await loadCGrammar();
});

function verdict(file: string) {
  const spec = loadCModelSync(`${F}/${file}`).build(ARCHES['x86-native'], 2, 'sc').spec;
  const r = bfs(compileModel(spec), { symmetry: false, maxStates: 100_000, timeoutMs: 60_000 });
  return { verdict: r.verdict, property: r.verdict === 'violated' ? r.property : undefined };
}

describe('jumps out of an __atomic_block', () => {
  it.each(['atomic-return.c', 'atomic-break.c'])('%s: the block ends at the jump, and the checker sees x == 1 between the two stores after it', (file) => {
    expect(verdict(file)).toEqual({ verdict: 'violated', property: 'BUG_ON(READ_ONCE(x) == 1)' });
  });

  it('the return path ends the block itself before it jumps', () => {
    const units = loadCModelSync(`${F}/atomic-return.c`).build(ARCHES['x86-native'], 2, 'sc').code.flat();
    const compiled = units.find((u) => u.name === 'publisher')!;
    const publisher = { name: compiled.name, instrs: compiled.instrs, regs: [], loop: false, labelsAt: new Map<number, string>() };
    const ops = publisher.instrs.map((i) => i.op);
    expect(ops.filter((o) => o === 'atomic-begin')).toHaveLength(1);
    expect(ops.filter((o) => o === 'atomic-end')).toHaveLength(2);
    const depth = atomicDepths(publisher);
    // Both stores after the call are outside every block, on every path.
    publisher.instrs.forEach((i, k) => {
      if (i.op === 'store' && i.text.startsWith('WRITE_ONCE(x, ') && i.text !== 'WRITE_ONCE(x, 2)') expect(depth[k], i.text).toBe(0);
    });
  });

  it('a unit where two paths reach a statement with different blocks open is refused with its location', () => {
    const loc = { file: 'm.c', line: 3, col: 1 };
    const instr = (i: Record<string, unknown>): Instr => ({ loc, text: '', ...i }) as Instr;
    const unit = {
      name: 'bad',
      regs: [],
      loop: false,
      labelsAt: new Map<number, string>(),
      instrs: [
        instr({ op: 'br', cond: { k: 'c', v: 1 }, t: 1, f: 2 }),
        instr({ op: 'atomic-begin', reason: 'x' }),
        instr({ op: 'end' }),
      ],
    };
    expect(() => atomicDepths(unit)).toThrow(CError);
    expect(() => atomicDepths(unit)).toThrow(/bad: an __atomic_block is open on one path to this statement and not on another/);
  });
});
