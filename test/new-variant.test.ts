/**
 * `shootdown new-variant`: the skeleton it writes type-checks against the scenario's Params
 * type (tsc on a scratch root under .tmp/ whose src/ links to the real sources), it refuses to
 * overwrite, and bad input exits 2. Nothing is written under src/. Without --root it writes
 * into the project root whatever the current directory (test/registration.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli.js';

const root = resolve('.tmp', `new-variant-${process.pid}`);

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args, (s) => (out += s)), out };
  } finally {
    spy.mockRestore();
  }
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('shootdown new-variant', () => {
  it('writes a skeleton that compiles against the scenario and says it is registered', async () => {
    mkdirSync(join(root, 'src'), { recursive: true });
    for (const d of ['arch', 'core', 'litmus', 'mechanisms', 'memory', 'scenarios']) symlinkSync(resolve('src', d), join(root, 'src', d), 'dir');
    const r = await run(['new-variant', 'mmu-gather', 'my-patch', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('registered by being in that folder');
    const file = join(root, 'src', 'variants', 'mmu-gather', 'my-patch.ts');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('defineVariant<MmuGatherParams>');
    expect(text).toContain('- flushImpliesIpiBroadcast: tlb_table_flush_implies_ipi_broadcast()');
    const tsc = resolve('node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--noUnusedLocals', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--types', 'node', '--skipLibCheck', file];
    expect(() => execFileSync(process.execPath, [tsc, ...args], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
    expect((await run(['new-variant', 'mmu-gather', 'my-patch', '--root', root])).code).toBe(2);
    expect(existsSync(join('src', 'variants', 'mmu-gather', 'my-patch.ts'))).toBe(false);
  });

  for (const args of [['new-variant', 'nope', 'x'], ['new-variant', 'mmu-gather', 'Bad_Name'], ['new-variant', 'mmu-gather', 'skip-sync'], ['new-variant', 'mmu-gather']]) {
    it(`exits 2 for ${args.slice(1).join(' ')}`, async () => {
      expect((await run([...args, '--root', root])).code).toBe(2);
    });
  }
});
