/**
 * Hostile input: random and truncated JSON, wrong types, huge numbers and unknown names thrown
 * at `check`, `replay` and the counterexample reader. Always a legitimate exit code, and a bad
 * input is one line on stderr starting `shootdown: ` with exit 2 — never a thrown exception.
 * Checks run with a tiny --max-states so each case stays fast.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli.js';
import { parseCounterexample } from '../src/report/counterexample-file.js';
import { InputError } from '../src/report/input-error.js';

async function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  try {
    return { code: await main(args, () => {}), err };
  } finally {
    spy.mockRestore();
  }
}

const expectWellBehaved = (r: { code: number; err: string }) => {
  expect([0, 1, 2, 3]).toContain(r.code);
  if (r.code === 2) {
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^shootdown: /);
  }
};

const word = fc.oneof(
  fc.constantFrom('mmu-gather', 'eqs-kick', 'arm64-batch', 'preempt-wait', 'baseline', 'skip-sync', 'x86-native', 'arm64', 'all', 'exhaustive', 'random'),
  fc.string({ maxLength: 12 }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
);
const flag = fc.constantFrom('--variant', '--arch', '--cpus', '--engine', '--seed', '--runs', '--depth', '--timeout', '--json', '--bogus', '-x');

describe('hostile input', () => {
  it('check: random argument vectors get an exit code and, if bad, one line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(word, flag), { maxLength: 7 }), async (argv) => {
        expectWellBehaved(await run(['check', ...argv, '--max-states', '50', '--runs', '20', '--out', tmp]));
      }),
      { numRuns: 150, seed: 1 },
    );
  });

  const tmp = mkdtempSync(join(tmpdir(), 'shootdown-hostile-'));
  const good = readFileSync('counterexamples/mmu-gather+skip-sync+x86-kvm-pv.json', 'utf8');

  it('replay: truncated, mutated and random files get an exit code and, if bad, one line', async () => {
    const content = fc.oneof(
      fc.nat({ max: good.length }).map((n) => good.slice(0, n)),
      fc.json(),
      fc.string(),
      fc.tuple(fc.nat({ max: good.length - 1 }), fc.string({ maxLength: 5 })).map(([i, s]) => good.slice(0, i) + s + good.slice(i + 1)),
      fc.constantFrom(good.replace('"cpus": 2', '"cpus": 1e308'), good.replace('"arch": "x86-kvm-pv"', '"arch": "vax"'), good.replace('"scenario": "mmu-gather"', '"scenario": 7')),
    );
    await fc.assert(
      fc.asyncProperty(content, async (text) => {
        const file = join(tmp, 'cx.json');
        writeFileSync(file, text);
        expectWellBehaved(await run(['replay', file]));
      }),
      { numRuns: 200, seed: 2 },
    );
  });

  it('output paths: random destinations get an exit code and, if bad, one line; no temp file is left', async () => {
    const aFile = join(tmp, 'plain-file');
    writeFileSync(aFile, 'x');
    const part = fc.oneof(fc.constantFrom('.', '..', 'x', 'sub', '\u0000', '\u001b[2J', '\u202e', 'plain-file'), fc.string({ maxLength: 6 }).filter((x) => x !== '..'));
    // Everything lands under tmp, or is one of the destinations nobody can write.
    const path = fc.oneof(
      fc.array(part, { minLength: 1, maxLength: 3 }).map((xs) => join(tmp, 'out', ...xs)),
      fc.constantFrom('', '/proc', '/proc/x/y', join(aFile, 'sub'), aFile),
    );
    const command = fc.oneof(
      path.map((p) => ['check', 'kick-async', '--variant', 'coalesce-if-pending', '--arch', 'x86-native', '--out', p]),
      path.map((p) => ['new-variant', 'kick-async', 'x-y', '--root', p]),
    );
    await fc.assert(
      fc.asyncProperty(command, async (argv) => {
        expectWellBehaved(await run(argv));
        expect(readdirSync(tmp).filter((f) => f.includes('.tmp-'))).toEqual([]);
      }),
      { numRuns: 60, seed: 4 },
    );
  });

  it('the counterexample reader throws only InputError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.nat({ max: good.length }).map((n) => good.slice(0, n))), (text) => {
        try {
          parseCounterexample(text, 'x.json');
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
