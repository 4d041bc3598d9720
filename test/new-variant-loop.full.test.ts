/**
 * The reviewer's whole loop, in a copy of the project: a new variant file (made by
 * `new-variant`, filled in), `npm start`, then the default test suite: green, with no other
 * edit. Part of `npm run test:full` (it runs the suite inside the suite: minutes).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve('.tmp', `loop-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function copyProject(): void {
  rmSync(root, { recursive: true, force: true });
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\n').filter((f) => f !== '');
  for (const f of files) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    cpSync(f, join(root, f));
  }
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
}

const npm = (args: string[]) => spawnSync('npm', args, { cwd: root, encoding: 'utf8', timeout: 1_500_000, env: { ...process.env, SHOOTDOWN_FULL: '' } });

describe('a new variant, npm start, npm test', () => {
  it('is green with no edit but the variant file', () => {
    copyProject();
    const made = spawnSync(process.execPath, ['bin/shootdown.mjs', 'new-variant', 'kick-async', 'my-kick'], { cwd: root, encoding: 'utf8' });
    // The copy has no build yet: build first, as a user would after `npm ci`.
    if (made.status !== 0) {
      expect(npm(['run', '--silent', 'build']).status).toBe(0);
      expect(spawnSync(process.execPath, ['bin/shootdown.mjs', 'new-variant', 'kick-async', 'my-kick'], { cwd: root, encoding: 'utf8' }).status).toBe(0);
    }
    const file = join(root, 'src', 'variants', 'kick-async', 'my-kick.ts');
    writeFileSync(file, readFileSync(join(root, 'src', 'variants', 'kick-async', 'async-kick-as-sync.ts'), 'utf8').replace("name: 'async-kick-as-sync'", "name: 'my-kick'"));
    const start = npm(['start']);
    expect(start.stderr).toBe('');
    expect(start.status).toBe(0);
    expect(readFileSync(join(root, 'VERDICTS.md'), 'utf8')).toContain('| my-kick |');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('| my-kick |');
    const suite = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run'], { cwd: root, encoding: 'utf8', timeout: 1_500_000, env: { ...process.env, SHOOTDOWN_FULL: '' } });
    expect(suite.status, suite.stdout.split('\n').filter((l) => /FAIL|×|Error/.test(l)).join('\n')).toBe(0);
  }, 1_800_000);
});
