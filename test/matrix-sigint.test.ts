/**
 * SIGINT during `shootdown matrix`: the run stops after the configuration in flight, exits 130
 * with one line naming what was not checked, every counterexample already written parses, and
 * the verdict table is not overwritten by a partial one. Runs the CLI from the sources (tsx).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('shootdown matrix under SIGINT', () => {
  it('stops, keeps what it wrote, leaves VERDICTS.md alone and exits 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shootdown-sigint-'));
    const out = join(dir, 'reports');
    const verdicts = join(dir, 'VERDICTS.md');
    writeFileSync(verdicts, 'previous table\n');
    const entry = `import { main } from ${JSON.stringify(resolve('src', 'cli.ts'))}; main(process.argv.slice(1)).then((c) => { process.exitCode = c; });`;
    const args = ['--import', 'tsx', '--input-type=module', '-e', entry, '--', 'matrix', '--out', out, '--verdicts', verdicts];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((done) => {
      const poll = setInterval(() => {
        if (existsSync(out) && readdirSync(out).some((f) => f.endsWith('.json'))) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 10);
      child.on('exit', (c) => {
        clearInterval(poll);
        done(c);
      });
    });
    expect(code).toBe(130);
    expect(err).toMatch(/^shootdown: interrupted: \d+\/\d+ configurations checked, .*not checked: /m);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(verdicts, 'utf8')).toBe('previous table\n');
    expect(existsSync(join(out, 'matrix.json'))).toBe(false);
    const files = readdirSync(out);
    expect(files.some((f) => f.includes('.tmp-'))).toBe(false);
    for (const f of files.filter((x) => x.endsWith('.json'))) expect(() => JSON.parse(readFileSync(join(out, f), 'utf8'))).not.toThrow();
  }, 60_000);
});
