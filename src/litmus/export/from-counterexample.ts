/**
 * `shootdown litmus --from <counterexample.json>`: a committed tso/weak counterexample of a
 * scenario as a litmus test in herd7's C dialect. Each CPU's shared-memory accesses, in the
 * trace's program order, become one process (./steps.ts says what each step accesses), with
 * the fences the steps use, and the `exists` clause states the value each read returned in the
 * trace. The values are replayed along the trace with the scenario's own store-buffer rules
 * (src/mechanisms/store-buffer.ts: which primitive's store waits in the store buffer, which
 * drains it; the trace's commit events): a read returns its CPU's newest buffered store to
 * the location, else memory; where the step's text says what was read (`EQS -> skipped`), the
 * replayed value must agree, or the export stops.
 *
 * The export is refused, by name, for a counterexample that does not turn on a store-buffer
 * reordering: one under `sc`, one whose trace reads no shared memory, and one whose observed
 * values sequential consistency already allows (the violation then comes from something else:
 * a stale instruction stream, a TLB entry filled before the trace, ...). Whether SC allows
 * them is decided by `shootdown litmus --model sc` on the exported test, so the test that
 * comes out is exactly one that needs a relaxation.
 */
import { match } from 'ts-pattern';
import { drainsStoreBuffer, storeIsBuffered, type SbPrimitive } from '../../mechanisms/store-buffer.js';
import { isMemoryModelName, type MemoryModelName } from '../../memory/model-name.js';
import type { CounterexampleFile } from '../../report/counterexample-file.js';
import { wrapCell } from '../../report/diagram.js';
import { InputError } from '../../report/input-error.js';
import { runLitmus } from '../run.js';
import { meaningOf, type Access, type LocRef, type StepMeaning } from './steps.js';

export interface ExportedLitmus {
  /** The litmus test, herd7's C dialect. */
  readonly text: string;
  readonly name: string;
}

/** One line of a process body, with the trace step it comes from. */
interface Line {
  readonly code: string;
  readonly step: number;
  readonly what: string;
}

interface Read {
  readonly cpu: number;
  readonly reg: string;
  readonly value: number;
}

/** The export, or the refusal (an InputError naming the counterexample and the reason). */
export function exportCounterexample(cx: CounterexampleFile, where: string): ExportedLitmus {
  const refuse = (why: string): never => {
    throw new InputError(`${where}: ${cx.name}: ${why}`);
  };
  if (!isMemoryModelName(cx.memoryModel) || cx.memoryModel === 'sc') refuse(`memory model '${cx.memoryModel}': only a tso or weak counterexample can turn on a store-buffer reordering`);
  const mm = cx.memoryModel as Exclude<MemoryModelName, 'sc'>;
  const sender = cx.trace.find((s) => s.step === 'smp_call_function_many' || s.step === 'on_each_cpu_cond')?.cpu ?? null;
  const sim = new Replay(mm);
  cx.trace.forEach((s, i) => {
    if (s.kind === 'choose') return;
    const m = meaningOf(s.step, s.text);
    if (m === null) return refuse(`trace step ${i + 1} '${s.step}' (${s.text}) is not in the export's table of memory accesses (src/litmus/export/steps.ts)`);
    if (!('accesses' in m)) return refuse(`trace step ${i + 1} '${s.step}': ${m.why}`);
    const by = m.by === 'sender' ? (s.by ?? sender) : s.cpu;
    if (by === null) return refuse(`trace step ${i + 1} '${s.step}' is the sender's, but no CPU sends in this trace`);
    sim.step(i, by, s.cpu, m, (why) => refuse(`trace step ${i + 1} '${s.step}': ${why}`));
  });
  if (sim.reads.length === 0) refuse('its trace reads no shared memory: nothing in it is a store-buffer reordering');
  const name = `shootdown-${cx.name}`;
  const text = render(cx, name, sim);
  const sc = runLitmus(text, { model: 'sc', file: `${name}.litmus` });
  if (sc.status !== 'answer') return refuse('sequential consistency could not be decided for its accesses');
  if (sc.outcome !== 'Never') {
    refuse('sequential consistency already allows the values its trace reads, so the violation does not turn on a store-buffer reordering but on something else (a stale instruction stream or TLB entry, ...)');
  }
  return { text, name };
}

/** Initial values other than 0: V is mapped to page A (1) when the trace starts. */
const INITIAL = new Map([['pte_V', 1]]);

const locName = (l: LocRef, self: number, target: number): string =>
  match(l)
    .with({ k: 'global' }, (g) => g.name)
    .with({ k: 'per-cpu' }, (p) => `${p.name}${p.of === 'self' ? self : target}`)
    .exhaustive();

/** The trace replayed on memory and store buffers, collecting each CPU's litmus lines. */
class Replay {
  readonly lines = new Map<number, Line[]>();
  readonly reads: Read[] = [];
  /** The locations used, with their initial values. */
  readonly locs = new Map<string, number>();
  private readonly memory = new Map<string, number>();
  private readonly buffers = new Map<number, { loc: string; value: number }[]>();
  /** Per CPU: where its instruction stream last read the text (line index) and what it read. */
  private readonly stream = new Map<number, { at: number; value: number }>();

  constructor(private readonly mm: Exclude<MemoryModelName, 'sc'>) {}

  step(i: number, by: number, target: number, m: StepMeaning, fail: (why: string) => never): void {
    for (const a of m.accesses) this.access(i, by, target, a, m.step, fail);
  }

  private access(i: number, cpu: number, target: number, a: Access, what: string, fail: (why: string) => never): void {
    const loc = (l: LocRef): string => {
      const n = locName(l, cpu, target);
      if (!this.locs.has(n)) this.locs.set(n, INITIAL.get(n) ?? 0);
      return n;
    };
    match(a)
      .with({ k: 'store' }, (x) => {
        this.emit(cpu, i, what, `WRITE_ONCE(*${loc(x.loc)}, ${x.value});`);
        this.store(cpu, loc(x.loc), x.value, x.prim);
      })
      .with({ k: 'load' }, (x) => {
        const n = loc(x.loc);
        const v = this.visible(cpu, n);
        if (!x.expect(v)) fail(`the trace says it read another value of ${n} than the replay gives (${v})`);
        this.read(cpu, i, what, v, (r) => (x.prim === 'READ_ONCE' ? `${r} = READ_ONCE(*${n});` : `${r} = atomic_read(${n});`));
      })
      .with({ k: 'rmw' }, (x) => {
        const n = loc(x.loc);
        this.drainIf(cpu, x.prim);
        const old = this.visible(cpu, n);
        if (x.prim === 'atomic_inc') this.emit(cpu, i, what, `atomic_inc(${n});`);
        else this.read(cpu, i, what, old + x.add, (r) => `${r} = atomic_add_return(${x.add}, ${n});`);
        this.store(cpu, n, old + x.add, x.prim);
      })
      .with({ k: 'cmpxchg' }, (x) => {
        const n = loc(x.loc);
        this.drainIf(cpu, 'cmpxchg');
        const old = this.visible(cpu, n);
        if (!x.expect(old)) fail(`the trace says it read another value of ${n} than the replay gives (${old})`);
        this.read(cpu, i, what, old, (r) => `${r} = atomic_cmpxchg(${n}, ${x.old}, ${x.new});`);
        if (old === x.old) this.store(cpu, n, x.new, 'cmpxchg');
      })
      .with({ k: 'fence' }, (x) => {
        this.emit(cpu, i, `${what}: ${x.why}`, `${x.prim}();`);
        this.drainIf(cpu, x.prim);
      })
      .with({ k: 'sync' }, () => {
        this.stream.set(cpu, { at: this.body(cpu).length, value: this.visible(cpu, loc({ k: 'global', name: 'text' })) });
      })
      .with({ k: 'fetch' }, (x) => {
        const n = loc({ k: 'global', name: 'text' });
        const last = this.stream.get(cpu) ?? { at: 0, value: this.locs.get(n)! };
        const at = x.stale ? last.at : this.body(cpu).length;
        const value = x.stale ? last.value : this.visible(cpu, n);
        this.read(cpu, i, `${what}: instruction fetch${x.stale ? ' (stream read at the last context sync)' : ''}`, value, (r) => `${r} = READ_ONCE(*${n});`, at);
      })
      .with({ k: 'commit' }, (x) => this.commit(cpu, loc(x.loc)))
      .exhaustive();
  }

  private body(cpu: number): Line[] {
    let b = this.lines.get(cpu);
    if (b === undefined) {
      b = [];
      this.lines.set(cpu, b);
    }
    return b;
  }

  private emit(cpu: number, step: number, what: string, code: string, at?: number): void {
    const b = this.body(cpu);
    b.splice(at ?? b.length, 0, { code, step, what });
  }

  private read(cpu: number, step: number, what: string, value: number, code: (reg: string) => string, at?: number): void {
    const reg = `r${this.reads.filter((r) => r.cpu === cpu).length}`;
    this.reads.push({ cpu, reg, value });
    this.emit(cpu, step, what, code(reg), at);
  }

  private visible(cpu: number, loc: string): number {
    const own = (this.buffers.get(cpu) ?? []).filter((e) => e.loc === loc);
    return own.length > 0 ? own[own.length - 1]!.value : (this.memory.get(loc) ?? this.locs.get(loc) ?? 0);
  }

  private store(cpu: number, loc: string, value: number, prim: SbPrimitive): void {
    if (!storeIsBuffered(this.mm, prim)) {
      this.memory.set(loc, value);
      return;
    }
    const b = this.buffers.get(cpu) ?? [];
    b.push({ loc, value });
    this.buffers.set(cpu, b);
  }

  private drainIf(cpu: number, prim: SbPrimitive): void {
    if (!drainsStoreBuffer(this.mm, prim)) return;
    for (const e of this.buffers.get(cpu) ?? []) this.memory.set(e.loc, e.value);
    this.buffers.set(cpu, []);
  }

  /** The oldest buffered store of `loc` reaches memory (the scenarios' commit events). */
  private commit(cpu: number, loc: string): void {
    const b = this.buffers.get(cpu) ?? [];
    const k = b.findIndex((e) => e.loc === loc);
    if (k < 0) return;
    this.memory.set(loc, b[k]!.value);
    b.splice(k, 1);
  }
}

function render(cx: CounterexampleFile, name: string, sim: Replay): string {
  const cpus = [...sim.lines.keys()].sort((a, b) => a - b);
  const locs = [...sim.locs.keys()];
  const param = (l: string): string => (l.startsWith('ct') ? `atomic_t *${l}` : `int *${l}`);
  const procs = cpus.map((cpu, p) => {
    // P<n> is CPU<cpu> of the trace.
    const body = sim.lines.get(cpu)!;
    const regs = sim.reads.filter((r) => r.cpu === cpu).map((r) => `\tint ${r.reg};`);
    const used = locs.filter((l) => body.some((x) => new RegExp(`\\b${l}\\b`).test(x.code)));
    return [
      `P${p}(${used.map(param).join(', ')})`,
      '{',
      ...regs,
      ...(regs.length > 0 ? [''] : []),
      ...body.flatMap((x) => [`\t/* trace step ${x.step + 1}: ${x.what} */`, `\t${x.code}`]),
      '}',
    ].join('\n');
  });
  const procOf = new Map(cpus.map((c, p) => [c, p]));
  const exists = sim.reads
    .map((r) => `${procOf.get(r.cpu)}:${r.reg}=${r.value}`)
    .sort()
    .join(' /\\ ');
  const init = locs.filter((l) => sim.locs.get(l) !== 0).map((l) => `${l}=${sim.locs.get(l)};`);
  return [
    `C ${name}`,
    '',
    '(*',
    ...wrapCell(
      `Exported by shootdown litmus --from from the ${cx.memoryModel} counterexample ${cx.scenario} / ${cx.variant} on ${cx.arch} (${cx.property}). ` +
        'Each process is one CPU of the trace, its shared-memory accesses in program order; the exists clause is what the trace read. ' +
        (sim.locs.has('text') ? 'An instruction fetch of the patched site is a READ_ONCE() of text where the instruction stream read it. ' : '') +
        'sc forbids this outcome. ' +
        cpus.map((c, p) => `P${p} is CPU${c} (${cx.trace.find((s) => s.cpu === c && s.kind !== 'event')?.role ?? 'sender'}).`).join(' '),
      76,
      76,
    ).map((l) => ` * ${l}`),
    ' *)',
    '',
    `{${init.length > 0 ? ` ${init.join(' ')} ` : ''}}`,
    '',
    procs.join('\n\n'),
    '',
    `exists (${exists})`,
    '',
  ].join('\n');
}
