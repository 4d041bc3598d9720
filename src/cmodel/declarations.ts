/**
 * The model-level macros of a C model file, read into plain data:
 *
 *   ROLE("GUP-fast", CPUS(1, N), LOOP, SYMMETRIC, INIT(start_task), gup_fast, handle_pte_fault);
 *   ROLE("khugepaged", CPU(0), ONCE, collapse_huge_page);
 *   MODEL_CPUS(2, 4);                       // at least 2 CPUs, 4 by default
 *   MODEL_ARCHES("x86-native", "arm64");    // the configurations it is checked on
 *   MODEL_MEMORY("sc", "tso");              // the memory models it is checked under
 *   INTERRUPT(CALL_FUNCTION_VECTOR, generic_smp_call_function_interrupt);
 *   WITNESS(no_walker_reads_freed_table, walker_mid_walk, "a walker holds T when T is unlinked");
 *   ALWAYS(every_kick_observed, kick_coming, "no request waits with no IPI pending or owed");
 *
 * A ONCE role with several functions runs one of them, chosen at the start (a branch in the
 * trace); a LOOP role with several runs one of them per iteration (the first is its main
 * loop, the others can start between two iterations). Roles cover CPUs 0..N-1 in order; the
 * last may be open-ended (`CPUS(k, N)`). SYMMETRIC asks for symmetry reduction over the role's
 * CPUs, which the compiler grants only if it can check that they are interchangeable.
 * INIT(fn) runs fn on each of the role's CPUs, to its end, before the first step (the state a
 * litmus test would write in its initial-state clause, here written as the kernel code that
 * reaches it: `switch_mm_irqs_off(NULL, &mm, NULL)` for a CPU running a task of mm).
 *
 * Instead of roles, a model may declare tasks, several per CPU, that the scheduler preempts and
 * migrates (./build/tasks.ts):
 *
 *   TASK("A", CPU(0), ONCE, flush_something);   // starts on CPU0, may migrate
 *   TASK("B", CPU(0), LOOP, PINNED, other);      // starts on CPU0, never leaves it
 *   MODEL_CPUS(2, 2);                            // how many CPUs the tasks share
 *
 * A model with tasks has no ROLE: its CPUs run its tasks (the first task declared on a CPU
 * runs there first, the others wait), and take interrupts between their steps.
 *
 *   HOTPLUG(CPU(1), CPU(2));                     // these CPUs may go offline (./build/hotplug.ts)
 */
import type { Expr, Loc, MacroUse } from '../c/ast.js';
import { CError } from '../c/error.js';
import { ARCH_NAMES } from '../arch/index.js';
import type { ArchName } from '../arch/arch.js';
import type { MemoryModelName } from '../memory/model-name.js';
import type { Symbols } from './symbols.js';
import { SB_ENTRIES, SB_MAX_ENTRIES } from './exec/memory-model.js';

export interface RoleDecl {
  readonly name: string;
  readonly first: number;
  /** Number of CPUs, or null for "up to N". */
  readonly count: number | null;
  readonly loop: boolean;
  readonly symmetric: boolean;
  readonly functions: readonly string[];
  /** INIT(fn): run on each of the role's CPUs before the first step, or null. */
  readonly init: string | null;
  readonly loc: Loc;
}

/** A task (TASK(...)): a thread of its own the scheduler runs on some CPU. */
export interface TaskDecl {
  readonly name: string;
  /** The CPU it is on at the start (the first task declared on a CPU runs there first). */
  readonly cpu: number;
  readonly loop: boolean;
  readonly fn: string;
  /** PINNED: its affinity is its start CPU alone (kthread_bind()), so it never migrates. */
  readonly pinned: boolean;
  readonly loc: Loc;
}

export interface InterruptDecl {
  readonly vector: string;
  readonly handler: string;
  readonly loc: Loc;
}

export interface WitnessDecl {
  /** The always-property whose race window it shows (kebab-case, as properties are named). */
  readonly property: string;
  readonly fn: string;
  readonly doc: string;
  readonly loc: Loc;
}

export interface ModelDecls {
  /**
   * Which code each CPU runs. A model with tasks has one role `CPU` for every CPU (its
   * interrupt handlers; no program of its own) and then one role per task, in `tasks` order.
   */
  readonly roles: readonly RoleDecl[];
  /** The model's tasks (TASK(...)); empty for a model of roles. */
  readonly tasks: readonly TaskDecl[];
  readonly minCpus: number;
  readonly defaultCpus: number;
  readonly arches: readonly ArchName[];
  readonly memoryModels: readonly MemoryModelName[];
  readonly interrupts: readonly InterruptDecl[];
  readonly witnesses: readonly WitnessDecl[];
  /**
   * ALWAYS(property, predicate, doc): always-properties stated over the state, for what no
   * code point can state (the hardware's state, such as an IPI no CPU has taken yet). Each
   * `fn` holds in every reachable state (for every CPU, if it takes one); `property` names it.
   */
  readonly invariants: readonly WitnessDecl[];
  readonly summary: string | null;
  /** Entries of each CPU's store buffer under tso/weak (MODEL_STORE_BUFFER(n)). */
  readonly storeBufferEntries: number;
  /** HOTPLUG(CPU(k), ...): the CPUs that may go offline (a model with tasks), or null. */
  readonly hotplug: HotplugDecl | null;
}

export interface HotplugDecl {
  readonly cpus: readonly number[];
  readonly loc: Loc;
}

const ROLE_FLAGS = new Set(['ONCE', 'LOOP', 'SYMMETRIC']);
const TASK_FLAGS = new Set(['ONCE', 'LOOP', 'PINNED']);
/** The name of the role of every CPU in a model with tasks. */
export const TASK_CPU_ROLE = 'CPU';
const MEMORY_MODELS: readonly MemoryModelName[] = ['sc', 'tso', 'weak'];

/** kebab-case for C identifiers: no_walker_reads_freed_table -> no-walker-reads-freed-table. */
export const kebab = (s: string): string => s.replace(/_/g, '-');

export function readDeclarations(sym: Symbols, modelFile: string): ModelDecls {
  const roles: RoleDecl[] = [];
  const tasks: TaskDecl[] = [];
  const interrupts: InterruptDecl[] = [];
  const witnesses: WitnessDecl[] = [];
  const invariants: WitnessDecl[] = [];
  let cpus: [number, number] | null = null;
  let arches: ArchName[] | null = null;
  let memory: MemoryModelName[] | null = null;
  let summary: string | null = null;
  let sbEntries = SB_ENTRIES;
  let hotplug: HotplugDecl | null = null;
  for (const m of sym.macros) {
    switch (m.name) {
      case 'ROLE':
        roles.push(readRole(sym, m));
        break;
      case 'TASK':
        tasks.push(readTask(sym, m));
        break;
      case 'INTERRUPT':
      {
        const irq = readInterrupt(sym, m);
        const dup = interrupts.find((i) => i.vector === irq.vector);
        // The prelude declares the call-function vector's handler: a model replaces the function.
        if (dup !== undefined) throw new CError(m.loc, `INTERRUPT(${irq.vector}, ...) is declared twice (first at ${dup.loc.file}:${dup.loc.line}); to change the handler, define a function of the same name`);
        interrupts.push(irq);
      }
        break;
      case 'WITNESS':
        witnesses.push(readWitness(sym, m));
        break;
      case 'ALWAYS':
        invariants.push(readInvariant(sym, m));
        break;
      case 'MODEL_CPUS':
        cpus = [num(sym, m, 0), num(sym, m, 1)];
        if (m.args.length !== 2 || cpus[0] < 1 || cpus[1] < cpus[0] || cpus[1] > 24) throw new CError(m.loc, 'MODEL_CPUS(min, default) with 1 <= min <= default <= 24');
        break;
      case 'MODEL_ARCHES':
        arches = m.args.map((a) => {
          const s = str(a, 'MODEL_ARCHES');
          if (!(ARCH_NAMES as readonly string[]).includes(s)) throw new CError(a.loc, `unknown configuration '${s}' (known: ${ARCH_NAMES.join(', ')})`);
          return s as ArchName;
        });
        break;
      case 'MODEL_MEMORY':
        memory = m.args.map((a) => {
          const s = str(a, 'MODEL_MEMORY');
          if (!(MEMORY_MODELS as readonly string[]).includes(s)) throw new CError(a.loc, `unknown memory model '${s}' (sc, tso, weak)`);
          return s as MemoryModelName;
        });
        break;
      case 'MODEL_EXPECT':
      case 'MODEL_EXPECT_SOURCE':
      case 'MODEL_MIRRORS':
        break; // read by the scenario adapter (./scenario.ts)
      case 'MODEL_STORE_BUFFER':
        sbEntries = num(sym, m, 0);
        if (m.args.length !== 1 || sbEntries < 1 || sbEntries > SB_MAX_ENTRIES) throw new CError(m.loc, `MODEL_STORE_BUFFER(n) with 1 <= n <= ${SB_MAX_ENTRIES}`);
        break;
      case 'MODEL_SUMMARY':
        summary = str(m.args[0] ?? { kind: 'num', loc: m.loc, value: 0 }, 'MODEL_SUMMARY');
        break;
      case 'HOTPLUG':
        if (hotplug !== null) throw new CError(m.loc, `HOTPLUG(...) is declared twice (first at ${hotplug.loc.file}:${hotplug.loc.line}); list every CPU that may go offline in one`);
        hotplug = readHotplug(sym, m);
        break;
      default:
        throw new CError(m.loc, `unknown top-level macro '${m.name}' (ROLE, TASK, HOTPLUG, MODEL_CPUS, MODEL_ARCHES, MODEL_MEMORY, MODEL_SUMMARY, MODEL_EXPECT, MODEL_EXPECT_SOURCE, MODEL_MIRRORS, MODEL_STORE_BUFFER, INTERRUPT, WITNESS, ALWAYS, DEFINE_PER_CPU, DEFINE_PER_TASK, DEFINE_GHOST)`);
    }
  }
  const where = { file: modelFile, line: 1, col: 1 };
  if (tasks.length > 0) return taskDecls(tasks, roles, cpus, { arches, memory, interrupts, witnesses, invariants, summary, sbEntries, hotplug });
  if (hotplug !== null) throw new CError(hotplug.loc, 'HOTPLUG(...) needs a model of TASK(...)s: a CPU going offline pushes its tasks to other CPUs first (a ROLE\'s code has no other CPU to go to), and stop_machine() waits for every preempt_disable() section (a model of roles does not count them)');
  if (roles.length === 0) throw new CError(where, 'no ROLE(...): say which function each CPU runs');
  const fixed = roles.reduce((n, r) => n + (r.count ?? 1), 0);
  checkRoleOrder(roles);
  const minCpus = Math.max(cpus?.[0] ?? fixed, fixed);
  return {
    roles,
    tasks: [],
    minCpus,
    defaultCpus: Math.max(cpus?.[1] ?? minCpus, minCpus),
    arches: arches ?? ['x86-native'],
    memoryModels: memory ?? ['sc'],
    interrupts,
    witnesses,
    invariants,
    summary,
    storeBufferEntries: sbEntries,
    hotplug: null,
  };
}

/**
 * A model of tasks: one role for the CPUs (they run the tasks and take interrupts), then one
 * role of one actor per task. Refused with tasks: ROLE (a CPU runs tasks, not a fixed
 * function), and a task CPU beyond the model's CPUs.
 */
function taskDecls(
  tasks: readonly TaskDecl[],
  roles: readonly RoleDecl[],
  cpus: [number, number] | null,
  o: { arches: ArchName[] | null; memory: MemoryModelName[] | null; interrupts: InterruptDecl[]; witnesses: WitnessDecl[]; invariants: WitnessDecl[]; summary: string | null; sbEntries: number; hotplug: HotplugDecl | null },
): ModelDecls {
  const role = roles[0];
  if (role !== undefined) throw new CError(role.loc, `ROLE ${role.name} in a model with TASK(...): its CPUs run its tasks; declare every thread of code as a TASK`);
  const dup = tasks.find((t, i) => tasks.findIndex((u) => u.name === t.name) !== i);
  if (dup !== undefined) throw new CError(dup.loc, `two tasks are named ${dup.name}`);
  // A CPU HOTPLUG names is one the model has at every CPU count.
  const minCpus = Math.max(cpus?.[0] ?? 1, ...tasks.map((t) => t.cpu + 1), ...(o.hotplug?.cpus ?? []).map((c) => c + 1));
  const cpuRole: RoleDecl = { name: TASK_CPU_ROLE, first: 0, count: null, loop: false, symmetric: false, functions: [], init: null, loc: tasks[0]!.loc };
  return {
    roles: [cpuRole, ...tasks.map((t): RoleDecl => ({ name: t.name, first: -1, count: 1, loop: t.loop, symmetric: false, functions: [t.fn], init: null, loc: t.loc }))],
    tasks,
    minCpus,
    defaultCpus: Math.max(cpus?.[1] ?? minCpus, minCpus),
    arches: o.arches ?? ['x86-native'],
    memoryModels: o.memory ?? ['sc'],
    interrupts: o.interrupts,
    witnesses: o.witnesses,
    invariants: o.invariants,
    summary: o.summary,
    storeBufferEntries: o.sbEntries,
    hotplug: o.hotplug,
  };
}

/** HOTPLUG(CPU(k), ...): each listed CPU may be taken offline once (./build/hotplug.ts). */
function readHotplug(sym: Symbols, m: MacroUse): HotplugDecl {
  const usage = 'HOTPLUG(CPU(k), ...): the CPUs that may go offline';
  if (m.args.length === 0) throw new CError(m.loc, usage);
  const cpus: number[] = [];
  for (const a of m.args) {
    if (a.kind !== 'call' || a.callee !== 'CPU' || a.args.length !== 1) throw new CError(a.loc, usage);
    const cpu = num(sym, { ...m, args: a.args }, 0);
    if (cpu < 0 || cpu > 23) throw new CError(a.loc, `HOTPLUG names CPU${cpu}: CPUs are 0..23`);
    if (cpus.includes(cpu)) throw new CError(a.loc, `HOTPLUG names CPU${cpu} twice`);
    cpus.push(cpu);
  }
  return { cpus, loc: m.loc };
}

/** TASK(name, CPU(k), ONCE | LOOP, [PINNED,] function). */
function readTask(sym: Symbols, m: MacroUse): TaskDecl {
  const usage = 'TASK(name, CPU(k), ONCE | LOOP, [PINNED,] function)';
  const [nameArg, cpuArg, ...rest] = m.args;
  if (nameArg === undefined || cpuArg === undefined) throw new CError(m.loc, usage);
  const name = nameArg.kind === 'string' ? nameArg.value : nameArg.kind === 'ident' ? nameArg.name : null;
  if (name === null) throw new CError(nameArg.loc, 'a TASK name is a string or an identifier');
  if (cpuArg.kind !== 'call' || cpuArg.callee !== 'CPU' || cpuArg.args.length !== 1) throw new CError(cpuArg.loc, `the second TASK argument is CPU(k), the CPU it starts on: ${usage}`);
  const cpu = num(sym, { ...m, args: cpuArg.args }, 0);
  if (cpu < 0 || cpu > 23) throw new CError(cpuArg.loc, `TASK ${name} starts on CPU${cpu}: CPUs are 0..23`);
  const flags = new Set<string>();
  const functions: string[] = [];
  for (const a of rest) {
    if (a.kind === 'ident' && TASK_FLAGS.has(a.name)) flags.add(a.name);
    else if (a.kind === 'ident' && (a.name === 'SYMMETRIC' || a.name === 'INIT')) throw new CError(a.loc, `TASK ${name}: ${a.name} is for ROLE; tasks are not reduced by symmetry and start from the declared state (flags: ONCE, LOOP, PINNED)`);
    else if (a.kind === 'call' && a.callee === 'INIT') throw new CError(a.loc, `TASK ${name}: INIT(fn) is for ROLE; a task starts from the declared state (flags: ONCE, LOOP, PINNED)`);
    else if (a.kind === 'ident' && sym.functions.has(a.name)) functions.push(a.name);
    else throw new CError(a.loc, `'${textOf(a)}' is neither a TASK flag (ONCE, LOOP, PINNED) nor a defined function`);
  }
  if (functions.length !== 1) throw new CError(m.loc, `TASK ${name} runs ${functions.length === 0 ? 'no function' : `${functions.length} functions`}: a task runs exactly one (declare another TASK for another function)`);
  if (flags.has('ONCE') && flags.has('LOOP')) throw new CError(m.loc, `TASK ${name} is both ONCE and LOOP`);
  return { name, cpu, loop: flags.has('LOOP'), fn: functions[0]!, pinned: flags.has('PINNED'), loc: m.loc };
}

function checkRoleOrder(roles: readonly RoleDecl[]): void {
  let next = 0;
  roles.forEach((r, i) => {
    if (r.first !== next) throw new CError(r.loc, `ROLE ${r.name} starts at CPU${r.first}; roles must cover the CPUs in order from CPU${next}`);
    if (r.count === null && i !== roles.length - 1) throw new CError(r.loc, `only the last ROLE may run on CPUs up to N`);
    next = r.first + (r.count ?? 0);
  });
}

function readRole(sym: Symbols, m: MacroUse): RoleDecl {
  const [nameArg, cpusArg, ...rest] = m.args;
  if (nameArg === undefined || cpusArg === undefined) throw new CError(m.loc, 'ROLE(name, CPU(k) | CPUS(first, count | N), flags..., functions...)');
  const name = nameArg.kind === 'string' ? nameArg.value : nameArg.kind === 'ident' ? nameArg.name : null;
  if (name === null) throw new CError(nameArg.loc, 'a ROLE name is a string or an identifier');
  if (cpusArg.kind !== 'call' || (cpusArg.callee !== 'CPU' && cpusArg.callee !== 'CPUS')) throw new CError(cpusArg.loc, 'the second ROLE argument is CPU(k) or CPUS(first, count | N)');
  const first = num(sym, { ...m, args: cpusArg.args }, 0);
  let count: number | null = 1;
  if (cpusArg.callee === 'CPUS') {
    const c = cpusArg.args[1];
    if (c === undefined) throw new CError(cpusArg.loc, 'CPUS(first, count | N)');
    count = c.kind === 'ident' && c.name === 'N' ? null : num(sym, { ...m, args: cpusArg.args }, 1);
  }
  const flags = new Set<string>();
  const functions: string[] = [];
  let init: string | null = null;
  for (const a of rest) {
    if (a.kind === 'ident' && ROLE_FLAGS.has(a.name)) flags.add(a.name);
    else if (a.kind === 'call' && a.callee === 'INIT') {
      const f = a.args[0];
      if (a.args.length !== 1 || f?.kind !== 'ident' || !sym.functions.has(f.name)) throw new CError(a.loc, 'INIT(function): a defined function with no parameters, run on each CPU of the role before the first step');
      if (init !== null) throw new CError(a.loc, `ROLE ${name} has two INIT functions`);
      init = f.name;
    } else if (a.kind === 'ident' && sym.functions.has(a.name)) functions.push(a.name);
    else throw new CError(a.loc, `'${textOf(a)}' is neither a ROLE flag (ONCE, LOOP, SYMMETRIC, INIT(fn)) nor a defined function`);
  }
  if (functions.length === 0) throw new CError(m.loc, `ROLE ${name} runs no function`);
  if (flags.has('ONCE') && flags.has('LOOP')) throw new CError(m.loc, `ROLE ${name} is both ONCE and LOOP`);
  return { name, first, count, loop: flags.has('LOOP'), symmetric: flags.has('SYMMETRIC'), functions, init, loc: m.loc };
}

function readInterrupt(sym: Symbols, m: MacroUse): InterruptDecl {
  const [v, h] = m.args;
  if (v?.kind !== 'ident' || h?.kind !== 'ident' || !sym.functions.has(h.name)) throw new CError(m.loc, 'INTERRUPT(VECTOR, handler_function)');
  return { vector: v.name, handler: h.name, loc: m.loc };
}

function readWitness(sym: Symbols, m: MacroUse): WitnessDecl {
  const [p, f, d] = m.args;
  const property = p?.kind === 'ident' ? kebab(p.name) : p?.kind === 'string' ? p.value : null;
  if (property === null || f?.kind !== 'ident' || d?.kind !== 'string') throw new CError(m.loc, 'WITNESS(property_name or "BUG_ON(...)", predicate_function, "what the race window is")');
  if (!sym.functions.has(f.name)) throw new CError(f.loc, `unknown witness function '${f.name}'`);
  return { property, fn: f.name, doc: d.value, loc: m.loc };
}

/** ALWAYS(property_name, predicate_function, "what must always hold"). */
function readInvariant(sym: Symbols, m: MacroUse): WitnessDecl {
  const [p, f, d] = m.args;
  if (p?.kind !== 'ident' || f?.kind !== 'ident' || d?.kind !== 'string' || m.args.length !== 3) throw new CError(m.loc, 'ALWAYS(property_name, predicate_function, "what must always hold")');
  if (!sym.functions.has(f.name)) throw new CError(f.loc, `unknown ALWAYS function '${f.name}'`);
  return { property: kebab(p.name), fn: f.name, doc: d.value, loc: m.loc };
}

function num(sym: Symbols, m: MacroUse, i: number): number {
  const a = m.args[i];
  if (a === undefined) throw new CError(m.loc, `${m.name}: missing argument ${i + 1}`);
  if (a.kind === 'num') return a.value;
  if (a.kind === 'ident') {
    const c = sym.constants.get(a.name);
    if (c !== undefined) return c.value;
  }
  throw new CError(a.loc, `${m.name}: argument ${i + 1} must be a constant`);
}

function str(a: Expr, macro: string): string {
  if (a.kind !== 'string') throw new CError(a.loc, `${macro} takes strings`);
  return a.value;
}

function textOf(a: Expr): string {
  return a.kind === 'ident' ? a.name : a.kind === 'call' ? `${a.callee}(...)` : a.kind;
}
