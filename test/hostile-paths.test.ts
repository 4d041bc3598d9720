/**
 * The hostile paths of issue 17, one test each: bad input and unwritable destinations get one
 * line on stderr and exit 2 (checked before the run), bounds end in exit 3, and nothing is
 * left half-written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const run = runCli;

/** Exit 2 with one line `shootdown: ...` on stderr, and no stack trace. */
function refused(r: { code: number; err: string }, mentions?: string): void {
  expect(r.code).toBe(2);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/^shootdown: /);
  expect(r.err).not.toMatch(/\n\s+at /);
  if (mentions !== undefined) expect(r.err).toContain(mentions);
}

const tmp = mkdtempSync(join(tmpdir(), 'shootdown-hostile-paths-'));
const aFile = join(tmp, 'a-file');
writeFileSync(aFile, 'not a directory\n');
const good = 'counterexamples/mmu-gather+skip-sync+x86-kvm-pv.json';
const cx = JSON.parse(readFileSync(good, 'utf8')) as { trace: { cpu: number; step: string; role: string }[]; [k: string]: unknown };
const withFile = (name: string, content: unknown): string => {
  const f = join(tmp, name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};
const noTempFiles = (dir: string): void => expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
const violating = ['check', 'mmu-gather', '--variant', 'skip-sync', '--arch', 'x86-kvm-pv'];

describe('1-4: destinations that cannot be written are refused before the run', () => {
  for (const [what, dir] of [
    ['a file', aFile],
    ['a path through a file', join(aFile, 'sub')],
    ['a directory nobody may write (/proc)', '/proc'],
    ['a path under /proc (used to spin for ever)', '/proc/x'],
  ] as const) {
    it(`check --out ${what}`, async () => {
      refused(await run([...violating, '--out', dir]), '--out');
      noTempFiles(tmp);
    });
  }

  it('matrix --out, corpus --dir and new-variant --root the same way', async () => {
    refused(await run(['matrix', '--quick', '--out', join(aFile, 'sub')]), '--out');
    refused(await run(['corpus', '--dir', '/proc/x']), '--dir');
    refused(await run(['new-variant', 'kick-async', 'some-name', '--root', aFile]));
  });

  it('an empty --out, --dir, --verdicts or --root is refused', async () => {
    refused(await run([...violating, '--out', '']), "--out must name a path, got ''");
    refused(await run(['corpus', '--dir', '']), '--dir');
    refused(await run(['matrix', '--verdicts', '']), '--verdicts');
    refused(await run(['new-variant', 'kick-async', 'x', '--root', '']), '--root');
  });

  it('2: matrix --verdicts into a directory or an unwritable place is refused before the run, no temp file', async () => {
    const t0 = performance.now();
    refused(await run(['matrix', '--verdicts', tmp]), 'is a directory');
    refused(await run(['matrix', '--verdicts', '/proc/V.md']), '--verdicts');
    expect(performance.now() - t0).toBeLessThan(5_000);
    noTempFiles(tmp);
  });
});

describe('5-6: counterexample files that do not fit their model', () => {
  const cases: [string, unknown, string][] = [
    ['an unknown variant', { ...cx, variant: 'no-such-variant' }, "has no variant 'no-such-variant'"],
    ['a relabelled scenario', { ...cx, scenario: 'kick-async', variant: 'baseline', arch: 'x86-native' }, 'trace[0]'],
    ['CPU 7 in a 2-CPU file', { ...cx, trace: cx.trace.map((t, i) => (i === 3 ? { ...t, cpu: 7 } : t)) }, 'CPU7, but the file has 2 CPUs'],
    ['an unknown step', { ...cx, trace: cx.trace.map((t, i) => (i === 2 ? { ...t, step: 'frobnicate' } : t)) }, "no step 'frobnicate'"],
    ['a step under the wrong role', { ...cx, trace: cx.trace.map((t, i) => (i === 2 ? { ...t, role: 'walker' } : t)) }, "is 'walker' in the file"],
    ['an empty trace', { ...cx, trace: [] }, 'the trace is empty'],
  ];
  for (const [what, content, mentions] of cases) {
    it(`explain and replay refuse ${what}`, async () => {
      const f = withFile(`${what.replace(/\W+/g, '-')}.json`, content);
      refused(await run(['explain', f]), mentions);
      refused(await run(['replay', f]), mentions);
    });
  }

  it("a foreign trace (another scenario's steps) is refused, not 'infeasible'", async () => {
    const other = JSON.parse(readFileSync('counterexamples/eqs-kick+skip-eqs-no-isb+arm64.json', 'utf8')) as { trace: unknown };
    refused(await run(['replay', withFile('foreign.json', { ...cx, trace: other.trace })]));
  });

  it('replaying a good file on another variant still answers (infeasible or harmless, exit 0)', async () => {
    const r = await run(['replay', good, '--variant', 'baseline']);
    expect(r.code).toBe(0);
  });
});

describe('7: control characters from files are escaped', () => {
  it('ESC, BEL, NUL and U+202E in a file field reach the terminal escaped', async () => {
    const evil = '\u001b[2J\u0007x\u0000\u202eyy';
    const r = await run(['replay', withFile('evil.json', { ...cx, variant: evil })]);
    refused(r);
    expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(r.err).toContain('\\u001b[2J\\u0007x\\u0000\\u202eyy');
  });
});

describe('8-10: bounds and flags', () => {
  it('8: --max-states 1 never answers holds', async () => {
    const r = await run(['check', 'kick-async', '--variant', 'baseline', '--arch', 'x86-native', '--max-states', '1']);
    expect(r.code).toBe(3);
    expect(r.out).toContain('inconclusive (max-states 1 reached)');
  });

  for (const args of [
    ['check', 'kick-async', '--depth', '5'],
    ['check', 'kick-async', '--seed', '1'],
    ['check', 'kick-async', '--runs', '5'],
    ['check', 'kick-async', '--workers', '2', '--search', 'dfs'],
    ['check', 'kick-async', '--workers', '2', '--engine', 'random'],
    ['check', 'kick-async', '--search', 'dfs', '--engine', 'random'],
    ['check', 'kick-async', '--variant', 'baseline', '--variant', 'coalesce-if-pending'],
    ['check', 'kick-async', '--variant', 'baseline,baseline'],
    ['list', 'foo'],
    ['list', '--variant', 'baseline'],
    ['replay', good, '--cpus', '3'],
    ['mutate', 'kick-async', 'mmu-gather'],
  ]) {
    it(`9: refuses ${args.join(' ')}`, async () => refused(await run(args)));
  }

  it('9: --variant a,b checks both', async () => {
    const r = await run(['check', 'kick-async', '--variant', 'baseline,coalesce-llist-add', '--arch', 'x86-native']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('kick-async/baseline/x86-native');
    expect(r.out).toContain('kick-async/coalesce-llist-add/x86-native');
  });

  it('10: --workers beyond the cores is warned about, in one line, and runs', async () => {
    const many = availableParallelism() + 1;
    const r = await run(['check', 'kick-async', '--variant', 'baseline', '--arch', 'x86-native', '--workers', String(many)]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(new RegExp(`^shootdown: warning: --workers ${many} on ${availableParallelism()} cores`));
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('11: a resource budget ends inconclusive', () => {
  it('a 12-thread litmus test stops at its time budget, exit 3', async () => {
    const threads = Array.from({ length: 12 }, (_, i) => `P${i}(int *x${i}, int *x${(i + 1) % 12})\n{\n\tint r0;\n\n\tWRITE_ONCE(*x${i}, 1);\n\tr0 = READ_ONCE(*x${(i + 1) % 12});\n}\n`);
    const exists = `exists (${Array.from({ length: 12 }, (_, i) => `${i}:r0=0`).join(' /\\ ')})`;
    const f = withFile('big.litmus', `C big\n\n{}\n\n${threads.join('\n')}\n${exists}\n`);
    const t0 = performance.now();
    const r = await run(['litmus', f, '--timeout', '1']);
    expect(r.code).toBe(3);
    expect(r.out).toContain('Inconclusive: over the time budget of 1000 ms');
    expect(r.err).toBe('');
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it('a model check stops at its memory budget, exit 3', async () => {
    const r = await run(['check', 'mmu-gather', '--variant', 'baseline', '--arch', 'x86-kvm-pv', '--cpus', '8', '--max-memory', '64']);
    expect(r.code).toBe(3);
    expect(r.out.replace(/\s+/g, ' ')).toContain('max-memory 64 MiB reached');
  });
});

describe('12: VERDICTS.md and the README grid change together', () => {
  const tsx = pathToFileURL(resolve('node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const commit = pathToFileURL(resolve('src', 'report', 'commit-files.ts')).href;
  const cli = pathToFileURL(resolve('src', 'cli.ts')).href;
  /** Commits new VERDICTS.md and README.md in `dir`, and sends `signal` to itself after the first rename. */
  const commitThenSignal = (dir: string, signal: string): { status: number | null; signal: NodeJS.Signals | null; stderr: string } => {
    const script = [
      `import { commitFiles } from ${JSON.stringify(commit)};`,
      `process.on('SIGINT', () => { process.stderr.write('late SIGINT\\n'); process.exitCode = 130; });`,
      `commitFiles([{ path: 'VERDICTS.md', content: 'new verdicts\\n' }, { path: 'README.md', content: 'new readme\\n' }], undefined, (i) => { if (i === 0) process.kill(process.pid, ${JSON.stringify(signal)}); });`,
      // Give a pending signal its turn: the handler runs only once the writes are done.
      'await new Promise((r) => setTimeout(r, 300));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, signal: r.signal, stderr: r.stderr };
  };
  const scratch = (name: string): string => {
    const dir = join(tmp, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'VERDICTS.md'), 'old verdicts\n');
    writeFileSync(join(dir, 'README.md'), 'old readme\n');
    return dir;
  };
  const both = (dir: string) => [readFileSync(join(dir, 'VERDICTS.md'), 'utf8'), readFileSync(join(dir, 'README.md'), 'utf8')];

  it('Ctrl-C between the two renames does not stop the writes: both new', () => {
    const dir = scratch('sigint');
    const r = commitThenSignal(dir, 'SIGINT');
    expect(r.stderr).toContain('late SIGINT');
    expect(both(dir)).toEqual(['new verdicts\n', 'new readme\n']);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'VERDICTS.md']);
  });

  it('SIGKILL between the two renames: the next shootdown run finishes the change, both new', () => {
    const dir = scratch('sigkill');
    const r = commitThenSignal(dir, 'SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    expect(both(dir)).toEqual(['new verdicts\n', 'old readme\n']);
    expect(existsSync(join(dir, '.shootdown-commit.json'))).toBe(true);
    const script = `import { main } from ${JSON.stringify(cli)}; process.exitCode = await main(['list']);`;
    const next = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(next.status).toBe(0);
    expect(next.stderr).toContain('finished the interrupted writes');
    expect(both(dir)).toEqual(['new verdicts\n', 'new readme\n']);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'VERDICTS.md']);
  });
});
