/**
 * Turns a `ModelSpec` (roles, programs, events) into a `Machine` over byte states.
 *
 * Action numbering, per CPU in CPU order: 0 = the next program step, 1..E = the role's events,
 * E+1..E+P = "choose program p" (only while the CPU has not chosen). action = cpu * K + local.
 */
import { decodeState } from './layout.js';
import { SymmetryGroups } from './symmetry-groups.js';
import { eventGuards, type EventGuards } from './event-guards.js';
import type { Machine } from './machine.js';
import { blockedSteps } from './blocked-steps.js';
import { stepInfo } from './step-info.js';
import type { ModelSpec, Role, State, Step } from './model.js';

/** Actions per CPU: the next program step, each event, and a choice per program (if several). */
export function actionStride(roles: readonly Role[]): number {
  return Math.max(...roles.map((r) => 1 + r.events.length + (r.programs.length > 1 ? r.programs.length : 0)));
}

export function compileModel(spec: ModelSpec): Machine {
  const { layout, roles, cpuRoles } = spec;
  const cpus = layout.cpus;
  const cpuRole = checkRoles(spec);
  const K = actionStride(roles);
  const roleGuards = roles.map(eventGuards);
  const guardsOf: EventGuards[] = Array.from({ length: cpus }, (_, c) => roleGuards[cpuRoles[c]!]!);
  const symmetry = new SymmetryGroups(roles, cpuRoles, (c) => layout.base(c), layout.cpuSize);
  const cursor = programCursor(spec, cpuRole);
  const { settle, currentStep } = cursor;
  const PROG = layout.c.prog;
  const PC = layout.c.pc;

  /** Lists the enabled actions; with `twins`, none of a CPU whose block equals its group predecessor's. */
  const enabledActions = (s: State, out: Int32Array, twins: boolean): number => {
    let n = 0;
    if (twins) symmetry.view(s);
    for (let cpu = 0; cpu < cpus; cpu++) {
      if (twins && symmetry.isTwin(s, cpu)) continue;
      const role = cpuRole[cpu]!;
      const { programs } = role;
      const runnable = role.runnable === undefined || role.runnable(s, cpu);
      const base = layout.base(cpu);
      const prog = s[base + PROG] ?? 0;
      if (runnable && prog !== 0) {
        const step = currentStep(s, cpu);
        if (step !== undefined && (step.enabled === undefined || step.enabled(s, cpu))) out[n++] = cpu * K;
      }
      n = guardsOf[cpu]!(s, cpu, base, runnable, out, n, cpu * K + 1);
      if (runnable && prog === 0) {
        const events = role.events.length;
        for (let p = 0; p < programs.length; p++) out[n++] = cpu * K + 1 + events + p;
      }
    }
    return n;
  };
  const enabled = (s: State, out: Int32Array): number => enabledActions(s, out, false);
  const enabledDistinct = (s: State, out: Int32Array): number => enabledActions(s, out, symmetry.any);

  const apply = (s: State, action: number, out: State): void => {
    out.set(s);
    const cpu = Math.floor(action / K);
    const local = action % K;
    const role = cpuRole[cpu]!;
    const base = layout.base(cpu);
    if (local === 0) {
      const step = currentStep(s, cpu);
      if (step === undefined) throw new Error(`${spec.name}: CPU${cpu} has no program step`);
      out[base + PC] = (out[base + PC] ?? 0) + 1;
      step.run(out, cpu);
      settle(out, cpu);
    } else if (local <= role.events.length) {
      role.events[local - 1]!.run(out, cpu);
    } else {
      out[base + PROG] = local - role.events.length;
      out[base + PC] = 0;
      settle(out, cpu);
    }
    // Events and other CPUs' steps can change what an `onlyIf` sees only through the acting
    // CPU's own registers, so settling the acting CPU is enough.
  };

  return {
    name: spec.name,
    cpus,
    finished: cursor.finished,
    stateSize: layout.size,
    maxActions: cpus * K,
    properties: spec.properties,
    cpuRoles: cpuRole.map((r) => r.name),
    initial: cursor.initial,
    enabled,
    enabledDistinct,
    apply,
    info: stepInfo(spec.name, (cpu) => cpuRole[cpu]!, currentStep, K),
    blocked: blockedSteps(layout, (cpu) => cpuRole[cpu]!, currentStep),
    canonicalize: (s) => symmetry.canonicalize(s),
    symmetric: symmetry.any,
    decode: (s) => decodeState(layout, s),
  };
}

/** The role of each CPU, after checking that every CPU has one, every role a program, and every event a name of its own. */
function checkRoles(spec: ModelSpec): Role[] {
  const { layout, roles, cpuRoles } = spec;
  if (cpuRoles.length !== layout.cpus) {
    throw new Error(`${spec.name}: ${cpuRoles.length} CPU roles for ${layout.cpus} CPUs`);
  }
  for (const r of roles) {
    if (r.programs.length === 0) throw new Error(`${spec.name}: role ${r.name} has no program`);
    // Traces name steps; an event name must say which event it is (replay matches by name).
    const names = r.events.map((e) => e.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) throw new Error(`${spec.name}: role ${r.name} has two events named '${dup}'`);
  }
  return Array.from({ length: layout.cpus }, (_, c) => {
    const r = roles[cpuRoles[c] ?? -1];
    if (r === undefined) throw new Error(`${spec.name}: CPU${c} has no role`);
    return r;
  });
}

/** Where each CPU is in its program (fields `prog` and `pc`): the step it runs next, the initial state, and whether every CPU is done. */
interface ProgramCursor {
  /** Passes over steps whose `onlyIf` is false; wraps looping programs. */
  readonly settle: (s: State, cpu: number) => void;
  readonly currentStep: (s: State, cpu: number) => Step | undefined;
  readonly initial: () => State;
  readonly finished: (s: State) => boolean;
}

function programCursor(spec: ModelSpec, cpuRole: readonly Role[]): ProgramCursor {
  const { layout } = spec;
  const cpus = layout.cpus;
  const PROG = layout.c.prog;
  const PC = layout.c.pc;
  const settle = (s: State, cpu: number): void => {
    const base = layout.base(cpu);
    const prog = s[base + PROG] ?? 0;
    if (prog === 0) return;
    const program = cpuRole[cpu]!.programs[prog - 1]!;
    const len = program.steps.length;
    let pc = s[base + PC] ?? 0;
    for (let guard = 0; guard <= len; guard++) {
      if (pc >= len) {
        if (!program.loop) break;
        pc = 0;
      }
      const step = program.steps[pc]!;
      if (step.onlyIf === undefined || step.onlyIf(s, cpu)) break;
      pc++;
    }
    s[base + PC] = pc;
  };

  const currentStep = (s: State, cpu: number): Step | undefined => {
    const base = layout.base(cpu);
    const prog = s[base + PROG] ?? 0;
    if (prog === 0) return undefined;
    const program = cpuRole[cpu]!.programs[prog - 1]!;
    return program.steps[s[base + PC] ?? 0];
  };

  const initial = (): State => {
    const s = new Uint8Array(layout.size);
    spec.init(s);
    for (let cpu = 0; cpu < cpus; cpu++) {
      const base = layout.base(cpu);
      s[base + PC] = 0;
      s[base + PROG] = cpuRole[cpu]!.programs.length === 1 ? 1 : 0;
      settle(s, cpu);
    }
    return s;
  };

  const finished = (s: State): boolean => {
    for (let cpu = 0; cpu < cpus; cpu++) {
      const { programs } = cpuRole[cpu]!;
      const base = layout.base(cpu);
      const prog = s[base + PROG] ?? 0;
      if (prog === 0) {
        if (programs.some((p) => !p.loop)) return false;
        continue;
      }
      const program = programs[prog - 1]!;
      if (!program.loop && (s[base + PC] ?? 0) < program.steps.length) return false;
    }
    return true;
  };

  return { settle, currentStep, initial, finished };
}
