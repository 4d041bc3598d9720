/**
 * `npm run litmus-corpus -- [--timeout SEC] [--model M] [--benchmarks FILE] <dir>...`: run
 * every `.litmus` file under each directory, in this one process, each with its own time
 * budget, and judge each answer against the file's `Result:` line as the kernel's
 * judgelitmus.sh does (src/litmus/judge.ts). Prints one row per test (file, expected,
 * answer, time, allowed executions) and per directory the totals: agree, forgiven (a data
 * race both predicted and found excuses the outcome word), disagree, refused (a construct
 * not modelled: exit 2 of `shootdown litmus`), inconclusive (over the budget), and the
 * false Nevers (Never where the header says Sometimes or Always, unexcused), the median
 * time and the slowest ten. `--benchmarks FILE` writes that summary, from this run, into
 * FILE's litmus section. Corpora stay outside the repository: pass their directories.
 */
import { readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../src/report/input-error.js';
import { CORPUS_NOTES } from './litmus-corpus-notes.js';
import { agreement, LITMUS_MODEL_NAMES, loadLitmus, runLitmus, type Agreement, type LitmusModelName } from '../src/litmus/index.js';

interface Row {
  readonly file: string;
  readonly expected: string;
  readonly answer: string;
  readonly verdict: Agreement | 'refused' | 'inconclusive' | 'not C';
  readonly ms: number;
  readonly executions: number;
  readonly falseNever: boolean;
  readonly predicted: boolean;
}

const { values: opts, positionals: dirs } = parseArgs({
  options: { timeout: { type: 'string' }, model: { type: 'string' }, benchmarks: { type: 'string' }, quiet: { type: 'boolean' } },
  allowPositionals: true,
});
const timeoutMs = Number(opts.timeout ?? '20') * 1000;
const model = (LITMUS_MODEL_NAMES.find((m) => m === (opts.model ?? 'lkmm')) ?? null) as LitmusModelName | null;
if (dirs.length === 0 || model === null || !(timeoutMs > 0)) {
  process.stderr.write('usage: npm run litmus-corpus -- [--timeout SEC] [--model lkmm|sc|tso] [--benchmarks FILE] <dir>...\n');
  process.exit(2);
}

function litmusFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.litmus')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function runDir(dir: string): Row[] {
  const files = litmusFiles(dir);
  const rows: Row[] = [];
  files.forEach((path, i) => {
    const file = relative(dir, path);
    if (process.stderr.isTTY) process.stderr.write(`\r${basename(dir)}: ${i + 1}/${files.length} ${file.slice(0, 60).padEnd(60)}`);
    const row = runOne(path, file);
    rows.push(row);
    if (opts.quiet !== true) {
      process.stdout.write(`${row.verdict.padEnd(13)} ${String(row.ms).padStart(6)} ms ${String(row.executions).padStart(7)} exec  ${file}  expected: ${row.expected}  answer: ${row.answer}\n`);
    }
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  return rows;
}

function runOne(path: string, file: string): Row {
  const text = readFileSync(path, 'utf8');
  const expected = /^[( ]\* Result: (.*?)(\s*\*\))?$/m.exec(text)?.[1]?.trim() ?? '-';
  const arch = /^\s*(\S+)/.exec(text)?.[1] ?? '';
  const predicted = /^(Never|Sometimes|Always|DEADLOCK)\b/.test(expected);
  // LKMM is defined for C tests; the corpora's LISA and PPC tests belong to other models.
  if (arch !== 'C') return { file, expected, answer: `not a C test (${arch})`, verdict: 'not C', ms: 0, executions: 0, falseNever: false, predicted: false };
  const t0 = performance.now();
  try {
    const r = runLitmus(text, { file, model: model!, limits: { maxCandidates: 50_000_000, timeoutMs } });
    const ms = Math.round(performance.now() - t0);
    if (r.status === 'inconclusive') return { file, expected, answer: `inconclusive (${r.reason})`, verdict: 'inconclusive', ms, executions: r.explored.executions, falseNever: false, predicted };
    const verdict = agreement(r);
    const race = r.flags.includes('data-race') ? ' DATARACE' : '';
    const falseNever = verdict === 'disagree' && r.outcome === 'Never' && /^(Sometimes|Always)\b/.test(expected);
    return { file, expected, answer: `${r.outcome}${race} ${r.positive} ${r.negative}`, verdict, ms, executions: r.positive + r.negative, falseNever, predicted };
  } catch (e) {
    const ms = Math.round(performance.now() - t0);
    const msg = e instanceof Error ? e.message.replace(`${file}:`, '') : String(e);
    if (!(e instanceof InputError)) throw e;
    return { file, expected, answer: `refused: ${msg}`, verdict: 'refused', ms, executions: 0, falseNever: false, predicted };
  }
}

interface Totals {
  readonly tests: number;
  /** Tests in another language (LISA, PPC) that have a result line: not LKMM tests. */
  readonly notC: number;
  readonly predicted: number;
  readonly agree: number;
  readonly forgiven: number;
  readonly disagree: number;
  readonly refused: number;
  readonly inconclusive: number;
  readonly falseNever: number;
  readonly medianMs: number;
  readonly totalS: number;
}

function totals(rows: readonly Row[]): Totals {
  const p = rows.filter((r) => r.predicted);
  const count = (v: Row['verdict']): number => p.filter((r) => r.verdict === v).length;
  const times = rows.map((r) => r.ms).sort((a, b) => a - b);
  return {
    tests: rows.length,
    notC: rows.filter((r) => r.verdict === 'not C' && /^(Never|Sometimes|Always|DEADLOCK)\b/.test(r.expected)).length,
    predicted: p.length,
    agree: count('agree'),
    forgiven: count('forgiven'),
    disagree: count('disagree'),
    refused: count('refused'),
    inconclusive: count('inconclusive'),
    falseNever: rows.filter((r) => r.falseNever).length,
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    totalS: rows.reduce((n, r) => n + r.ms, 0) / 1000,
  };
}

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);

function printSummary(dir: string, rows: readonly Row[]): void {
  const t = totals(rows);
  console.log(`\n${dir}: ${t.tests} tests, ${t.predicted} C tests with a Never/Sometimes/Always/DEADLOCK result (and ${t.notC} LISA/PPC tests with one, not LKMM tests)`);
  console.log(`  agree ${t.agree}, forgiven ${t.forgiven}, disagree ${t.disagree}, refused ${t.refused}, inconclusive ${t.inconclusive} (agreement ${pct(t.agree + t.forgiven, t.predicted)}); false Never: ${t.falseNever}`);
  console.log(`  time: total ${t.totalS.toFixed(1)} s, median ${t.medianMs} ms`);
  console.log('  slowest:');
  for (const r of slowest(rows)) console.log(`    ${String(r.ms).padStart(6)} ms  ${r.file}`);
  for (const r of offRows(rows)) console.log(`  ${r.verdict}: ${r.file}: expected ${r.expected}, answer ${r.answer}.${noteOf(r)}`);
  for (const n of staleNotes(rows)) console.log(`  stale note in bench/litmus-corpus-notes.ts: ${n}`);
}

/** The note that explains a non-agreeing row (bench/litmus-corpus-notes.ts), if it still applies. */
function noteOf(r: Row): string {
  const n = CORPUS_NOTES.get(r.file);
  return n !== undefined && n.verdict === r.verdict ? ` Why: ${n.why}` : '';
}

/** Notes about tests of this directory whose verdict is no longer the one they explain. */
function staleNotes(rows: readonly Row[]): string[] {
  return rows.flatMap((r) => {
    const n = CORPUS_NOTES.get(r.file);
    return n !== undefined && n.verdict !== r.verdict ? [`${r.file} (note for ${n.verdict}, now ${r.verdict})`] : [];
  });
}

const offRows = (rows: readonly Row[]): Row[] => rows.filter((x) => x.predicted && x.verdict !== 'agree' && x.verdict !== 'forgiven');

function slowest(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => b.ms - a.ms || a.file.localeCompare(b.file)).slice(0, 10);
}

const BEGIN = '<!-- litmus-corpus: generated by npm run litmus-corpus -- --benchmarks; do not edit -->';
const END = '<!-- litmus-corpus: end -->';

function writeSection(file: string, all: readonly { dir: string; rows: Row[] }[], wallS: number): void {
  const lines = [
    BEGIN,
    '## Litmus corpora (`npm run litmus-corpus`)',
    '',
    `One run of \`npm run litmus-corpus -- --timeout ${timeoutMs / 1000} --model ${model}\` (${wallS.toFixed(0)} s wall), on the public corpora's own`,
    "directories (read from their public repositories, not committed). A test is judged against its header's",
    "`Result:` line as the kernel's `judgelitmus.sh` judges herd7. *forgiven* is what judgelitmus.sh calls",
    '"Forgiven": the header predicts a data race (`DATARACE`), LKMM raises its data-race flag, and the outcome',
    'word differs. LKMM promises nothing about the outcome of a racy test, and such headers state what compiled racy',
    "code may do (a torn or repeated plain access), which LKMM does not model; so the word is not compared, and a",
    'forgiven Never is no proof. The forgiven tests are listed below. *refused* is a construct shootdown does not',
    'model (exit 2); *inconclusive* is over the per-test time budget (exit 3). A *false Never* is Never where the',
    'header says Sometimes or Always, not forgiven. The LISA and PPC tests of the corpus are not C, so not LKMM',
    'tests: they are counted apart and not run. Each test that does not agree carries the reason found for it, if',
    'any (bench/litmus-corpus-notes.ts, printed only while the verdict is the one it explains).',
    '',
    '| directory | tests | C tests with a result | agree | forgiven | disagree | refused | inconclusive | agreement | false Never | not C, with a result | total time | median |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...all.map(({ dir, rows }) => {
      const t = totals(rows);
      return `| ${label(dir)} | ${t.tests} | ${t.predicted} | ${t.agree} | ${t.forgiven} | ${t.disagree} | ${t.refused} | ${t.inconclusive} | ${pct(t.agree + t.forgiven, t.predicted)} | ${t.falseNever} | ${t.notC} | ${t.totalS.toFixed(1)} s | ${t.medianMs} ms |`;
    }),
    '',
    ...all.flatMap(({ dir, rows }) => {
      const off = offRows(rows);
      const forgiven = rows.filter((r) => r.verdict === 'forgiven');
      return [
        `Slowest ten in ${label(dir)}: ${slowest(rows)
          .map((r) => `\`${r.file}\` ${r.ms} ms`)
          .join(', ')}.`,
        '',
        ...(off.length === 0 ? [] : [`Not agreeing in ${label(dir)} (tests with a result):`, '', ...off.map((r) => `- ${r.verdict}: \`${r.file}\`: expected ${r.expected}; ${r.answer}.${noteOf(r)}`), '']),
        ...(forgiven.length === 0 ? [] : [`Forgiven in ${label(dir)}: ${forgiven.map((r) => `\`${r.file}\` (expected ${r.expected}; ${r.answer})`).join(', ')}.`, '']),
      ];
    }),
    END,
  ];
  const old = readFileSync(file, 'utf8');
  const a = old.indexOf(BEGIN);
  const b = old.indexOf(END);
  const next = a >= 0 && b > a ? old.slice(0, a) + lines.join('\n') + old.slice(b + END.length) : `${old.trimEnd()}\n\n${lines.join('\n')}\n`;
  writeFileSync(`${file}.tmp`, next);
  renameSync(`${file}.tmp`, file);
}

function label(dir: string): string {
  return dir.split('/').filter(Boolean).slice(-2).join('/');
}

await loadLitmus();
const started = performance.now();
const results = dirs.map((d) => ({ dir: d, rows: runDir(d) }));
const wall = (performance.now() - started) / 1000;
for (const r of results) printSummary(r.dir, r.rows);
if (opts.benchmarks !== undefined) writeSection(opts.benchmarks, results, wall);
