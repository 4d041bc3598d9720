/**
 * Tasks in C models (src/cmodel/build/tasks.ts): toy models whose verdicts follow by hand from
 * the semantics — a task is preempted at any step boundary where its preempt count is 0, its
 * CPU's IRQs are on and the CPU is in no handler; a queued task resumes on its CPU when no
 * other task runs there, or moves to another CPU first unless migrate_disable() or PINNED
 * holds it; spin_lock() and get_cpu() disable preemption; registers belong to the task and
 * this_cpu_* / smp_processor_id() to the CPU it runs on. Each case states the derivation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { CError } from '../src/c/error.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { cutoffFor } from '../src/engines/cutoff.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { runCli } from './run-cli.js';
import { reachableStates } from './toys/reachable-states.js';

const T = 'test/fixtures/cmodels/tasks';

beforeAll(async () => {
  await loadCGrammar();
});

function check(file: string, patch?: string, cpus?: number) {
  return checkPath(`${T}/${file}`, patch === undefined ? undefined : `${T}/${patch}`, cpus);
}

/** A model written for one test, checked as check() checks a fixture. */
function checkText(text: string) {
  return checkPath(modelText(text));
}

function checkPath(path: string, patch?: string, cpus?: number) {
  const m = loadCModelSync(path, patch === undefined ? {} : { patch });
  const built = m.build(ARCHES['x86-native'], cpus ?? m.decls.defaultCpus, 'sc');
  const machine = compileModel(built.spec);
  const r = bfs(machine, { symmetry: true, maxStates: 100_000, timeoutMs: 60_000, progress: { maxEdges: 1_000_000 } });
  const texts: string[] = [];
  if (r.verdict === 'violated') {
    let s = machine.initial();
    for (const a of r.trace) {
      texts.push(machine.info(s, a).text);
      const out = new Uint8Array(s.length);
      machine.apply(s, a, out);
      s = out;
    }
  }
  const stuck = r.verdict === 'holds' && r.progress?.verdict === 'stuck';
  return { verdict: stuck ? 'stuck' : r.verdict, property: r.verdict === 'violated' ? r.property : undefined, states: r.states, texts, built, reached: r.reached };
}

/** A model file written for one test (refusals). */
function modelText(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cmodel-tasks-'));
  const f = join(dir, 'm.c');
  writeFileSync(f, text);
  return f;
}

describe('C models with tasks', () => {
  it('a per-CPU counter incremented by two tasks without preempt_disable() loses an increment; with it, it holds', () => {
    // A reads CPU0's counter (0), is preempted; B reads 0 and writes 1; A writes 1: the sum is 1.
    const torn = check('counter.c');
    expect(torn.verdict).toBe('violated');
    expect(torn.property).toBe('BUG_ON((per_cpu(counter, 0) + per_cpu(counter, 1)) != 2)');
    expect(torn.texts).toContain('A preempted on CPU0');
    // preempt_disable() makes the read and the write one uninterrupted stretch of A on one CPU.
    const fixed = check('counter.c', 'counter-preempt-off.diff');
    expect(fixed.verdict).toBe('holds');
    // ... and a task still migrates to CPU1 before it disables preemption: __at() sees the task
    // running on a CPU, so the witness is reached.
    expect(fixed.reached).toEqual({ moved: true });
  });

  it('a task may move to another CPU between two smp_processor_id() reads, unless something holds it', () => {
    const moved = check('migrate.c');
    expect(moved.verdict).toBe('violated');
    expect(moved.property).toBe('BUG_ON(a != b)');
    expect(moved.texts).toEqual(expect.arrayContaining(['reader preempted on CPU0', 'reader moves from CPU0 to CPU1', 'reader runs on CPU1']));
    // migrate_disable(): it may be preempted, but resumes on CPU0; preempt_disable(), get_cpu(),
    // spin_lock() and IRQs off: it is not preempted at all; PINNED: its affinity is CPU0 alone.
    for (const p of ['migrate-disable.diff', 'migrate-preempt-off.diff', 'migrate-get-cpu.diff', 'migrate-spinlock.diff', 'migrate-irqs-off.diff', 'migrate-pinned.diff']) {
      expect(check('migrate.c', p).verdict, p).toBe('holds');
    }
  });

  it('migrate_disable() allows preemption (more states than preempt_disable(), the same verdict)', () => {
    expect(check('migrate.c', 'migrate-disable.diff').states).toBeGreaterThan(check('migrate.c', 'migrate-preempt-off.diff').states);
  });

  it('a task inside a spinlock section is never preempted; without the lock it is, and the other task sees its half-done update', () => {
    expect(check('lock.c').verdict).toBe('holds');
    const open = check('lock.c', 'lock-none.diff');
    expect(open.verdict).toBe('violated');
    expect(open.property).toBe('BUG_ON(READ_ONCE(inside))');
  });

  it('a spinning task with preemption on lets the task queued behind it run; with preemption off only another CPU can, and pinned the wait never ends', () => {
    // A spins on CPU0; B is queued there. Preemptible spin: B runs on CPU0 and sets the flag.
    expect(check('wait.c').verdict).toBe('holds');
    // A spins with preemption off: B is moved to CPU1 and sets the flag there.
    expect(check('wait.c', 'wait-preempt-off.diff').verdict).toBe('holds');
    // ... and B pinned to CPU0: nothing can set the flag, A spins for ever.
    expect(check('wait.c', 'wait-pinned.diff').verdict).toBe('stuck');
  });

  it('preempt_disable() opens a step that runs through the next access, preempt_enable() joins the step before it: only the scheduler reads the count', () => {
    // A: preempt_disable(); x = 1; x = 2; preempt_enable(); x = 3. No preemption can come between
    // the disable and x = 1, or between x = 2 and the enable: three steps, not five (a wait
    // after a disable keeps its own step: wait-pinned.diff above stays stuck).
    const f = modelText(`int x;
static void writer(void)
{
	preempt_disable();
	WRITE_ONCE(x, 1);
	WRITE_ONCE(x, 2);
	preempt_enable();
	WRITE_ONCE(x, 3);
}
static void reader(void) { BUG_ON(READ_ONCE(x) > 3); }
TASK("A", CPU(0), ONCE, writer);
TASK("B", CPU(1), ONCE, reader);
MODEL_CPUS(2, 2);
`);
    const machine = compileModel(loadCModelSync(f).build(ARCHES['x86-native'], 2, 'sc').spec);
    const acts = new Int32Array(machine.maxActions);
    let s = machine.initial();
    const taken: string[] = [];
    for (;;) {
      const n = machine.enabled(s, acts);
      const a = Array.from(acts.subarray(0, n)).find((x) => machine.info(s, x).kind === 'program' && machine.info(s, x).role.endsWith('A'));
      if (a === undefined) break;
      taken.push(machine.info(s, a).text);
      const out = new Uint8Array(s.length);
      machine.apply(s, a, out);
      s = out;
    }
    expect(taken).toHaveLength(3);
    expect(taken[0]).toContain('WRITE_ONCE(x, 1)');
    expect(taken[1]).toContain('WRITE_ONCE(x, 2)');
    expect(taken[2]).toContain('WRITE_ONCE(x, 3)');
    expect(check('wait.c', 'wait-pinned.diff').verdict).toBe('stuck');
  });

  it('registers belong to the task: two tasks on one CPU keep their own locals across a preemption', () => {
    // Tickets 1 and 2 are added once each: sum 3.
    expect(check('regs.c').verdict).toBe('holds');
  });

  it('a task that returns with preemption still disabled (a spin_lock() never unlocked) violates preempt-count-balanced', () => {
    const r = check('lock.c', 'lock-no-unlock.diff');
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('preempt-count-balanced');
  });

  it('preempt_enable() without preempt_disable() takes the count out of its domain', () => {
    const r = check('underflow.c');
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('value-in-domain');
  });

  it('interrupts: the CPU takes the IPI between the steps of whichever task runs there; the prelude\'s cross-call under preempt_disable() holds, without its wait it does not', () => {
    // P reads its CPU with preemption off, kicks the other CPU and waits: that CPU's handler ran.
    expect(check('kick.c').verdict).toBe('holds');
    const nowait = check('kick.c', 'kick-nowait.diff');
    expect(nowait.verdict).toBe('violated');
    expect(nowait.property).toBe('BUG_ON(!per_cpu(took, 1 - me))');
  });

  it('an __atomic_block a task starts with preemption on is reported as a bound of the model, not a verdict; with preemption off it holds', () => {
    const r = check('atomic-block.c');
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('atomic-block-not-preemptible');
    expect(r.built.spec.properties.find((p) => p.name === 'atomic-block-not-preemptible')?.bound).toMatch(/hide preemption points/);
    expect(check('atomic-block.c', 'atomic-block-preempt-off.diff').verdict).toBe('holds');
  });

  it('tasks are drawn on the CPU they run on, and no role of a task model is symmetric', () => {
    const { built } = check('migrate.c');
    const roles = built.spec.roles.map((r) => r.name);
    expect(roles).toEqual(['CPU', 'CPU0/reader']);
    expect(built.spec.cpuRoles).toEqual([0, 0, 1]);
    expect(built.spec.roles[1]!.runsOn).toBeDefined();
    // No role asked for SYMMETRIC (a TASK may not): none is reduced, and none has a refusal to report.
    expect(built.symmetry.every((s) => !s.symmetric && s.reason === null)).toBe(true);
    expect(built.spec.symmetryArgument).toBeUndefined();
  });

  it("a per-task object is the running task's own: by name and through its address, on any CPU", () => {
    // CPU0's per-CPU buffer: A fills and posts it, B (run after A on CPU0: A preempted or
    // returned) fills the same buffer, and the consumer finds B's data behind A's pointer.
    const shared = check('per-task.c');
    expect(shared.verdict).toBe('violated');
    expect(shared.property).toBe('BUG_ON((READ_ONCE(p->who) != 0) || !cpumask_test_cpu(0, &p->targets))');
    // DEFINE_PER_TASK: &buf is each task's own instance, and only its task writes it.
    const own = check('per-task.c', 'per-task.diff');
    expect(own.verdict).toBe('holds');
    // The consumer on CPU1 reads B's instance through B's pointer, named after its task.
    const bad = checkText(readFileSync(`${T}/per-task.c`, 'utf8').replace('DEFINE_PER_CPU(struct request, buf)', 'DEFINE_PER_TASK(struct request, buf)').replace('this_cpu_ptr(&buf)', '&buf').replace('READ_ONCE(p->who) != 1', 'READ_ONCE(p->who) != 0'));
    expect(bad.verdict).toBe('violated');
    expect(bad.texts.join('\n')).toMatch(/READ_ONCE\(posted_b\) -> &buf@B/);
  });

  it("a task's per-task data is gone once its function returned: another CPU that reads it through a csd's info afterwards violates no-stack-use-after-return", () => {
    // smp_call_function_single() without waiting returns, and the task with it, before CPU1
    // runs reader(); waiting, the task returns only after reader() ran. The waiting version also
    // keeps the pointer in a register across csd_lock()'s wait (a field the dead `err = 0`
    // initialiser used to clear: the pointer arrived as NULL).
    const model = (wait: 0 | 1): string => `struct msg {
\tint v;
};
DEFINE_PER_TASK(struct msg, m);
static void reader(void *info)
{
\tstruct msg *p = info;

\tBUG_ON(READ_ONCE(p->v) != 1);
}
static void sender(void)
{
\tWRITE_ONCE(m.v, 1);
\tsmp_call_function_single(1, reader, &m, ${wait});
}
TASK("S", CPU(0), ONCE, PINNED, sender);
MODEL_CPUS(2, 2);
`;
    const nowait = checkText(model(0));
    expect([nowait.verdict, nowait.property]).toEqual(['violated', 'no-stack-use-after-return']);
    expect(checkText(model(1)).verdict).toBe('holds');
  });

  it('a task keeps its per-task object when it moves; a per-CPU one stays with the CPU', () => {
    // A writes 1, may move to CPU1 (where B wrote 2 to its own), and reads its value back.
    const body = (decl: string, rd: string, wr: (v: number) => string): string => `${decl}
static void a(void) { ${wr(1)}; (void)smp_processor_id(); BUG_ON(${rd} != 1); }
static void b(void) { ${wr(2)}; (void)smp_processor_id(); BUG_ON(${rd} != 2); }
static bool moved(void) { return __at(1, a); }
TASK("A", CPU(0), ONCE, a);
TASK("B", CPU(1), ONCE, b);
MODEL_CPUS(2, 2);
WITNESS("BUG_ON(${rd} != 1)", moved, "A runs a() on CPU1");
`;
    const own = checkText(body('DEFINE_PER_TASK(__range(0, 2) int, mine);', 'READ_ONCE(mine)', (v) => `WRITE_ONCE(mine, ${v})`));
    expect(own.verdict).toBe('holds');
    expect(own.reached).toEqual({ moved: true });
    const cpu = checkText(body('DEFINE_PER_CPU(__range(0, 2) int, mine);', 'this_cpu_read(mine)', (v) => `this_cpu_write(mine, ${v})`));
    expect(cpu.verdict).toBe('violated');
    // An initialiser gives every task's instance its value: B still reads 3 after A wrote 4.
    const init = checkText('DEFINE_PER_TASK(__range(0, 5) int, x) = 3;\nstatic void f(void) { BUG_ON(READ_ONCE(x) != 3); WRITE_ONCE(x, 4); }\nTASK("A", CPU(0), ONCE, f);\nTASK("B", CPU(0), ONCE, f);\nMODEL_CPUS(1, 1);\n');
    expect(init.verdict).toBe('holds');
  });

  it('this_cpu_ptr() names the CPU the task ran on when it was evaluated, not the one it runs on when the pointer is used', () => {
    // A keeps CPU0's mask (or a member of CPU0's struct) in a local, may move to CPU1 at the
    // smp_processor_id() step, and reads it back through the local: still CPU0's instance.
    // (Before, the local named "this CPU's instance", read again on CPU1: a bit A never set.)
    const run = (decl: string, ptr: string) =>
      checkText(`${decl}
static void a(void)
{
	cpumask_t *p = ${ptr};
	int c;

	cpumask_set_cpu(1, p);
	c = smp_processor_id();
	BUG_ON(!cpumask_test_cpu(1, p));
}
static bool moved(void) { return __at(1, a); }
TASK("A", CPU(0), ONCE, a);
MODEL_CPUS(2, 2);
WITNESS("BUG_ON(!cpumask_test_cpu(1, p))", moved, "A runs a() on CPU1");
`);
    for (const r of [run('DEFINE_PER_CPU(cpumask_t, m);', 'this_cpu_ptr(&m)'), run('struct s { cpumask_t mask; };\nDEFINE_PER_CPU(struct s, m);', '&this_cpu_ptr(&m)->mask')]) {
      expect(r.verdict).toBe('holds');
      expect(r.reached).toEqual({ moved: true });
    }
  });

  describe('CPU hotplug (HOTPLUG)', () => {
    it('a CPU goes offline only while no CPU has preemption off: an online check and the queueing under one preempt_disable() is safe, split by a preemption point it hangs', () => {
      // stop_machine() cannot run while S has preemption off, so CPU1 is offline before S
      // looks or takes S's csd; read before preempt_disable(), cpu_online(1) may be stale.
      expect(check('hotplug.c').verdict).toBe('holds');
      expect(check('hotplug.c', 'hotplug-stale-online.diff').verdict).toBe('stuck');
    });

    it('the dying CPU runs the csds queued to it (smpcfd_dying_cpu()); without that flush a call queued before the CPU went down never runs', () => {
      expect(check('hotplug-async.c').verdict).toBe('holds');
      expect(check('hotplug-async.c', 'hotplug-dying-no-flush.diff').verdict).toBe('stuck');
      // CPU1 may go down with the IPI raised; the dead CPU keeps none pending.
      const machine = compileModel(loadCModelSync(`${T}/hotplug-async.c`).build(ARCHES['x86-native'], 2, 'sc').spec);
      const cpu1 = reachableStates(machine, 100_000, false).map((st) => machine.decode(st).cpus[1]!);
      expect(cpu1.some((c) => c['__cpu_online_mask'] === '1' && c['ipi'] === '1')).toBe(true);
      expect(cpu1.filter((c) => c['__cpu_online_mask'] === '0' && c['ipi'] !== '0')).toEqual([]);
    });

    it('no task runs on an offline CPU, none is left on it, and none moves to it afterwards', () => {
      // M starts on CPU1 and must finish for N to: CPU1 goes down only once M has left it,
      // which it cannot while migration is disabled (else M is stranded and N waits for ever),
      // and neither may then move to CPU1 (no reachable state has a task on it).
      const f = modelText(`bool done;
static void on_online_cpu(void)
{
\tpreempt_disable();
\tBUG_ON(!cpu_online(smp_processor_id()));
\tpreempt_enable();
}
static void m(void)
{
\tmigrate_disable();
\ton_online_cpu();
\tmigrate_enable();
\tWRITE_ONCE(done, true);
}
static void n(void)
{
\twhile (!READ_ONCE(done))
\t\tcpu_relax();
\ton_online_cpu();
}
static bool cpu1_offline(void)
{
\treturn !cpu_online(1) && !READ_ONCE(done);
}
TASK("M", CPU(1), ONCE, m);
TASK("N", CPU(0), ONCE, n);
HOTPLUG(CPU(1));
MODEL_CPUS(2, 2);
WITNESS("BUG_ON(!cpu_online(smp_processor_id()))", cpu1_offline, "CPU1 went offline before M finished");
`);
      const r = checkPath(f);
      expect(r.verdict).toBe('holds');
      expect(r.reached).toEqual({ 'cpu1-offline': true });
      const spec = loadCModelSync(f).build(ARCHES['x86-native'], 2, 'sc').spec;
      const machine = compileModel(spec);
      // A task that has returned (pc at its program's end) may stay where it ended.
      const ends = spec.roles.slice(1).map((role) => role.programs[0]!.steps.length);
      const onOffline = reachableStates(machine, 10_000, false).filter((st) => {
        const d = machine.decode(st);
        return d.cpus.slice(2).some((t, k) => Number(t['pc']) < ends[k]! && d.cpus[Number(t['task.on'])]!['__cpu_online_mask'] === '0');
      });
      expect(onOffline).toEqual([]);
    });

    it('an offline CPU caches nothing: its TLB is emptied as it goes down', () => {
      // U, pinned on CPU1, runs mm and caches P's translation; CPU1 may go offline once U is
      // parked between two iterations. The caches it leaves behind could never be used again.
      const f = modelText(`struct mm_struct mm;
struct page P = PAGE_FILLED;
pte_t pte = &P;
int x;
static void user(void)
{
\tpreempt_disable();
\tcontext_switch_to_task(&mm);
\tpreempt_enable();
\t__user_access(&pte);
}
static void other(void)
{
\tWRITE_ONCE(x, 1);
}
TASK("U", CPU(1), LOOP, PINNED, user);
TASK("O", CPU(0), ONCE, other);
HOTPLUG(CPU(1));
MODEL_CPUS(2, 2);
`);
      const machine = compileModel(loadCModelSync(f).build(ARCHES['x86-native'], 2, 'sc').spec);
      const cpu1 = reachableStates(machine, 100_000, false).map((st) => machine.decode(st).cpus[1]!);
      expect(cpu1.some((c) => c['__cpu_online_mask'] === '1' && c['tlb.pte'] !== '0')).toBe(true);
      expect(cpu1.filter((c) => c['__cpu_online_mask'] === '0').map((c) => c['tlb.pte'])).toEqual(expect.arrayContaining(['0']));
      expect(cpu1.filter((c) => c['__cpu_online_mask'] === '0' && c['tlb.pte'] !== '0')).toEqual([]);
    });

    it('under KVM an offline vCPU is halted, never flagged preempted', () => {
      // kvm_flush_tlb_multi() reads CPU1's steal_time, so the host may preempt CPU1's vCPU while
      // it is online; once offline it idles in HLT, which KVM does not count as preemption.
      const f = modelText(`struct mm_struct mm;
static void flusher(void)
{
\tcpumask_set_cpu(1, mm_cpumask(&mm));
\tflush_tlb_mm_range(&mm, NULL, NULL, PAGE_SHIFT, false);
}
TASK("F", CPU(0), ONCE, PINNED, flusher);
HOTPLUG(CPU(1));
MODEL_CPUS(2, 2);
MODEL_ARCHES("x86-kvm-pv");
`);
      const machine = compileModel(loadCModelSync(f).build(ARCHES['x86-kvm-pv'], 2, 'sc').spec);
      const cpu1 = reachableStates(machine, 100_000, false).map((st) => machine.decode(st).cpus[1]!);
      const seen = new Set(cpu1.map((c) => `${c['__cpu_online_mask']}/${c['vcpu_preempted']}`));
      expect([...seen].sort()).toEqual(['0/0', '1/0', '1/1']);
    });

    it('a take_cpu_down() that leaves the CPU online is a model error, not a verdict', () => {
      const text = readFileSync(`${T}/hotplug.c`, 'utf8') + '\nstatic void __cpu_disable(void)\n{\n}\n';
      expect(() => checkText(text)).toThrow(/take_cpu_down\(\) returned on CPU1 with the CPU still in cpu_online_mask/);
    });

    it('the trace shows the takedown in the CPU\'s column, in the kernel\'s words', () => {
      const r = checkPath(`${T}/hotplug.c`, `${T}/hotplug-stale-online.diff`);
      const m = loadCModelSync(`${T}/hotplug.c`, { patch: `${T}/hotplug-stale-online.diff` });
      const machine = compileModel(m.build(ARCHES['x86-native'], 2, 'sc').spec);
      const names = new Set<string>();
      const s = machine.initial();
      const acts = new Int32Array(machine.maxActions);
      for (let k = 0, n = machine.enabled(s, acts); k < n; k++) names.add(machine.info(s, acts[k]!).text);
      expect([...names]).toContain('CPU1 goes offline: stop_machine(take_cpu_down)');
      expect(r.verdict).toBe('stuck');
    });
  });

  it('the cutoff does not apply to a model with tasks', () => {
    const m = loadCModelSync(`${T}/counter.c`);
    const v = cutoffFor((n) => m.build(ARCHES['x86-native'], n, 'sc').spec, 3, 2, 4);
    expect(v.applies).toBe(false);
  });

  describe('refusals', () => {
    const task = 'static void f(void) { WRITE_ONCE(x, 1); }\nint x;\n';
    const refused = (text: string, pattern: RegExp, mm: 'sc' | 'tso' = 'sc', cpus = 2): void => {
      const f = modelText(text);
      let err: unknown;
      try {
        loadCModelSync(f).build(ARCHES['x86-native'], cpus, mm);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CError);
      expect(String((err as Error).message)).toMatch(pattern);
    };

    it('ROLE and TASK in one model', () => {
      refused(`int x;\nstatic void f(void) { WRITE_ONCE(x, 1); }\nROLE("r", CPU(0), ONCE, f);\nTASK("t", CPU(0), ONCE, f);\n`, /ROLE r in a model with TASK/);
    });
    it('tasks under a store-buffer memory model', () => {
      refused(`int x;\nstatic void f(void) { WRITE_ONCE(x, 1); }\nTASK("t", CPU(0), ONCE, f);\nMODEL_MEMORY("sc", "tso");\n`, /checked under sc only, not tso/, 'tso');
    });
    it('SYMMETRIC, INIT, several functions, a start CPU beyond the model', () => {
      refused(`int x;\nstatic void f(void) { WRITE_ONCE(x, 1); }\nTASK("t", CPU(0), ONCE, SYMMETRIC, f);\n`, /SYMMETRIC is for ROLE/);
      refused(`int x;\nstatic void f(void) { WRITE_ONCE(x, 1); }\nTASK("t", CPU(0), ONCE, INIT(f), f);\n`, /INIT\(fn\) is for ROLE/);
      refused(`int x;\nstatic void f(void) { WRITE_ONCE(x, 1); }\nstatic void g(void) { WRITE_ONCE(x, 2); }\nTASK("t", CPU(0), ONCE, f, g);\n`, /runs 2 functions/);
      refused(`${task}TASK("t", CPU(0), ONCE, f);\nTASK("t", CPU(1), ONCE, f);\n`, /two tasks are named t/);
      refused(`${task}TASK("t", CPU(3), ONCE, f);\n`, /at least 4 CPUs/);
    });
    it('per-task objects where no task runs, or that the MMU walks', () => {
      refused(`DEFINE_PER_TASK(int, x);\nstatic void f(void) { WRITE_ONCE(x, 1); }\nROLE("r", CPUS(0, N), ONCE, f);\n`, /m\.c:1:.*'x' is per-task .*declares no TASK.*DEFINE_PER_CPU/);
      // The prelude's IPI handler, redefined by the model to touch the object by name.
      refused(`DEFINE_PER_TASK(int, x);\nstatic void generic_smp_call_function_interrupt(void) { WRITE_ONCE(x, 1); }\nstatic void f(void) { arch_send_call_function_single_ipi(0); }\nTASK("t", CPU(0), ONCE, f);\n`, /m\.c:2:.*'x' is per-task .*an interrupt handler runs on a CPU for no task/);
      refused(`DEFINE_PER_TASK(int, x);\nstatic void f(void) { WRITE_ONCE(x, 1); }\nstatic bool w(void) { return READ_ONCE(x) == 1; }\nTASK("t", CPU(0), ONCE, f);\nWITNESS("x", w, "x set");\n`, /m\.c:3:.*'x' is per-task .*a property runs on a CPU for no task/);
      refused(`DEFINE_PER_TASK(struct page, P);\nstatic void f(void) { }\nTASK("t", CPU(0), ONCE, f);\n`, /'P': a page, page table or page-table entry cannot be per task/);
      refused(`DEFINE_PER_TASK(int, x);\nstatic void f(void) { this_cpu_write(x, 1); }\nTASK("t", CPU(0), ONCE, f);\n`, /'x' is not a per-CPU variable/);
      // A local's address: the message points to the storage that can be passed on.
      refused(`int *p;\nstatic void f(void) { int v = 1; WRITE_ONCE(p, &v); }\nTASK("t", CPU(0), ONCE, f);\n`, /m\.c:2:.*address of the local 'v' is not supported.*declare DEFINE_PER_TASK/);
      refused(`int *p;\nstatic void f(void) { int v = 1; WRITE_ONCE(p, &v); }\nROLE("r", CPUS(0, N), ONCE, f);\n`, /m\.c:2:.*address of the local 'v' is not supported.*declare DEFINE_PER_CPU/);
    });
    it('HOTPLUG without tasks, twice, beyond the model, and set_cpu_online() without it', () => {
      refused(`int x;\nstatic void f(void) { WRITE_ONCE(x, 1); }\nROLE("r", CPUS(0, N), ONCE, f);\nHOTPLUG(CPU(1));\n`, /HOTPLUG\(\.\.\.\) needs a model of TASK/);
      refused(`${task}TASK("t", CPU(0), ONCE, f);\nHOTPLUG(CPU(1));\nHOTPLUG(CPU(1));\n`, /declared twice/);
      refused(`${task}TASK("t", CPU(0), ONCE, f);\nHOTPLUG(CPU(1), CPU(1));\n`, /names CPU1 twice/);
      refused(`${task}TASK("t", CPU(0), ONCE, f);\nHOTPLUG(CPU(1));\nMODEL_CPUS(1, 1);\n`, /needs at least 2 CPUs, 1 asked/, 'sc', 1);
      refused(`static void f(void) { set_cpu_online(1, false); }\nTASK("t", CPU(0), ONCE, f);\n`, /set_cpu_online\(\) needs HOTPLUG/);
      refused(`static void f(void) { cpumask_clear_cpu(1, cpu_online_mask); }\nTASK("t", CPU(0), ONCE, f);\nHOTPLUG(CPU(1));\n`, /const in the kernel/);
      refused(`static void f(void) { cpumask_clear_cpu(1, &__cpu_online_mask); }\nTASK("t", CPU(0), ONCE, f);\nMODEL_CPUS(2, 2);\n`, /const in the kernel/);
    });

    it('RCU with tasks', () => {
      refused(`int x;\nstatic void f(void) { rcu_read_lock(); WRITE_ONCE(x, 1); rcu_read_unlock(); }\nTASK("t", CPU(0), ONCE, f);\n`, /cannot use the RCU/);
    });
    it('check says inconclusive for a preemptible __atomic_block', async () => {
      const r = await runCli(['check', `${T}/atomic-block.c`]);
      expect(r.out).toMatch(/inconclusive/);
    });
    it('check refuses with one line, its location, and exit 2', async () => {
      const f = modelText(`int x;\nstatic void f(void) { WRITE_ONCE(x, 1); }\nTASK("t", CPU(0), ONCE, f);\nMODEL_MEMORY("sc", "tso");\n`);
      const r = await runCli(['check', f, '--model', 'tso']);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/m\.c:3:1: .*sc only/);
    });
  });
});

describe("the kernel's debug checks of context (lockdep, might_sleep(), cant_migrate())", () => {
  const task = (body: string) => `int x;\n\nstatic void t(void)\n{\n${body}\n}\n\nTASK("t", CPU(0), ONCE, t);\nMODEL_CPUS(2, 2);\n`;

  it('each holds where the kernel would not warn', () => {
    const r = checkText(
      task(
        [
          'lockdep_assert_irqs_enabled();',
          'lockdep_assert_preemption_enabled();',
          'might_sleep();',
          'preempt_disable();',
          'lockdep_assert_preemption_disabled();',
          'cant_migrate();',
          'cant_sleep();',
          'WRITE_ONCE(x, 1);',
          'preempt_enable();',
          'migrate_disable();',
          'cant_migrate();',
          'WRITE_ONCE(x, 2);',
          'migrate_enable();',
          'local_irq_disable();',
          'lockdep_assert_irqs_disabled();',
          'cant_migrate();',
          'local_irq_enable();',
        ].join('\n'),
      ),
    );
    expect(r.verdict).toBe('holds');
  });

  it.each([
    ['cant_migrate();', 'cant_migrate()'],
    ['preempt_disable();\nmight_sleep();\npreempt_enable();', 'might_sleep()'],
    ['local_irq_disable();\nmight_sleep();\nlocal_irq_enable();', 'might_sleep()'],
    ['cant_sleep();', 'cant_sleep()'],
    ['lockdep_assert_irqs_disabled();', 'lockdep_assert_irqs_disabled()'],
    ['local_irq_disable();\nlockdep_assert_irqs_enabled();\nlocal_irq_enable();', 'lockdep_assert_irqs_enabled()'],
    ['lockdep_assert_preemption_disabled();', 'lockdep_assert_preemption_disabled()'],
    ['preempt_disable();\nlockdep_assert_preemption_enabled();\npreempt_enable();', 'lockdep_assert_preemption_enabled()'],
    ['WARN_ON(preemptible());', 'WARN_ON(preemptible())'],
  ])('%s warns: violated %s', (body, property) => {
    expect(checkText(task(`${body}\nWRITE_ONCE(x, 1);`))).toMatchObject({ verdict: 'violated', property });
  });

  it('a model of roles refuses the checks that ask about preemption (it does not count it), and cant_migrate() cannot fire there', async () => {
    const roles = (body: string) => `int x;\n\nstatic void r(void)\n{\n${body}\n\tWRITE_ONCE(x, 1);\n}\n\nROLE("r", CPU(0), ONCE, r);\n`;
    const refused = await runCli(['check', modelText(roles('\tmight_sleep();'))]);
    expect(refused.code).toBe(2);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
    expect(refused.err).toMatch(/m\.c:5:\d+: might_sleep\(\) asks whether the code can be preempted: only a model with tasks/);
    expect(checkText(roles('\tcant_migrate();\n\tlockdep_assert_irqs_enabled();'))).toMatchObject({ verdict: 'holds' });
  });
});
