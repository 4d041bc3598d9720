/**
 * A variant is one file and a scenario one folder: in a scratch copy of the project, a variant
 * written by `new-variant` (run from another directory) lands in the project's own src/, and
 * `list`, `check`, `matrix` and `mutate` see it with no other edit; its survivors are findings,
 * not failures. A copied scenario folder appears in `list`, the matrix and the mutation
 * catalogue. A C model dropped into models/ (with its patches in the folder named after it)
 * appears in `list` and the matrix. A misnamed file is refused in one line. (The whole loop, `npm start` and the
 * suite run in the copy, is test/new-variant-loop.full.test.ts.)
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoCopy } from './repo-copy.js';

const copy = repoCopy('registration', ['src', 'models', 'prelude', 'package.json', 'tsconfig.json', 'tsconfig.build.json']);
afterAll(() => copy.remove());
const src = (...p: string[]) => join(copy.root, 'src', ...p);
/** Names no other file of the project has (the project may itself carry a new variant). */
const variant = `probe-${process.pid}`;
const scenario = `probe-scenario-${process.pid}`;

interface Listed {
  scenario: string;
  variants: { name: string }[];
}
interface Mutated {
  scenario: string;
  findings: number;
  survivors: { variant: string; outcome: string }[];
  stale: string[];
}

/** These run the whole quick matrix, every committed scenario and model (two minutes and growing with the catalogue). */
const MATRIX_TIMEOUT = 600_000;

describe('registration by file', () => {
  it('new-variant writes into the project root, and the file is a variant everywhere', () => {
    const r = copy.cli(['new-variant', 'kick-async', variant], tmpdir());
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const file = src('variants', 'kick-async', `${variant}.ts`);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(join(tmpdir(), 'src', 'variants', 'kick-async', `${variant}.ts`))).toBe(false);
    // Filled in: the asynchronous kick used as the table sync, under a new name.
    writeFileSync(file, readFileSync(src('variants', 'kick-async', 'async-kick-as-sync.ts'), 'utf8').replace("name: 'async-kick-as-sync'", `name: '${variant}'`));
    const listed = JSON.parse(copy.cli(['list', '--json']).out) as Listed[];
    expect(listed.find((s) => s.scenario === 'kick-async')?.variants.map((v) => v.name)).toContain(variant);
    const check = copy.cli(['check', 'kick-async', '--variant', variant, '--arch', 'x86-native']);
    expect(check.out).toContain(`kick-async/${variant}/x86-native (3 CPUs): holds`);
    expect(check.code).toBe(0);
  });

  it("mutate reports a new variant's unexplained survivors as findings, exit 0", () => {
    const r = copy.cli(['mutate', 'kick-async', '--json']);
    expect(r.code).toBe(0);
    const [m] = JSON.parse(r.out) as Mutated[];
    expect(m?.survivors.filter((s) => s.outcome === 'finding' && s.variant === variant).length).toBeGreaterThan(0);
    expect(m?.survivors.filter((s) => s.outcome === 'survived')).toEqual([]);
    expect(m?.stale).toEqual([]);
    expect(copy.cli(['mutate', 'kick-async']).out).toContain('findings: survivors of variants nobody has reviewed');
  });

  it('a scenario folder is a scenario: list, matrix and mutate include it', () => {
    cpSync(src('scenarios', 'kick-async'), src('scenarios', scenario), { recursive: true });
    cpSync(src('variants', 'kick-async'), src('variants', scenario), { recursive: true });
    const index = src('scenarios', scenario, 'index.ts');
    writeFileSync(index, readFileSync(index, 'utf8').replace("name: 'kick-async'", `name: '${scenario}'`).replace("variantFiles<KickAsyncParams>('kick-async')", `variantFiles<KickAsyncParams>('${scenario}')`));
    const listed = JSON.parse(copy.cli(['list', '--json']).out) as Listed[];
    expect(listed.find((s) => s.scenario === scenario)?.variants.map((v) => v.name)).toContain('baseline');
    const reports = join(copy.root, 'reports');
    const matrix = copy.cli(['matrix', '--quick', '--json', '--out', reports]);
    const rows = JSON.parse(matrix.out) as { scenario: string; variant: string }[];
    expect(rows.filter((r) => r.scenario === scenario).length).toBe(rows.filter((r) => r.scenario === 'kick-async').length);
    const m = copy.cli(['mutate', scenario, '--json']);
    expect(m.code).toBe(0);
    const [score] = JSON.parse(m.out) as Mutated[];
    expect(score?.scenario).toBe(scenario);
    expect(score?.findings).toBeGreaterThan(0);
  }, MATRIX_TIMEOUT);

  it('a C model file is a scenario: list and the matrix include it, its patches are its variants', () => {
    const model = `probe-kick-${process.pid}`;
    cpSync('test/fixtures/cmodels/kick.c', join(copy.root, 'models', `${model}.c`));
    cpSync('test/fixtures/cmodels/kick-nowait.diff', join(copy.root, 'models', model, 'kick-nowait.diff'));
    const name = `models/${model}.c`;
    const listed = JSON.parse(copy.cli(['list', '--json']).out) as Listed[];
    expect(listed.find((s) => s.scenario === name)?.variants.map((v) => v.name)).toEqual(['baseline', 'kick-nowait']);
    const reports = join(copy.root, 'reports');
    const matrix = copy.cli(['matrix', '--quick', '--json', '--out', reports]);
    const rows = JSON.parse(matrix.out) as { scenario: string; variant: string; arch: string; verdict: string }[];
    const mine = rows.filter((r) => r.scenario === name).map((r) => `${r.variant}/${r.arch}: ${r.verdict}`);
    expect(mine).toContain('baseline/x86-native: holds');
    expect(mine).toContain('kick-nowait/x86-native: violated');
  }, MATRIX_TIMEOUT);

  it('a variant file named unlike its variant is refused in one line', () => {
    writeFileSync(src('variants', 'kick-async', 'misnamed.ts'), readFileSync(src('variants', 'kick-async', 'baseline.ts'), 'utf8'));
    const r = copy.cli(['list']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("shootdown: src/variants/kick-async/misnamed.ts: the variant is named 'baseline'; name it 'misnamed' like its file (or rename the file)\n");
  });
});
