/**
 * Which column of a race diagram each step of a trace is drawn in: the column of the CPU that
 * executes it. Usually that is the step's own CPU; a step another CPU executes on this one's
 * behalf (the sender reading a target's state, `by`) goes to the executor's column; a task
 * that migrated (`on`, the CPU it runs on now) is drawn on that CPU, its steps prefixed with
 * the task's name. Shared by the text diagram (./diagram.ts) and the HTML swimlanes.
 */
import type { TraceStep } from '../core/trace.js';

export interface Column {
  /** `CPU0 (khugepaged)`, `CPU0/taskA`, or `CPU2` for a CPU only a migrated task runs on. */
  readonly title: string;
  /** The CPU number the column stands for. */
  readonly cpu: number;
}

export interface Placed {
  readonly column: number;
  /** The step's text as drawn there (a migrated task's steps say whose they are). */
  readonly text: string;
}

/** Column title of an actor: the program it chose (`khugepaged`) or its role (`GUP-fast`); roles named `CPUn/task` title themselves. */
export function actorTitles(trace: readonly TraceStep[]): Map<number, string> {
  const titles = new Map<number, string>();
  for (const t of trace) {
    if (titles.has(t.cpu) && t.kind !== 'choose') continue;
    const who = t.kind === 'choose' ? (t.step.split(':')[0] ?? t.step) : t.role;
    titles.set(t.cpu, t.role.includes('/') ? t.role : `CPU${t.cpu} (${who})`);
  }
  return titles;
}

/** `taskA` for `CPU0/taskA`, the role otherwise. */
const taskName = (role: string): string => role.split('/').pop() ?? role;

const stepText = (t: TraceStep): string => (t.kind === 'choose' ? `[${t.step.split(': ').pop() ?? t.step}]` : t.text);

export function placeSteps(trace: readonly TraceStep[]): { readonly columns: readonly Column[]; readonly placed: readonly Placed[] } {
  const titles = actorTitles(trace);
  /** The CPU each actor's column stands for: where it runs at its first step. */
  const home = new Map<number, number>();
  for (const t of trace) if (!home.has(t.cpu)) home.set(t.cpu, t.on ?? t.cpu);
  // One column per actor that runs a step of its own, one per executor of another's step, and
  // one per CPU only a migrated task runs on.
  const keys: { readonly key: string; readonly title: string; readonly cpu: number; readonly order: number }[] = [];
  const columnOf = (key: string, title: string, cpu: number, order: number): string => {
    if (!keys.some((k) => k.key === key)) keys.push({ key, title, cpu, order });
    return key;
  };
  const actorColumn = (a: number): string => columnOf(`actor${a}`, titles.get(a) ?? `CPU${a}`, home.get(a) ?? a, a);
  const cpuColumn = (cpu: number): string => {
    const owner = [...home].find(([, h]) => h === cpu);
    return owner !== undefined ? actorColumn(owner[0]) : columnOf(`cpu${cpu}`, `CPU${cpu}`, cpu, Number.MAX_SAFE_INTEGER);
  };
  const raw = trace.map((t) => {
    if (t.by !== undefined) return { key: actorColumn(t.by), text: stepText(t) };
    const at = t.on ?? home.get(t.cpu) ?? t.cpu;
    if (at === (home.get(t.cpu) ?? t.cpu)) return { key: actorColumn(t.cpu), text: stepText(t) };
    const who = taskName(t.role);
    const text = stepText(t);
    return { key: cpuColumn(at), text: text.startsWith(who) ? text : `${who}: ${text}` };
  });
  const sorted = [...keys].sort((a, b) => a.cpu - b.cpu || a.order - b.order);
  const index = new Map(sorted.map((k, i) => [k.key, i]));
  return {
    columns: sorted.map((k) => ({ title: k.title, cpu: k.cpu })),
    placed: raw.map((r) => ({ column: index.get(r.key) ?? 0, text: r.text })),
  };
}
