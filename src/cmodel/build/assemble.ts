/**
 * A C model, for one configuration (arch, CPU count, memory model), as the `ModelSpec` every
 * engine explores: lower each role's code, decide which instructions are observable, cut the
 * code into steps, lay the state out (objects, hardware, registers, store buffers), compile the
 * steps to closures, and gather the roles, events, initial state and properties.
 */
import type { ArchConfig } from '../../arch/arch.js';
import { CError } from '../../c/error.js';
import { StepBlocked } from '../../core/step-blocked.js';
import { TLBI_ISSUE } from '../hardware/mmu.js';
import { defineLayout, type Layout } from '../../core/layout.js';
import { programFields, type ModelSpec, type Program, type Role, type State, type Step } from '../../core/model.js';
import type { MemoryModelName } from '../../memory/model-name.js';
import { buildAddressTable } from '../addresses.js';
import type { ModelDecls } from '../declarations.js';
import type { CodegenContext, HwOp } from '../exec/codegen.js';
import { newFrame, type Frame } from '../exec/frame.js';
import type { Fault } from '../exec/locations.js';
import { canCommit, commitEntry, sequentiallyConsistent, storeBufferMemory, type StoreBufferLayout } from '../exec/memory-model.js';

/** The built-in property a store into a full store buffer violates (a bound of the model). */
export const STORE_BUFFER_BOUND = 'store-buffer-bound';
import { HARDWARE_PARTS, HW_OP_INFO } from '../hardware/index.js';
import { callFunctionIrq } from '../hardware/cpu.js';
import type { HardwarePart, HwContext, HwRuntime, IrqEntry } from '../hardware/hardware.js';
import { PropertyRegistry, type LowerEnv } from '../lower/env.js';
import { AtomicTrust } from '../lower/atomic-trust.js';
import { NO_CHANGES, type SourceChanges } from '../changes.js';
import { addressTakenFunctions, namedByCode } from '../lower/scan.js';
import { readOnly } from '../lower/stmt.js';
import { allocateObjects, FieldAllocator, type ObjectStorage } from '../storage.js';
import { buildUnitSteps, planUnit, type BuiltStep, type UnitPlan } from '../steps/unit.js';
import type { Symbols } from '../symbols.js';
import { BOOL, decode, INT, type CType } from '../types.js';
import { resolveAddr } from '../exec/locations.js';
import { objectInitialiser } from './init.js';
import { modelProperties, witnessObjects } from './properties.js';
import { hardwareViews } from './views.js';
import { assignRegisterFields, registerAccess, registerShape, type RegisterFields } from './registers.js';
import { SYMMETRY_ARGUMENT, symmetryVerdict } from './symmetry.js';
import { pointeesOf } from '../pointees.js';
import { SWITCH_FN, lowerAllRoles, lowerUnit, type RoleUnit } from './units.js';
import { checkPerTaskObjects, refuseTaskInstance } from './per-task.js';
import { HOTPLUG_FN, hotplugEvents, type HotplugRuntime } from './hotplug.js';
import { ONLINE_MASK_OBJECT } from '../symbols.js';
import { computeVisibility, forEachAddr, type Visibility } from './visibility.js';
import { orientations, pairWrites } from './orientation.js';
import { ATOMIC_BLOCK_CHECK, ATOMIC_BLOCK_PREEMPTIBLE, ATOMIC_BLOCK_PREEMPTIBLE_DOC, PREEMPT_COUNT_BALANCED, PREEMPT_COUNT_BALANCED_DOC, STACK_USE_AFTER_RETURN, STACK_USE_AFTER_RETURN_DOC, allocateTaskFields, finished, preemptBoundary, runningTask, taskCpu, taskCpuRoles, taskEvents, taskInit, taskOps, taskRunnable, type TaskFields, type TaskRuntime } from './tasks.js';
import type { Instr, Val } from '../ir.js';

export interface CModelInput {
  readonly file: string;
  readonly sym: Symbols;
  readonly decls: ModelDecls;
  /** Lines the patch or override files wrote (../changes.ts): the `__atomic_block`s they reach into are not taken as atomic. */
  readonly changes?: SourceChanges;
}

/** One code unit as compiled: its instructions and the statements lowered into it (source coverage). */
export interface CompiledUnit {
  readonly name: string;
  readonly instrs: readonly import('../ir.js').Instr[];
  readonly lowered: readonly import('../../c/ast.js').Loc[];
}

export interface AssembleOptions {
  /** Called as unit `unit` (an index into `BuiltCModel.code`) runs its instruction `instr`. */
  readonly trace?: (unit: number, instr: number) => void;
  /** Runs of a step before it runs as generated code (../steps/unit.ts HOT_STEP; tests set 0 or Infinity). */
  readonly hotStep?: number;
}

export interface BuiltCModel {
  readonly spec: ModelSpec;
  /** Every code unit (each role's functions, then the interrupt handlers), in role order. */
  readonly code: readonly CompiledUnit[];
  /** Per role: symmetric as asked, or why the compiler refused it. */
  readonly symmetry: readonly { readonly role: string; readonly symmetric: boolean; readonly reason: string | null }[];
  /** Atomic blocks the model relies on, with their stated reasons. */
  readonly atomicAssumptions: readonly string[];
  /** `__atomic_block`s the patch reached into, compiled step by step: `file:line: why` (../lower/atomic-trust.ts). */
  readonly splitAtomicBlocks: readonly string[];
  /** Where each of those blocks starts. */
  readonly splitAtomicBlockLocs: readonly import('../../c/ast.js').Loc[];
}

const FAULTS: readonly (Fault | 'value-in-domain')[] = ['value-in-domain', 'index-in-bounds', 'no-null-dereference', 'pointer-type'];

/** The built-in faults of the model's own representation (a call through a bad pointer too), as opposed to the kernel's properties. */
export const MODEL_FAULTS: readonly string[] = [...FAULTS, 'no-call-through-null'];
const FAULT_DOCS: Record<Fault | 'value-in-domain', string> = {
  'value-in-domain': 'no value leaves the domain of the variable or register it is stored in',
  'index-in-bounds': 'no array index or CPU number is out of bounds',
  'no-null-dereference': 'no NULL pointer is dereferenced',
  'pointer-type': 'no pointer is used as a pointer to a different type',
};

export function assemble(input: CModelInput, arch: ArchConfig, cpus: number, mm: MemoryModelName, name: string, opts: AssembleOptions = {}): BuiltCModel {
  const { sym, decls } = input;
  const lw = lowerRoles(input, arch, cpus, mm);
  const pl = planSteps(input, lw, arch, cpus, mm);
  const ld = layOut(input, lw, pl, cpus, mm);
  const rn = runtimeOf(input, lw, pl, ld, cpus, mm);
  const builtRoles = buildSteps(lw, pl, ld, rn, arch, opts);
  const { roleUnits, cpuRoles, hwCpuRoles, props, env } = lw;
  // INIT registers are gone once it ends: they decide nothing about symmetry.
  const symmetry = issuerSymmetry(bufferedSymmetry(symmetryVerdict(decls, pl.plans.map((ps, ri) => ps.filter((_, ui) => roleUnits[ri]![ui]!.kind !== 'init')), roleUnits, sym, ld.writes, ld.orient, hwCpuRoles), rn.sbl, cpuRoles, ld.layout), roleUnits);
  const { tasksRt } = rn;
  if (tasksRt !== null) {
    // Each task's program length, for "the task has finished" (./tasks.ts).
    (tasksRt.programLength as number[]).push(...decls.tasks.map((_, k) => builtRoles[k + 1]!.find((u) => u.unit.kind === 'program')!.steps.length));
    const sw = builtRoles[0]!.find((u) => u.unit.kind === 'switch');
    if (sw !== undefined) tasksRt.contextSwitch.run = (s, cpu) => runToEnd(sw, s, cpu, rn.base, ld.regBase, pl.regFields.count, 'the context switch:');
  }
  const roles = rolesOf(input, pl, ld, rn, builtRoles, symmetry, mm);
  const initObjects = objectInitialiser(sym, ld.storage, ld.layout, rn.rt, pl.parts, decls);
  const startTasks = tasksRt === null ? null : taskInit(tasksRt);
  const init = withInitFunctions(startTasks === null ? initObjects : (s) => (initObjects(s), startTasks(s)), builtRoles, cpuRoles, rn.base, ld.regBase, pl.regFields.count);
  // What a witness may look at: the parts' read-only actions, and the views of ./views.ts.
  const queries: Record<string, HwOp> = {};
  for (const p of pl.parts) Object.assign(queries, p.queries?.(rn.rt) ?? {});
  const fields = { prog: ld.cIndex.get('prog')!, pc: ld.cIndex.get('pc')!, altpc: ld.altpcField, irqpc: ld.irqpcField };
  const views = tasksRt === null ? hardwareViews(rn.rt, builtRoles, fields) : hardwareViews(rn.rt, builtRoles, fields, (s, c) => runningTask(tasksRt, s, c), cpuRoles);
  const properties = modelProperties(props, decls, sym, env, rn.rt, (n) => queries[n] ?? views(n));
  const atomicAssumptions = roleUnits.flat().flatMap((u) => u.unit.instrs.flatMap((i) => (i.op === 'atomic-begin' ? [`${i.loc.file}:${i.loc.line}: ${i.reason}`] : [])));
  return {
    spec: {
      name,
      layout: ld.layout,
      roles,
      cpuRoles,
      init,
      properties,
      ...(roles.some((r) => r.symmetric) ? { symmetryArgument: SYMMETRY_ARGUMENT } : {}),
    },
    code: roleUnits.flat().map((u) => ({ name: u.unit.name, instrs: u.unit.instrs, lowered: u.unit.lowered ?? [] })),
    symmetry: decls.roles.map((r, ri) => ({ role: r.name, symmetric: symmetry[ri]!.symmetric, reason: symmetry[ri]!.reason })),
    atomicAssumptions: [...new Set(atomicAssumptions)],
    splitAtomicBlocks: lw.atomicTrust.notes,
    splitAtomicBlockLocs: lw.atomicTrust.blocks,
  };
}

/** The model's code, lowered for one configuration: each role's units, and what lowering them needed. */
interface Lowered {
  readonly taskMode: boolean;
  /** The role of each actor: each CPU, then (with tasks) each task. */
  readonly cpuRoles: readonly number[];
  /** The role of each CPU (not of each task): what the hardware parts see. */
  readonly hwCpuRoles: readonly number[];
  readonly props: PropertyRegistry;
  readonly env: LowerEnv;
  readonly atomicTrust: AtomicTrust;
  readonly roleUnits: RoleUnit[][];
}

/** Lowers every function the tool runs: the roles', the handlers', the witnesses', and what the scheduler and a CPU going offline run. */
function lowerRoles(input: CModelInput, arch: ArchConfig, cpus: number, mm: MemoryModelName): Lowered {
  const { sym, decls } = input;
  if (cpus < decls.minCpus) throw new CError({ file: input.file, line: 1, col: 1 }, `the model needs at least ${decls.minCpus} CPUs, ${cpus} asked`);
  const taskMode = decls.tasks.length > 0;
  if (taskMode && mm !== 'sc') throw new CError(decls.tasks[0]!.loc, `a model with tasks is checked under sc only, not ${mm}: a store buffer belongs to a CPU and the barriers of a context switch are not modelled`);
  // With tasks: CPUs 0..cpus-1 are role CPU, then one actor per task (./tasks.ts).
  const cpuRoles = taskMode ? taskCpuRoles(decls, cpus) : cpuRoleMap(decls, cpus);
  const hwCpuRoles = taskMode ? cpuRoles.slice(0, cpus) : cpuRoles;
  const props = new PropertyRegistry();
  for (const f of FAULTS) props.intern(f, FAULT_DOCS[f], null);
  const toolRun = [...(taskMode && sym.functions.has(SWITCH_FN) ? [SWITCH_FN] : []), ...(decls.hotplug !== null ? [HOTPLUG_FN] : [])];
  const roots = [...decls.roles.flatMap((r) => [...r.functions, ...(r.init === null ? [] : [r.init])]), ...decls.interrupts.map((i) => i.handler), ...[...decls.witnesses, ...decls.invariants].map((w) => w.fn), ...toolRun];
  const initialisers = sym.objects.flatMap((o) => (o.init === null ? [] : [o.init]));
  const named = namedByCode(sym.functions, initialisers, roots, (n) => sym.objectByName.has(n));
  checkPerTaskObjects(sym, taskMode);
  const addrs = buildAddressTable(sym, cpus, { file: input.file, line: 1, col: 1 }, named, decls.tasks.map((t) => t.name));
  const atomicTrust = new AtomicTrust(input.changes ?? NO_CHANGES);
  const env: LowerEnv = {
    sym,
    atomicTrust,
    addrs,
    cpus,
    arch,
    mm,
    props,
    // Only code that can run makes a pointer to a function: a prelude function nothing in the
    // model reaches (smp_text_poke_sync_each_cpu() in a model of TLB flushes) adds no target.
    addressTaken: addressTakenFunctions(
      [...sym.functions.values()].filter((f) => named.reachable.has(f.def.name)).map((f) => f.def),
      (n) => sym.functions.has(n),
    ),
    ...(taskMode ? { tasks: true } : {}),
    ...(decls.hotplug !== null ? { hotplug: true } : {}),
  };
  // A task takes no interrupt: the CPU it runs on does (role CPU).
  const roleUnits = lowerAllRoles(env, decls.roles, decls.interrupts).map((units, ri) => (taskMode && ri > 0 ? units.filter((u) => u.kind !== 'irq') : units));
  // With tasks, every context switch runs the prelude's context_switch() on the CPU (./tasks.ts).
  if (taskMode && sym.functions.has(SWITCH_FN)) roleUnits[0]!.push({ kind: 'switch', fn: SWITCH_FN, unit: lowerUnit(env, SWITCH_FN, `SWITCH ${SWITCH_FN}`, false) });
  // With HOTPLUG, a CPU going offline runs the prelude's take_cpu_down() (./hotplug.ts).
  if (decls.hotplug !== null) {
    if (!sym.functions.has(HOTPLUG_FN)) throw new CError(decls.hotplug.loc, `HOTPLUG needs ${HOTPLUG_FN}(), what the dying CPU runs inside stop_machine (prelude/kernel/cpu.c)`);
    roleUnits[0]!.push({ kind: 'hotplug', fn: HOTPLUG_FN, unit: lowerUnit(env, HOTPLUG_FN, `HOTPLUG ${HOTPLUG_FN}`, false) });
  }
  const unitWhat = { irq: 'an interrupt handler', switch: `${SWITCH_FN}()`, hotplug: `${HOTPLUG_FN}()` } as const;
  for (const units of roleUnits) for (const u of units) if (u.kind === 'irq' || u.kind === 'switch' || u.kind === 'hotplug') refuseTaskInstance(sym, u.unit.instrs, unitWhat[u.kind]);
  return { taskMode, cpuRoles, hwCpuRoles, props, env, atomicTrust, roleUnits };
}

/** The hardware parts the code needs, and where its steps start: at what another actor could observe. */
interface Planned {
  readonly hasIrq: boolean;
  readonly usedOps: ReadonlySet<string>;
  readonly hx: HwContext;
  readonly parts: readonly HardwarePart[];
  /** Objects a hardware part touches. */
  readonly touched: ReadonlySet<number>;
  readonly vis: Visibility;
  readonly blocking: (i: Instr) => boolean;
  readonly plans: readonly (readonly UnitPlan[])[];
  readonly regFields: RegisterFields;
}

function planSteps(input: CModelInput, lw: Lowered, arch: ArchConfig, cpus: number, mm: MemoryModelName): Planned {
  const { sym, decls } = input;
  const { roleUnits, taskMode, cpuRoles } = lw;
  const hasIrq = roleUnits.some((units) => units.some((u) => u.kind === 'irq'));
  const usedOps = new Set<string>();
  for (const units of roleUnits) for (const u of units) for (const i of u.unit.instrs) if (i.op === 'hw') usedOps.add(i.name);
  const roleObjects = roleUnits.map((units) => {
    const out = new Set<number>();
    for (const u of units) for (const i of u.unit.instrs) forEachAddr(i, (a) => (a.k === 'obj' ? out.add(a.obj) : pointeesOf(sym.objects, a.to).forEach((o) => out.add(o.id))));
    return out;
  });
  const hx: HwContext = { arch, addrs: lw.env.addrs, mm, cpus, sym, roles: decls.roles, cpuRoles: lw.hwCpuRoles, props: lw.props, usedOps, roleObjects };
  const parts = HARDWARE_PARTS.filter((p) => p.present(hx));
  const refused = taskMode ? parts.find((p) => p.name === 'rcu' || p.name === 'text') : undefined;
  if (refused !== undefined) throw new CError(decls.tasks[0]!.loc, `a model with tasks cannot use the ${refused.name === 'rcu' ? 'RCU (rcu_read_lock(), synchronize_rcu())' : 'instruction-stream (kernel_insn_t, isb(), __insn_fetch())'} hardware yet: its per-CPU rules do not follow a task that is preempted or migrates`);
  const touched = new Set<number>();
  for (const p of parts) for (const o of p.touches(hx)) touched.add(o);
  const ghosts = new Set(sym.objects.filter((o) => o.ghost).map((o) => o.id));
  const vis = computeVisibility(
    sym,
    roleUnits.map((units, ri) => ({ units, cpus: cpuRoles.filter((r) => r === ri).length })),
    touched,
    ghosts,
    (n) => HW_OP_INFO[n] ?? { visible: true, blocking: false },
    mm,
    taskMode,
  );
  const blocking = (i: Instr): boolean => i.op === 'wait' || (i.op === 'hw' && (HW_OP_INFO[i.name]?.blocking ?? false));
  const plans = roleUnits.map((units) => units.map((u) => planUnit(u.unit, vis.visible, taskMode ? { side: preemptBoundary, blocking } : undefined)));
  const regFields = assignRegisterFields(
    plans,
    roleUnits.map((units) => units.map((u) => u.kind)),
    decls.roles.map((r) => r.name),
    decls.roles.map((r) => r.loop),
  );
  return { hasIrq, usedOps, hx, parts, touched, vis, blocking, plans, regFields };
}

/** The state's layout: the objects, the program fields, the hardware's, the tasks', the registers and the store buffers. */
interface Laid {
  readonly layout: Layout<string, string>;
  readonly storage: ObjectStorage[];
  readonly sinkField: number;
  readonly altpcField: number;
  readonly irqpcField: number;
  /** The first register field of a CPU block. */
  readonly regBase: number;
  readonly sb: ReturnType<typeof allocateStoreBuffers> | null;
  readonly taskFields: TaskFields | null;
  readonly blockProperty: number;
  readonly balancedProperty: number;
  readonly afterReturnProperty: number;
  readonly writes: ReturnType<typeof pairWrites>;
  readonly orient: ReturnType<typeof orientations>;
  readonly gIndex: ReadonlyMap<string, number>;
  readonly cIndex: ReadonlyMap<string, number>;
}

function layOut(input: CModelInput, lw: Lowered, pl: Planned, cpus: number, mm: MemoryModelName): Laid {
  const { sym, decls } = input;
  const { props, roleUnits, taskMode } = lw;
  const fa = new FieldAllocator();
  fa.addGlobal('violation', { kind: 'enum', name: 'violation', members: ['none', ...props.sites.map((p) => p.name)], values: [0, ...props.sites.map((p) => p.id)] }, 'the first property violated (set by the step that violated it)');
  const sinkField = fa.addGlobal('sink', INT, 'where a faulting access lands (never read)');
  const writes = pairWrites(sym, roleUnits);
  const orient = orientations(sym, decls, lw.hwCpuRoles, writes);
  const used = usedObjects(roleUnits, pl.touched, witnessObjects(lw.env, decls), (to) => pointeesOf(sym.objects, to));
  // A per-task object's CPU-indexed part is in the task's block, a field per index CPU.
  const storage = allocateObjects(fa, sym.objects, cpus, (o) => sym.objects[o]!.perTask === true || orient.get(o) === 'owner-major', (o) => used.has(o));
  for (const f of programFields) fa.addCpu(f.name, INT, f.doc);
  const altpcField = fa.addCpu('altpc', INT, 'step of the alternative function the CPU runs between iterations (0: none)');
  const irqpcField = fa.addCpu('irqpc', INT, 'step of the interrupt handler the CPU runs (0: none)');
  for (const p of pl.parts) p.allocate(pl.hx, fa);
  const taskFields = taskMode ? allocateTaskFields(fa) : null;
  const blockProperty = taskMode && pl.usedOps.has(ATOMIC_BLOCK_CHECK) ? props.intern(ATOMIC_BLOCK_PREEMPTIBLE, ATOMIC_BLOCK_PREEMPTIBLE_DOC, null) : 0;
  const balancedProperty = taskMode ? props.intern(PREEMPT_COUNT_BALANCED, PREEMPT_COUNT_BALANCED_DOC, null) : 0;
  const afterReturnProperty = taskMode && sym.objects.some((o) => o.perTask === true) ? props.intern(STACK_USE_AFTER_RETURN, STACK_USE_AFTER_RETURN_DOC, null) : 0;
  const regBase = fa.cpu.length;
  for (let k = 0; k < pl.regFields.count; k++) fa.addCpu(`reg${k}`, INT, pl.regFields.docs[k]);
  const sb = mm === 'sc' ? null : allocateStoreBuffers(fa, decls.storeBufferEntries);
  const layout = defineLayout(
    fa.globals.map((f) => ({ ...f })),
    fa.cpu.map((f) => ({ ...f })),
    lw.cpuRoles.length,
  );
  const gIndex = new Map(fa.globals.map((f, i) => [f.name, i]));
  const cIndex = new Map(fa.cpu.map((f, i) => [f.name, i]));
  return { layout, storage, sinkField, altpcField, irqpcField, regBase, sb, taskFields, blockProperty, balancedProperty, afterReturnProperty, writes, orient, gIndex, cIndex };
}

/** What the compiled steps and the hardware parts share at run time. */
interface Runtime {
  readonly rt: HwRuntime;
  readonly base: (cpu: number) => number;
  readonly violate: (s: State, property: number) => void;
  readonly faultProperty: (f: Fault | 'value-in-domain') => number;
  readonly frame: Frame;
  /** Every part's `runnable` (and being online): the CPU can run code. */
  readonly running: (s: State, cpu: number) => boolean;
  readonly flushCpu: (s: State, cpu: number) => void;
  readonly irqEntry: IrqEntry | undefined;
  readonly hwOps: Readonly<Record<string, HwOp>>;
  readonly tasksRt: TaskRuntime | null;
  readonly sbl: StoreBufferLayout | null;
  readonly mem: ReturnType<typeof storeBufferMemory>;
  readonly locs: Omit<CodegenContext['locs'], 'val'>;
}

/** The hardware parts' view of the state, and whether a CPU can run (every part's `runnable`, and being online). */
function hardwareRuntime(input: CModelInput, lw: Lowered, pl: Planned, ld: Laid): Pick<Runtime, 'rt' | 'base' | 'violate' | 'faultProperty' | 'frame' | 'running' | 'flushCpu'> & { readonly online: ((s: State, cpu: number) => boolean) | null } {
  const { sym, decls } = input;
  const { props } = lw;
  const { layout, storage, cIndex } = ld;
  const cpuBase = layout.cpuBase;
  const cpuSize = layout.cpuSize;
  const base = (c: number): number => cpuBase + c * cpuSize;
  const FAULT = 0;
  const violate = (s: State, p: number): void => {
    if (s[FAULT] === 0) s[FAULT] = p;
  };
  const frame = newFrame(Math.max(1, ...lw.roleUnits.flat().map((u) => u.unit.regs.length)));
  const faultProperty = (f: Fault | 'value-in-domain'): number => props.intern(f, FAULT_DOCS[f], null);
  const rt: HwRuntime = {
    ...pl.hx,
    layout,
    storage,
    g: (n) => {
      const v = ld.gIndex.get(n);
      if (v === undefined) throw new Error(`no global field ${n}`);
      return v;
    },
    c: (n) => {
      const v = cIndex.get(n);
      if (v === undefined) throw new Error(`no cpu field ${n}`);
      return v;
    },
    base,
    violate,
    objectByte: (obj, slot, cpu) => {
      const st = storage[obj]!;
      return st.decl.perCpu ? base(cpu) + st.homeBase + slot : st.homeBase + slot;
    },
    frame,
    running: (s, cpu) => running(s, cpu),
    flushCpu: (s, cpu) => flushCpu(s, cpu),
  };
  const runnables = pl.parts.map((p) => p.runnable?.(rt) ?? null).filter((f): f is (s: State, cpu: number) => boolean => f !== null);
  const onlineStore = storage[sym.objectByName.get(ONLINE_MASK_OBJECT)!.id]!;
  // An offline CPU runs nothing and takes no interrupt (./hotplug.ts).
  const online = decls.hotplug === null ? null : (s: State, cpu: number): boolean => s[base(cpu) + onlineStore.distBase(0)] !== 0;
  if (online !== null) runnables.push(online);
  // Loops, not every()/forEach(): these run at every guard and step, and a callback per call is garbage.
  const running = (s: State, cpu: number): boolean => {
    for (let i = 0; i < runnables.length; i++) if (!runnables[i]!(s, cpu)) return false;
    return true;
  };
  const flushers = pl.parts.map((p) => p.flushCpu?.(rt) ?? null).filter((f): f is (s: State, cpu: number) => void => f !== null);
  const flushCpu = (s: State, cpu: number): void => {
    for (let i = 0; i < flushers.length; i++) flushers[i]!(s, cpu);
  };
  return { rt, base, violate, faultProperty, frame, running, flushCpu, online };
}

function runtimeOf(input: CModelInput, lw: Lowered, pl: Planned, ld: Laid, cpus: number, mm: MemoryModelName): Runtime {
  const { decls } = input;
  const { props } = lw;
  const { layout, storage, cIndex } = ld;
  const { cpuBase, cpuSize } = layout;
  const { rt, base, violate, faultProperty, running, flushCpu, online } = hardwareRuntime(input, lw, pl, ld);
  const hooks = pl.parts.map((p) => p.exceptionHooks?.(rt) ?? {});
  const irqEntry: IrqEntry | undefined =
    !pl.hasIrq
      ? undefined
      : callFunctionIrq(rt, running, { entry: hooks.flatMap((h) => (h.entry === undefined ? [] : [h.entry])), exit: hooks.flatMap((h) => (h.exit === undefined ? [] : [h.exit])) });
  const hwOps: Record<string, HwOp> = {};
  for (const p of pl.parts) Object.assign(hwOps, p.ops(rt));
  // A dsb(ish) with no MMU in the model (arm64 __switch_to()) has no TLB maintenance to complete.
  hwOps['__tlbi_sync'] ??= { run: () => 0 };
  const tasksRt: TaskRuntime | null =
    ld.taskFields === null
      ? null
      : {
          cpus,
          base,
          f: ld.taskFields,
          irqsOff: cIndex.get('irqs_off')!,
          irqpc: ld.irqpcField,
          pc: cIndex.get('pc')!,
          running,
          online: online ?? (() => true),
          // Filled once the steps are built (assemble()).
          programLength: [],
          tasks: decls.tasks,
          // Set once the steps are built (assemble()).
          contextSwitch: { run: () => {} },
          outOfDomain: (x) => violate(x.s, faultProperty('value-in-domain')),
          preemptibleBlock: (x) => violate(x.s, ld.blockProperty),
          unbalanced: (x) => violate(x.s, ld.balancedProperty),
        };
  if (tasksRt !== null) Object.assign(hwOps, taskOps(tasksRt));
  const overflowProperty = ld.sb === null ? 0 : props.intern(STORE_BUFFER_BOUND, `no CPU stores into a full store buffer (${decls.storeBufferEntries} entries): a deeper buffer could hold every store the model buffers`, null);
  const sbl = ld.sb === null ? null : sbLayout(ld.sb, storage, pl.vis.isPrivate, layout, decls.storeBufferEntries, (x) => violate(x.s, overflowProperty));
  const mem = sbl === null ? sequentiallyConsistent : storeBufferMemory(mm as Exclude<MemoryModelName, 'sc'>, sbl);
  const afterReturn = ld.afterReturnProperty;
  const locs = {
    geo: { cpus, cpuBase, cpuSize, sink: ld.sinkField },
    storage,
    addrs: lw.env.addrs,
    fault: (x: Frame, f: Fault) => violate(x.s, faultProperty(f)),
    ...(tasksRt === null || afterReturn === 0
      ? {}
      : { deadTaskData: { dead: (st: State, owner: number) => finished(tasksRt, st, owner - cpus), report: (x: Frame) => violate(x.s, afterReturn) } }),
  };
  return { rt, base, violate, faultProperty, frame: rt.frame, running, flushCpu, irqEntry, hwOps, tasksRt, sbl, mem, locs };
}

/** A unit as built: its plan and its steps. */
interface BuiltUnit {
  readonly unit: RoleUnit;
  readonly plan: UnitPlan;
  readonly steps: readonly BuiltStep[];
}

/** Compiles each role's units into steps. */
function buildSteps(lw: Lowered, pl: Planned, ld: Laid, rn: Runtime, arch: ArchConfig, opts: AssembleOptions): BuiltUnit[][] {
  const { layout, regBase } = ld;
  const { cpuBase, cpuSize } = layout;
  const { violate, faultProperty, tasksRt } = rn;
  const unitIndex = new Map(lw.roleUnits.flat().map((u, k) => [u, k]));
  const trace = opts.trace;
  return lw.roleUnits.map((units, ri) =>
    units.map((u, ui) => {
      const k = unitIndex.get(u)!;
      const plan = pl.plans[ri]![ui]!;
      const slots = pl.regFields.slotOf.get(plan)!;
      const shape = registerShape(slots, regBase);
      const outOfDomain = (x: Frame): void => violate(x.s, faultProperty('value-in-domain'));
      const regs = registerAccess(shape, cpuBase, cpuSize, outOfDomain);
      const cg: CodegenContext = {
        locs: { ...rn.locs, val: (v: Val) => (v.k === 'c' ? ((c: number) => () => c)(v.v) : regs.get(v.r)) },
        regs,
        mem: rn.mem,
        hw: (n: string) => {
          const op = rn.hwOps[n];
          if (op === undefined) throw new CError(plan.unit.instrs[0]!.loc, `the hardware action '${n}' is not available on ${arch.name}`);
          return op;
        },
        violate: (x: Frame, p: number) => violate(x.s, p),
        faultProperty,
      };
      const steps = buildUnitSteps(plan, {
        cg,
        frame: rn.frame,
        deadFields: (start) => pl.regFields.deadSlots(plan, start).map((s) => regBase + s),
        allFields: [...new Set(plan.persisted.map((r) => regBase + slots.get(r.id)!))],
        cpuBase,
        cpuSize,
        stateSize: layout.size,
        describe: describer(cg, lw.env.addrs, lw.taskMode),
        blocking: pl.blocking,
        shape,
        outOfDomain,
        ...(trace === undefined ? {} : { trace: (i: number) => trace(k, i) }),
        ...(opts.hotStep === undefined ? {} : { hotStep: opts.hotStep }),
        ...(tasksRt !== null && ri > 0 ? { cpuOf: taskCpu(tasksRt) } : {}),
      });
      return { unit: u, plan, steps };
    }),
  );
}

/** Each role as the engines see it: its programs, and its events (alternatives, handlers, hardware, the scheduler's, commits). */
function rolesOf(input: CModelInput, pl: Planned, ld: Laid, rn: Runtime, builtRoles: readonly (readonly BuiltUnit[])[], symmetry: ReturnType<typeof symmetryVerdict>, mm: MemoryModelName): Role[] {
  const { decls } = input;
  const { base, tasksRt, running, rt } = rn;
  const { cIndex, altpcField, irqpcField, regBase, layout } = ld;
  const hotplugRt: HotplugRuntime | null =
    decls.hotplug === null || tasksRt === null
      ? null
      : {
          decl: decls.hotplug,
          tasks: tasksRt,
          takeCpuDown: { run: (s, cpu) => runToEnd(builtRoles[0]!.find((u) => u.unit.kind === 'hotplug')!, s, cpu, base, regBase, pl.regFields.count, 'CPU offline:') },
          ipi: cIndex.get('ipi')!,
          flushCpu: rn.flushCpu,
        };
  return decls.roles.map((r, ri) => {
    const units = builtRoles[ri]!;
    const programs: Program[] = [];
    const events: Step[] = [];
    let altOffset = 1;
    const programUnits = units.filter((u) => u.unit.kind === 'program');
    const heads = programUnits[0]?.plan.heads ?? [0];
    for (const u of units) {
      if (u.unit.kind === 'program') programs.push(programOf(u.unit, u.steps, (c) => base(c) + cIndex.get('pc')!));
      else if (u.unit.kind === 'alt') {
        events.push(...altEvents(u.unit, u.steps, altOffset, heads, { base, altpc: altpcField, irqpc: irqpcField, pc: cIndex.get('pc')!, prog: cIndex.get('prog')! }, running));
        altOffset += u.steps.length;
      } else if (u.unit.kind === 'irq' && rn.irqEntry !== undefined) events.push(...irqEvents(u.unit, u.steps, { base, irqpc: irqpcField }, rn.irqEntry));
    }
    if (tasksRt !== null && ri > 0) {
      // A task: the scheduler's events; the hardware's are its CPU's.
      events.push(...taskEvents(tasksRt, ri - 1));
      const onCpu = taskCpu(tasksRt);
      // Named `CPU0/A` (its start CPU): reports then title the column by the task, not by an actor index.
      return { name: `CPU${decls.tasks[ri - 1]!.cpu}/${r.name}`, programs, events, runnable: taskRunnable(tasksRt), symmetric: false, runsOn: (s: State, actor: number) => onCpu(s, actor) };
    }
    for (const p of pl.parts) events.push(...p.events(rt, ri));
    if (hotplugRt !== null && ri === 0) events.push(...hotplugEvents(hotplugRt));
    if (rn.sbl !== null) events.push(...commitEvents(mm as Exclude<MemoryModelName, 'sc'>, rn.sbl, layout));
    uniqueNames(events);
    const runnable = (s: State, cpu: number): boolean => {
      const b = base(cpu);
      return s[b + altpcField] === 0 && s[b + irqpcField] === 0 && running(s, cpu);
    };
    // The CPUs of a model with tasks run no program of their own: they run the tasks.
    if (programs.length === 0) programs.push({ name: 'idle', source: 'kernel/sched/idle.c: do_idle() (the CPU runs its tasks and takes interrupts)', loop: false, steps: [] });
    return { name: r.name, programs, events, runnable, symmetric: symmetry[ri]!.symmetric };
  });
}

/**
 * The initial state, then each role's INIT function run to its end on each of the role's CPUs
 * (in CPU order); its registers are cleared afterwards, as at the start of any unit.
 */
function withInitFunctions(
  initObjects: (s: State) => void,
  builtRoles: readonly (readonly { unit: RoleUnit; steps: readonly BuiltStep[] }[])[],
  cpuRoles: readonly number[],
  base: (cpu: number) => number,
  regBase: number,
  regCount: number,
): (s: State) => void {
  const inits = builtRoles.map((units) => units.find((u) => u.unit.kind === 'init') ?? null);
  if (inits.every((u) => u === null)) return initObjects;
  return (s) => {
    initObjects(s);
    cpuRoles.forEach((ri, cpu) => {
      const u = inits[ri];
      if (u === null || u === undefined) return;
      runToEnd(u, s, cpu, base, regBase, regCount, 'INIT');
    });
  };
}

/** Runs a unit on a CPU from its first step to its end, then clears the CPU's registers (INIT, a context switch). */
function runToEnd(
  u: { unit: RoleUnit; steps: readonly BuiltStep[] },
  s: State,
  cpu: number,
  base: (cpu: number) => number,
  regBase: number,
  regCount: number,
  what: string,
): void {
  for (let k = 0, budget = 10_000; k >= 0; budget--) {
    const st = u.steps[k]!;
    if (budget === 0 || (st.guard !== undefined && !st.guard(s, cpu))) {
      throw new CError(u.unit.unit.instrs[st.start]!.loc, `${what} ${u.unit.fn}() does not run to its end on CPU${cpu} (it waits or loops)`);
    }
    k = st.run(s, cpu);
  }
  for (let f = 0; f < regCount; f++) s[base(cpu) + regBase + f] = 0;
}

function cpuRoleMap(decls: ModelDecls, cpus: number): number[] {
  const out: number[] = [];
  decls.roles.forEach((r, ri) => {
    const n = r.count ?? cpus - r.first;
    for (let k = 0; k < n; k++) out.push(ri);
  });
  if (out.length !== cpus) throw new CError(decls.roles[0]!.loc, `the roles cover ${out.length} CPUs, ${cpus} asked`);
  return out;
}

/**
 * A built step as the engines see it. `extraGuard` (an event's) is part of its guard. `at` (an
 * event's: its handler or alternative is at this step, or may start there) is part of
 * `extraGuard`; where it is false the run refuses, as the step's own code refuses where it
 * blocks (StepBlocked): the engines never run it there, and the analyses that run steps on every
 * state (footprints) pass over those states. Where only the rest of `extraGuard` is false (IRQs
 * off) the step still runs when asked: what a blocked CPU waits for is explained by what such a
 * step would do (src/core/compile.ts, respondersTo).
 */
function stepOf(
  b: BuiltStep,
  write: (s: State, cpu: number, next: number) => void,
  extraGuard?: (s: State, cpu: number) => boolean,
  event?: {
    readonly at: (s: State, cpu: number) => boolean;
    /** Runs before the step's code (an interrupt's entry). */
    readonly before?: (s: State, cpu: number) => void;
  },
): Step {
  const both = (g: ((s: State, cpu: number) => boolean) | undefined) =>
    extraGuard === undefined ? g : g === undefined ? extraGuard : (s: State, cpu: number) => extraGuard(s, cpu) && g(s, cpu);
  const enabled = both(b.guard);
  const enabledOnView = both(b.guardOnView);
  return {
    name: b.name,
    source: b.source,
    text: b.text,
    tags: b.tags,
    ...(b.ipi !== undefined ? { ipi: b.ipi } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
    ...(b.guardOnView !== undefined && enabledOnView !== undefined ? { enabledOnView } : {}),
    run:
      event === undefined
        ? (s, cpu) => write(s, cpu, b.run(s, cpu))
        : (s, cpu) => {
            if (!event.at(s, cpu)) throw new StepBlocked(`${b.source}: an event's step ran where the event is not at it`);
            event.before?.(s, cpu);
            write(s, cpu, b.run(s, cpu));
          },
  };
}

function programOf(u: RoleUnit, steps: readonly BuiltStep[], pcByte: (cpu: number) => number): Program {
  const n = steps.length;
  const write = (s: State, cpu: number, next: number): void => {
    s[pcByte(cpu)] = next < 0 ? n : next;
  };
  return { name: u.fn, source: `${u.fn}()`, loop: u.unit.loop, steps: steps.map((b) => stepOf(b, write)) };
}

interface AltFields {
  readonly base: (cpu: number) => number;
  readonly altpc: number;
  readonly irqpc: number;
  readonly pc: number;
  readonly prog: number;
}

/** An alternative function of a LOOP role: it starts between two iterations of the main loop. */
function altEvents(u: RoleUnit, steps: readonly BuiltStep[], offset: number, heads: readonly number[], f: AltFields, running: (s: State, cpu: number) => boolean): Step[] {
  const canRun = (s: State, cpu: number): boolean => s[f.base(cpu) + f.irqpc] === 0 && running(s, cpu);
  const headSet = new Set(heads);
  return steps.map((b, k) => {
    const here = offset + k;
    const guard =
      k === 0
        ? (s: State, cpu: number) => canRun(s, cpu) && ((s[f.base(cpu) + f.altpc] === 0 && s[f.base(cpu) + f.prog] !== 0 && headSet.has(s[f.base(cpu) + f.pc]!)) || s[f.base(cpu) + f.altpc] === here)
        : (s: State, cpu: number) => canRun(s, cpu) && s[f.base(cpu) + f.altpc] === here;
    const write = (s: State, cpu: number, next: number): void => {
      s[f.base(cpu) + f.altpc] = next < 0 ? 0 : offset + next;
    };
    const at = k === 0 ? (s: State, cpu: number) => s[f.base(cpu) + f.altpc] === 0 || s[f.base(cpu) + f.altpc] === here : (s: State, cpu: number) => s[f.base(cpu) + f.altpc] === here;
    const onlyWhen = { field: f.altpc, values: k === 0 ? [0, here] : [here] };
    return { ...stepOf(b, write, guard, { at }), name: `${u.fn}/${b.name}`, ignoresRunnable: true, onlyWhen };
  });
}

/** An interrupt handler: its first step is taken when the CPU can take the interrupt. */
function irqEvents(u: RoleUnit, steps: readonly BuiltStep[], f: { base: (cpu: number) => number; irqpc: number }, entry: IrqEntry): Step[] {
  return steps.map((b, k) => {
    const here = k + 1;
    const guard = k === 0 ? (s: State, cpu: number) => entry.canEnter(s, cpu) || s[f.base(cpu) + f.irqpc] === here : (s: State, cpu: number) => s[f.base(cpu) + f.irqpc] === here && entry.running(s, cpu);
    const write = (s: State, cpu: number, next: number): void => {
      s[f.base(cpu) + f.irqpc] = next < 0 ? 0 : next + 1;
      if (next < 0) entry.exit(s, cpu);
    };
    const enter = (s: State, cpu: number): void => {
      if (k === 0 && s[f.base(cpu) + f.irqpc] === 0) entry.enter(s, cpu);
    };
    const at = k === 0 ? (s: State, cpu: number) => s[f.base(cpu) + f.irqpc] === 0 || s[f.base(cpu) + f.irqpc] === here : (s: State, cpu: number) => s[f.base(cpu) + f.irqpc] === here;
    const step = stepOf(b, write, guard, { at, before: enter });
    return {
      ...step,
      name: `${u.fn}/${b.name}`,
      ipi: k === 0 ? ('handle' as const) : undefined,
      ignoresRunnable: true,
      // Entering needs irqpc 0 (IrqEntry.canEnter).
      onlyWhen: { field: f.irqpc, values: k === 0 ? [0, here] : [here] },
    } as Step;
  });
}

function allocateStoreBuffers(fa: FieldAllocator, n: number): { entries: { loc: number; val: number; epoch: number }[]; epoch: number } {
  const entries = Array.from({ length: n }, (_, k) => ({
    loc: fa.addCpu(`sb${k}.loc`, INT, `store buffer entry ${k}: location (0: empty)`),
    val: fa.addCpu(`sb${k}.val`, INT, `store buffer entry ${k}: value`),
    epoch: fa.addCpu(`sb${k}.epoch`, INT, `store buffer entry ${k}: smp_wmb() epoch`),
  }));
  return { entries, epoch: fa.addCpu('sb.epoch', INT, "the CPU's current smp_wmb() epoch") };
}

/**
 * Which bytes a store buffer may hold: every location of an object some other actor can
 * observe (private and ghost objects are written straight through). Ids are 1-based.
 */
function sbLayout(
  sb: { entries: { loc: number; val: number; epoch: number }[]; epoch: number },
  storage: readonly import('../storage.js').ObjectStorage[],
  isPrivate: (obj: number, member: number | null) => boolean,
  layout: { size: number; cpus: number; cpuBase: number; cpuSize: number },
  entries: number,
  overflow: (x: Frame) => void,
): StoreBufferLayout {
  const locId = new Int16Array(layout.size);
  const byteOf: number[] = [];
  const add = (b: number): void => {
    if (locId[b] !== 0) return;
    byteOf.push(b);
    locId[b] = byteOf.length;
  };
  for (const st of storage) {
    if (st.decl.ghost || st.decl.type.kind === 'hw' || st.homeBase < 0) continue;
    const parts = st.shape.k === 'struct' && st.decl.type.kind === 'struct' ? st.shape.fields.map((f, i) => ({ shape: f, member: i as number | null })) : [{ shape: st.shape, member: null }];
    for (const part of parts) {
      if (isPrivate(st.decl.id, part.member)) continue;
      const { home, dist } = slotsUnder(part.shape);
      const owners = st.decl.perCpu ? layout.cpus : 1;
      for (let o = 0; o < owners; o++) {
        for (const k of home) add(st.decl.perCpu ? layout.cpuBase + o * layout.cpuSize + st.homeBase + k : st.homeBase + k);
        for (let c = 0; c < layout.cpus; c++) for (const k of dist) add(layout.cpuBase + c * layout.cpuSize + st.distBase(o) + k);
      }
    }
  }
  if (byteOf.length > 255) throw new CError({ file: 'model', line: 1, col: 1 }, `${byteOf.length} shared locations: too many for the store buffers (at most 255)`);
  return { cpuBase: layout.cpuBase, cpuSize: layout.cpuSize, entryField: (k) => sb.entries[k]!, epochField: sb.epoch, locId, byteOf: Int32Array.from(byteOf), entries, overflow };
}

/**
 * Under tso/weak a store-buffer entry names its location by state byte, and a byte in a CPU's
 * block names that CPU: permuting interchangeable CPUs' blocks would leave such entries (in
 * any CPU's buffer) pointing at the wrong CPU. Until entries are renamed with the blocks,
 * symmetry is refused when a buffered location lies in a block of a symmetric role's CPU.
 */
function bufferedSymmetry(
  verdicts: ReturnType<typeof symmetryVerdict>,
  sbl: StoreBufferLayout | null,
  cpuRoles: readonly number[],
  layout: { cpuBase: number; cpuSize: number; cpuFields: readonly { name: string }[] },
): ReturnType<typeof symmetryVerdict> {
  if (sbl === null) return verdicts;
  return verdicts.map((v, ri) => {
    if (!v.symmetric) return v;
    const byte = Array.from(sbl.byteOf).find((b) => b >= layout.cpuBase && cpuRoles[Math.floor((b - layout.cpuBase) / layout.cpuSize)] === ri);
    if (byte === undefined) return v;
    const field = layout.cpuFields[(byte - layout.cpuBase) % layout.cpuSize]!.name;
    return { symmetric: false, reason: `under a store-buffer memory model, buffered stores to ${field} name one CPU of the role (store-buffer entries are not renamed with the CPUs)` };
  });
}

/**
 * A TLBI issued without its DSB (arm64 `__tlbi()`) stays pending on each CPU with the set of
 * CPUs that issued it, by number (`tlbi.<pte>`), so the issuer's DSB completes exactly its own.
 * Permuting interchangeable CPUs' blocks does not rename those bits: a role whose CPUs may issue
 * one is not symmetric (bits naming CPUs of other roles stay right, as those are not permuted).
 */
function issuerSymmetry(verdicts: ReturnType<typeof symmetryVerdict>, roleUnits: readonly (readonly RoleUnit[])[]): ReturnType<typeof symmetryVerdict> {
  return verdicts.map((v, ri) => {
    if (!v.symmetric) return v;
    const issue = roleUnits[ri]!.flatMap((u) => u.unit.instrs).find((i) => i.op === 'hw' && i.name === TLBI_ISSUE);
    if (issue === undefined) return v;
    return { symmetric: false, reason: `its CPUs issue TLBIs left pending with the issuer's CPU number (${issue.loc.file}:${issue.loc.line}: ${issue.text}), which permuting the CPUs would not rename` };
  });
}

export type { CType, UnitPlan };
export { BOOL, readOnly };

/** Event names must be unique within a role (replay finds events by name): number repeats. */
function uniqueNames(events: Step[]): void {
  const seen = new Map<string, number>();
  events.forEach((e, i) => {
    const n = (seen.get(e.name) ?? 0) + 1;
    seen.set(e.name, n);
    if (n > 1) events[i] = { ...e, name: `${e.name}#${n}` };
  });
}

/** The CPU's store buffer writes entry k to memory: an event of the CPU, at any time. */
function commitEvents(mm: Exclude<MemoryModelName, 'sc'>, L: StoreBufferLayout, layout: import('../../core/layout.js').Layout<string, string>): Step[] {
  const fieldName = (byte: number): string =>
    byte < layout.cpuBase ? layout.globalFields[byte]!.name : `CPU${Math.floor((byte - layout.cpuBase) / layout.cpuSize)}.${layout.cpuFields[(byte - layout.cpuBase) % layout.cpuSize]!.name}`;
  return Array.from({ length: L.entries }, (_, k) => ({
    name: `store buffer: commit ${k}`,
    source: `memory model (${mm}): a buffered store becomes visible to the other CPUs`,
    text: (s: State, cpu: number) => {
      const id = s[L.cpuBase + cpu * L.cpuSize + L.entryField(k).loc]!;
      return `store buffer commits ${id === 0 ? '?' : fieldName(L.byteOf[id - 1]!)}: now visible to every CPU`;
    },
    tags: ['publish' as const],
    ignoresRunnable: true,
    enabled: (s: State, cpu: number) => canCommit(mm, L, s, cpu, k),
    // Where the entry cannot commit (it is empty, or an older store must go first) the step
    // does not run: the analyses that run steps on any state (footprints) pass over it.
    run: (s: State, cpu: number) => {
      if (!canCommit(mm, L, s, cpu, k)) throw new StepBlocked(`memory model (${mm}): store buffer entry ${k} of CPU${cpu} cannot commit`);
      commitEntry(L, s, cpu, k);
    },
  }));
}

/** What a step's text adds from the state before it: the value a load will read. */
function describer(cg: import('../exec/codegen.js').CodegenContext, addrs: import('../addresses.js').AddressTable, tasks: boolean): (i: import('../ir.js').Instr, x: Frame) => string {
  const cache = new Map<import('../ir.js').Instr, ReturnType<typeof resolveAddr> | null>();
  return (i, x) => {
    // A task reads the number of the CPU it runs on now (a step of its own in a task model).
    if (tasks && i.op === 'cpuid' && i.task !== true) return ` = ${x.cpu}`;
    if (i.op !== 'load') return '';
    let r = cache.get(i);
    if (r === undefined) {
      try {
        r = resolveAddr(cg.locs, i.addr);
      } catch {
        r = null;
      }
      cache.set(i, r);
    }
    if (r === null) return '';
    const saved = x.s[0]!;
    const off = r.offset(x);
    x.s[0] = saved; // resolving never records a fault in a text
    const v = decodeValue(r.type, cg.mem.load(x, off, 'plain'));
    return r.type.kind === 'pointer' ? ` -> ${addrs.names[v] ?? v}` : ` = ${v}`;
  };
}

function decodeValue(t: CType, b: number): number {
  return decode(t, b);
}

/** Objects some code or hardware part touches: only they get state. */
function usedObjects(units: readonly (readonly RoleUnit[])[], touched: ReadonlySet<number>, witnesses: ReadonlySet<number>, pointees: (to: CType) => readonly { id: number }[]): Set<number> {
  const out = new Set<number>([...touched, ...witnesses]);
  for (const role of units) for (const u of role) for (const i of u.unit.instrs) forEachAddr(i, (a) => (a.k === 'obj' ? out.add(a.obj) : pointees(a.to).forEach((o) => out.add(o.id))));
  return out;
}

/** The home and distributed slots a part of an object's shape occupies. */
function slotsUnder(shape: import('../storage.js').Shape, inDist = false): { home: number[]; dist: number[] } {
  const out = { home: [] as number[], dist: [] as number[] };
  const walk = (sh: import('../storage.js').Shape, d: boolean): void => {
    switch (sh.k) {
      case 'scalar':
        (d ? out.dist : out.home).push(sh.slot);
        return;
      case 'struct':
        sh.fields.forEach((f) => walk(f, d));
        return;
      case 'array':
        sh.elems.forEach((e) => walk(e, d));
        return;
      case 'by-cpu':
        walk(sh.elem, true);
        return;
    }
  };
  walk(shape, inDist);
  return out;
}
