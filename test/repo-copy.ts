/**
 * A scratch copy of the project (its sources, package.json and tsconfig, node_modules linked)
 * under .tmp/, and the CLI run there from the sources in a child process: what a user gets
 * after dropping a file into src/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RepoCopy {
  readonly root: string;
  /** Runs `shootdown <args>` in the copy (from its sources, through tsx), in `cwd` (default: the copy). */
  readonly cli: (args: readonly string[], cwd?: string) => { code: number; out: string; err: string };
  readonly remove: () => void;
}

export function repoCopy(name: string, parts: readonly string[] = ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json']): RepoCopy {
  const root = resolve('.tmp', `${name}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const p of parts) cpSync(resolve(p), join(root, p), { recursive: true });
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  const runner = join(root, 'run-cli.ts');
  writeFileSync(runner, "import { runCli } from './src/entry.js';\nprocess.exitCode = await runCli(process.argv.slice(2));\n");
  const tsx = pathToFileURL(resolve('node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  return {
    root,
    cli: (args, cwd = root) => {
      // maxBuffer: `matrix --json` over every committed scenario and model prints more than spawnSync's default 1 MiB.
      const r = spawnSync(process.execPath, ['--import', tsx, runner, ...args], { cwd, encoding: 'utf8', timeout: 600_000, maxBuffer: 256 * 1024 * 1024 });
      return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
