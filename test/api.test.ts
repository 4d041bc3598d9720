/**
 * The library API a patch author's vitest suite calls: the same verdicts as the CLI, one
 * result per configuration, bad input as InputError, and the package's own name resolves to it.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel, InputError } from '../src/api.js';

const F = 'test/fixtures/cmodels';

describe('checkModel()', () => {
  it('checks a model and a patch to the prelude, as `check --json` does', async () => {
    const [ok] = await checkModel(`${F}/kick.c`, { arch: 'x86-native', cpus: 3 });
    expect(ok).toMatchObject({ scenario: `${F}/kick.c`, variant: 'baseline', arch: 'x86-native', verdict: 'holds' });
    const out = mkdtempSync(join(tmpdir(), 'shootdown-api-'));
    const [bad] = await checkModel(`${F}/kick.c`, { patch: `${F}/kick-nowait.diff`, arch: 'x86-native', cpus: 3, out });
    expect(bad).toMatchObject({ verdict: 'violated', property: 'BUG_ON(returned && !this_cpu_read(took))', agrees: true });
    expect(bad!.counterexampleFile).toBeDefined();
    expect(readdirSync(out).sort()).toEqual(['kick.c+kick-nowait+x86-native.html', 'kick.c+kick-nowait+x86-native.json', 'kick.c+kick-nowait+x86-native.txt']);
  });

  it('gives one result per memory model the model lists', async () => {
    const rs = await checkModel(`${F}/mp.c`);
    expect(rs.map((r) => `${r.memoryModel}:${r.verdict}`)).toEqual(['sc:holds', 'tso:holds', 'weak:violated']);
  });

  it('refuses bad input with an InputError', async () => {
    await expect(checkModel(`${F}/no-such-model.c`)).rejects.toBeInstanceOf(InputError);
    await expect(checkModel(`${F}/kick.c`, { patch: `${F}/mp-release.diff` })).rejects.toThrow(/not the model nor a prelude file|neither the model nor a prelude file/);
  });

  it('is what the package exports under its own name', async () => {
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { exports: { '.': { import: string } } };
    expect(pkg.exports['.'].import).toBe('./dist/src/api.js');
  });
});
