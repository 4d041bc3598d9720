/**
 * The mutation score of the engines and the core from StrykerJS JSON reports (one run, or one
 * report per part of a run in parts): killed / (mutants that compile - equivalent), per file
 * and in all, with the time Stryker took (bench/mutation-run.ts records it next to the report),
 * the surviving mutants that are not listed as equivalent, the equivalent ones with their
 * reasons (./mutation-equivalent.ts), and the files of src/engines and src/core the run did
 * not mutate, with the reason given for leaving them out.
 *
 *   npx tsx bench/mutation-score.ts [--benchmarks BENCHMARKS.md] [--why-partial TEXT] [report.json ...]
 *
 * Writes its section into the benchmarks file between its markers; exits 1 on a stale
 * equivalence entry, 2 when files were left out and --why-partial does not say why, 3 when a
 * report's copy of a file is not the file as it is now. Reports are read in the order given; a
 * mutant in two of them is counted from the later (a part run again, on a file or on some of
 * its lines, after new tests); a part that mutates a whole file after it changed replaces what
 * the earlier parts measured of it.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EQUIVALENT, NOT_KILLED, type EquivalentMutant } from './mutation-equivalent.js';

interface Mutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly location: { readonly start: Position; readonly end: Position };
}
interface Position {
  readonly line: number;
  readonly column: number;
}
interface Report {
  readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly Mutant[] }>>;
  readonly config?: { readonly mutate?: readonly string[]; readonly concurrency?: number; readonly timeoutFactor?: number; readonly timeoutMS?: number; readonly coverageAnalysis?: string };
  /** The test files the run read (keys: paths from the project root). */
  readonly testFiles?: Readonly<Record<string, unknown>>;
}
interface Row {
  file: string;
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  invalid: number;
  equivalent: number;
}
interface Survivor {
  /** Why it is left, where bench/mutation-equivalent.ts's NOT_KILLED says. */
  readonly why?: string;
  readonly file: string;
  readonly line: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly text: string;
}

/** The directories whose files the whole set mutates (stryker.config.mjs's default). */
const MUTATED_DIRS = ['src/engines', 'src/core'];

const { values: opts, positionals } = parseArgs({ options: { benchmarks: { type: 'string' }, 'why-partial': { type: 'string' } }, allowPositionals: true });
const paths = positionals.length > 0 ? positionals : ['reports/mutation/engines.json'];
const reports = paths.map((p) => JSON.parse(readFileSync(p, 'utf8')) as Report);
/** Seconds each part took, as bench/mutation-run.ts recorded it (undefined: not recorded). */
const seconds = paths.map((p) => (existsSync(`${p}.time.json`) ? (JSON.parse(readFileSync(`${p}.time.json`, 'utf8')) as { seconds: number }).seconds : undefined));

const emptyRow = (file: string): Row => ({ file, mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0, equivalent: 0 });
const rows = new Map<string, Row>();
const survivors: Survivor[] = [];
/** Timed-out mutants that Stryker's hit limit stopped (a mutated expression run 100 times as often as unmutated). */
let hitLimit = 0;
const used = new Set<EquivalentMutant>();
const matches = (e: EquivalentMutant, file: string, m: Mutant, text: string): boolean =>
  e.file === file && e.mutator === m.mutatorName && e.replacement === (m.replacement ?? '') && text.includes(e.line) && (e.column === undefined || e.column === m.location.start.column);

/**
 * Each mutant from the last report that has it (the same place, mutator and replacement): a
 * later part that mutates a file, or some of its lines, again after new tests supersedes the
 * earlier result for those mutants; the file's other mutants keep theirs.
 */
const latest = new Map<string, { readonly source: string; readonly mutants: Map<string, { readonly m: Mutant; readonly part: number }> }>();
/** Files whose copy differs between two reports: those parts measured different code. */
const inconsistent = new Set<string>();
const mutantKey = (m: Mutant): string => `${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column} ${m.mutatorName} ${m.replacement ?? ''}`;
reports.forEach((r, part) => {
  const whole = new Set(r.config?.mutate ?? []);
  for (const [file, f] of Object.entries(r.files)) {
    const before = latest.get(file);
    // A part that mutated the whole file again, after the file changed, replaces every earlier
    // result for it; a part over some of its lines cannot.
    const fresh = before === undefined || (before.source !== f.source && whole.has(file));
    const got = fresh ? { source: f.source, mutants: new Map<string, { readonly m: Mutant; readonly part: number }>() } : before;
    if (got.source !== f.source) inconsistent.add(file);
    for (const m of f.mutants) got.mutants.set(mutantKey(m), { m, part });
    latest.set(file, got);
  }
});
/** Files whose source in a report is not the file as it is now: the report measured other code. */
const changed = [...latest.entries()].filter(([file, f]) => inconsistent.has(file) || !existsSync(file) || readFileSync(file, 'utf8') !== f.source).map(([file]) => file);
for (const [file, f] of [...latest.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  const lines = f.source.split('\n');
  const row = rows.get(file) ?? emptyRow(file);
  rows.set(file, row);
  for (const { m } of f.mutants.values()) {
    row.mutants++;
    const text = lines[m.location.start.line - 1] ?? '';
    switch (m.status) {
      case 'Killed':
        row.killed++;
        break;
      case 'Timeout':
        row.timeout++;
        if (m.statusReason?.startsWith('Hit limit reached') === true) hitLimit++;
        break;
      case 'Survived':
      case 'NoCoverage': {
        const eq = EQUIVALENT.find((e) => matches(e, file, m, text));
        if (eq !== undefined) {
          used.add(eq);
          row.equivalent++;
        } else {
          if (m.status === 'Survived') row.survived++;
          else row.noCoverage++;
          const known = NOT_KILLED.find((e) => matches(e, file, m, text));
          if (known !== undefined) used.add(known);
          survivors.push({ file, line: m.location.start.line, mutator: m.mutatorName, replacement: m.replacement ?? '', text: text.trim(), ...(known !== undefined ? { why: known.reason } : {}) });
        }
        break;
      }
      default:
        // CompileError, RuntimeError, Ignored: not a program the tests could run.
        row.invalid++;
    }
  }
}

/** Every .ts file under `dir`, relative to the project root. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}
/** Whether a report's `mutate` entry (a path, or `dir/**\/*.ts`) names `file`. */
const names = (entry: string, file: string): boolean => entry === file || (entry.endsWith('/**/*.ts') && file.startsWith(entry.slice(0, -'**/*.ts'.length)));
const mutateEntries = reports.flatMap((r) => r.config?.mutate ?? []);
/** Files no part mutated whole, only on some lines (`file:from-to` entries) that leave some out, with those lines. */
/** Whether the line ranges given for `f` (`from-to` or `from:col-to:col`) together cover every line of it. */
const rangesCover = (f: string): boolean => {
  const lines = (latest.get(f)?.source ?? '').replace(/\n$/, '').split('\n').length;
  const covered = new Uint8Array(lines + 1);
  for (const e of mutateEntries.filter((x) => x.startsWith(`${f}:`))) {
    const m = /^(\d+)(?::\d+)?-(\d+)(?::\d+)?$/.exec(e.slice(f.length + 1));
    if (m !== null) for (let l = Number(m[1]); l <= Math.min(lines, Number(m[2])); l++) covered[l] = 1;
  }
  return covered.subarray(1).every((c) => c === 1);
};
const partly = [...rows.keys()]
  .filter((f) => !mutateEntries.some((e) => names(e, f)) && !rangesCover(f))
  .sort()
  .map((f) => `${f} (lines ${mutateEntries.filter((e) => e.startsWith(`${f}:`)).map((e) => e.slice(f.length + 1)).join(', ')})`);
const unmeasured = MUTATED_DIRS.flatMap(tsFiles)
  .sort()
  .filter((f) => !rows.has(f) && !mutateEntries.some((e) => names(e, f)));
const whyPartial = opts['why-partial'];
if (unmeasured.length > 0 && whyPartial === undefined) {
  process.stderr.write(`bench/mutation-score.ts: ${unmeasured.length} files of ${MUTATED_DIRS.join(' and ')} were not mutated in this run; say why with --why-partial\n`);
  process.exit(2);
}

const all = [...rows.values()].sort((a, b) => a.file.localeCompare(b.file));
const total = all.reduce(
  (t, r) => ({ ...t, mutants: t.mutants + r.mutants, killed: t.killed + r.killed, timeout: t.timeout + r.timeout, survived: t.survived + r.survived, noCoverage: t.noCoverage + r.noCoverage, invalid: t.invalid + r.invalid, equivalent: t.equivalent + r.equivalent }),
  emptyRow('all'),
);
const caught = (r: Row): number => r.killed + r.timeout;
const counted = (r: Row): number => caught(r) + r.survived + r.noCoverage;
const score = (r: Row): string => (counted(r) === 0 ? '-' : `${((100 * caught(r)) / counted(r)).toFixed(1)}%`);
/** Entries for files this run mutated that match no surviving mutant (entries for files it left out are not judged). */
const stale = [...EQUIVALENT, ...NOT_KILLED].filter((e) => rows.has(e.file) && !used.has(e));

const totalSeconds = seconds.every((s) => s !== undefined) ? seconds.reduce((a, s) => a + s!, 0) : undefined;
const timeText =
  totalSeconds === undefined ? 'Stryker time not recorded (run it with bench/mutation-run.ts)' : `${(totalSeconds / 60).toFixed(0)} min of Stryker wall time, ${(totalSeconds / Math.max(1, total.mutants)).toFixed(1)} s per mutant`;
const configs = [...new Set(reports.map((r) => `concurrency ${r.config?.concurrency ?? '?'}, timeoutFactor ${r.config?.timeoutFactor ?? '?'}, timeoutMS ${r.config?.timeoutMS ?? '?'}`))].join('; ');
/** One part: its report, the files counted from it, and the time it took. */
function partLine(path: string, part: number): string {
  const counted = [...latest.entries()].flatMap(([file, f]) => {
    const n = [...f.mutants.values()].filter((x) => x.part === part).length;
    return n === 0 ? [] : [`${file.replace(/^src\//, '')} (${n})`];
  });
  const superseded = Object.values(reports[part]!.files).reduce((a, f) => a + f.mutants.length, 0) - counted.reduce((a, c) => a + Number(/\((\d+)\)$/.exec(c)![1]), 0);
  const time = seconds[part] === undefined ? 'time not recorded' : `${(seconds[part] / 60).toFixed(0)} min`;
  const mutate = reports[part]!.config?.mutate ?? [];
  const ranges = mutate.some((e) => /:\d/.test(e)) ? `, lines ${mutate.map((e) => e.replace(/^src\//, '')).join(', ')}` : '';
  // Without per-test coverage (code in worker threads, which it cannot see) every mutant ran every test the part named.
  const off = reports[part]!.config?.coverageAnalysis === 'off' ? `, coverage analysis off: every mutant against ${Object.keys(reports[part]!.testFiles ?? {}).join(', ')}, worker threads included` : '';
  return `- ${path.replace(/^.*\//, '')} (${time}${ranges}${off}): mutants counted from it, per file: ${counted.length === 0 ? 'none' : counted.join(', ')}${superseded > 0 ? `; ${superseded} superseded by a later part` : ''}`;
}
const code = (s: string, n: number): string => `\`${s.replace(/\s+/g, ' ').slice(0, n)}\``;

const BEGIN = '<!-- mutation-engines: generated by npm run mutation:engines; do not edit -->';
const END = '<!-- mutation-engines: end -->';
const section = [
  BEGIN,
  '## Mutation testing of the engines and the core (StrykerJS)',
  '',
  `StrykerJS, ${paths.length === 1 ? 'one run' : `a run in ${paths.length} parts, one report each`} (${timeText} on this 2-core machine, shared with other work; ${configs}),`,
  `over ${all.length} files of src/engines and src/core, against the fast test set (vitest.stryker.config.ts), with the TypeScript`,
  'checker. Score = (killed + timed out) / (mutants that compile and load - equivalent ones): a mutant that makes the tests',
  `run past their time limit (an endless loop) counts as detected; ${hitLimit} of the ${total.timeout} timed out at Stryker's hit limit (a mutated`,
  'expression run 100 times as often as unmutated), the others at the time limit. Equivalent mutants are listed below,',
  'each with its reason, from bench/mutation-equivalent.ts. A mutant of code run in worker threads (the parallel BFS) is',
  'active there too (test/stryker-worker-mutant.ts); per-test coverage cannot see those threads, so such parts run without it.',
  '',
  ...(paths.length === 1 ? [] : ['Parts, in the order read (a mutant run by two parts is counted from the later one, which ran it against more tests):', '', ...paths.map(partLine), '']),
  `**${caught(total)} of ${counted(total)} non-equivalent mutants detected (${score(total)}).**`,
  '',
  '| file | mutants | killed | timed out | survived | no coverage | equivalent | invalid | score |',
  '|---|---|---|---|---|---|---|---|---|',
  ...[...all, total].map((r) => `| ${r.file} | ${r.mutants} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.equivalent} | ${r.invalid} | ${score(r)} |`),
  '',
  ...(unmeasured.length === 0 ? ['Every file of src/engines and src/core was mutated.'] : [`Not measured in this run (${unmeasured.length} files): ${unmeasured.join(', ')}. ${whyPartial}`]),
  ...(partly.length === 0 ? [] : ['', `Mutated on some lines only (no part mutated the whole file): ${partly.join('; ')}.`]),
  '',
  ...(survivors.length === 0
    ? ['Every surviving mutant is listed as equivalent.']
    : [`Surviving mutants not listed as equivalent (${survivors.length}; those no test kills yet say why):`, '', ...survivors.map((s) => `- ${s.file}:${s.line} ${s.mutator} ${code(s.replacement, 60)} in ${code(s.text, 80)}${s.why !== undefined ? `: not killed, ${s.why}` : ''}`)]),
  '',
  `Equivalent (${EQUIVALENT.filter((e) => used.has(e)).length} entries, ${total.equivalent} mutants):`,
  '',
  ...EQUIVALENT.filter((e) => used.has(e)).map((e) => `- ${e.file} ${e.mutator} ${code(e.replacement, 50)} in ${code(e.line, 80)}: ${e.reason}`),
  END,
];

process.stdout.write(`${section.filter((l) => l.startsWith('|') || l.startsWith('**')).join('\n')}\n`);
if (changed.length > 0) {
  process.stderr.write(`reports measured a source that is not the file as it is now (run those files again): ${changed.join(', ')}\n`);
  process.exit(3);
}
if (stale.length > 0) {
  process.stderr.write(`stale equivalence entries (no surviving mutant matches):\n${stale.map((e) => `  ${e.file} ${e.mutator} ${e.line}`).join('\n')}\n`);
  process.exit(1);
}
if (opts.benchmarks !== undefined) {
  const old = readFileSync(opts.benchmarks, 'utf8');
  const a = old.indexOf(BEGIN);
  const b = old.indexOf(END);
  const next = a >= 0 && b > a ? old.slice(0, a) + section.join('\n') + old.slice(b + END.length) : `${old.trimEnd()}\n\n${section.join('\n')}\n`;
  writeFileSync(`${opts.benchmarks}.tmp`, next);
  renameSync(`${opts.benchmarks}.tmp`, opts.benchmarks);
}
