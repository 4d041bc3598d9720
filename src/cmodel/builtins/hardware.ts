/**
 * Calls into the hardware and runtime (src/cmodel/hardware/): each lowers to one `hw`
 * instruction naming the action; the hardware part that provides it gives its semantics. Also
 * the configuration's constants: `IS_ENABLED(CONFIG_...)`, `cpu_feature_enabled(X86_FEATURE_...)`,
 * `hypervisor_is_type(X86_HYPER_...)`, `kvm_para_has_feature(KVM_FEATURE_...)` (./config.ts).
 */
import type { Expr } from '../../c/ast.js';
import { CError } from '../../c/error.js';
import { constant, type Val } from '../ir.js';
import type { Lowerer } from '../lower/lowerer.js';
import { exprText } from '../lower/text.js';
import type { RValue } from '../lower/values.js';
import { BOOL, INT, PT_STATE, type CType } from '../types.js';
import { configValue } from './config.js';
import { cpumaskPlace } from './cpumask.js';
import { VOID_RESULT, arity, type BuiltinTable, type CallExpr } from './table.js';

/** A call that lowers to one hardware action `name` (its result in a new register of type `result`). */
export function hw(lw: Lowerer, e: CallExpr, name: string, args: readonly Val[], result: CType | null): RValue {
  const dst = result === null ? null : lw.em.temp(result);
  lw.em.emit({ op: 'hw', name, args, dst, addrs: [], loc: e.loc, text: exprText(e) });
  return dst === null ? VOID_RESULT : { val: { k: 'r', r: dst }, type: result! };
}

/** A call with no arguments that lowers to one hardware action. */
function action(name: string, n = 0): (lw: Lowerer, e: CallExpr) => RValue {
  return (lw, e) => {
    if (e.args.length !== n && n >= 0) arity(e, n);
    const args = e.args.map((a) => lw.rvalue(a).val);
    return hw(lw, e, name, args, null);
  };
}

/**
 * An invalidation of one address, named by its last-level entry (`flush_tlb_one_user(&pte)`),
 * or of everything when the argument is not an entry pointer (a plain address) or absent.
 */
function pointerOrAll(one: string, all: string): (lw: Lowerer, e: CallExpr) => RValue {
  return (lw, e) => {
    const a = e.args[0];
    if (a === undefined) return hw(lw, e, all, [], null);
    if (e.args.length > 1) for (const x of e.args.slice(1)) lw.rvalue(x);
    const v = lw.rvalue(a);
    if (v.type.kind === 'pointer') return hw(lw, e, one, [v.val], null);
    return hw(lw, e, all, [], null);
  };
}

/** The bits of a cpumask argument, CPU by CPU (each a load, as the kernel reads the mask). */
function maskBits(lw: Lowerer, e: Expr): Val[] {
  const m = cpumaskPlace(lw, e);
  const out: Val[] = [];
  for (let c = 0; c < lw.env.cpus; c++) {
    if (m === 'all') out.push(constant(1));
    else out.push(lw.load(lw.indexOf(m, { val: constant(c), type: INT }, e.loc), 'plain', e.loc, exprText(e)).val);
  }
  return out;
}

/**
 * Sending an IPI makes the sender's earlier stores visible before the target can take it
 * (arm64 gic_ipi_send_mask(): dsb(ishst); x86 x2apic: weak_wrmsr_fence(); powerpc: sync
 * before the doorbell or XICS write), so the handler finds the csd the sender queued.
 */
function ipiOrdersStores(lw: Lowerer, e: CallExpr): void {
  lw.em.emit({ op: 'fence', kind: 'mb', loc: e.loc, text: `${e.callee}(): earlier stores visible first` });
}

/**
 * x86: a MOV to CR3 is serialising (Intel SDM vol. 3A, "Serializing Instructions"), so the
 * CPU's earlier stores are visible before anything after it; the kernel relies on it (the
 * membarrier comment in switch_mm_irqs_off()). arm64's TTBR write is no barrier.
 */
function cr3WriteSerialises(lw: Lowerer, e: CallExpr): void {
  if (configValue(lw.env.arch, 'IS_ENABLED', 'CONFIG_X86') === true) lw.em.emit({ op: 'fence', kind: 'mb', loc: e.loc, text: `${e.callee}(): a CR3 write is serialising` });
}

const pointerArg =
  (name: string) =>
  (lw: Lowerer, e: CallExpr): RValue => {
    if (e.args.length < 1) arity(e, 1);
    const p = lw.rvalue(e.args[e.args.length - 1]!);
    for (const a of e.args.slice(0, -1)) lw.rvalue(a);
    return hw(lw, e, name, [p.val], null);
  };

/** An action on a text site: the site is passed as its place (`&site`, or a pointer parameter bound to it). */
function textSiteOp(lw: Lowerer, e: CallExpr, name: string, args: readonly Val[], result: CType | null): RValue {
  const a = e.args[0]!;
  const place = lw.deref(lw.rvalue(a), a.loc, exprText(a));
  if (place.k !== 'mem' || place.type.kind !== 'hw' || place.type.what !== 'insn') throw new CError(a.loc, `${e.callee}() takes the address of a kernel_insn_t text site`);
  const dst = result === null ? null : lw.em.temp(result);
  lw.em.emit({ op: 'hw', name, args, dst, addrs: [lw.checkedAddr(place, a.loc)], loc: e.loc, text: exprText(e) });
  return dst === null ? VOID_RESULT : { val: { k: 'r', r: dst }, type: result! };
}

/**
 * `pmd_leaf(pmd)`, `pmd_trans_huge(pmd)`, `pud_leaf(pud)`: the entry maps a (huge) page rather
 * than a table; `pmd_none(pmd)`, `pud_none(pud)`: the entry is empty. Register-only tests of
 * an entry value already read.
 */
function entryTest(what: 'leaf' | 'none') {
  return (lw: Lowerer, e: CallExpr): RValue => {
    arity(e, 1);
    const v = lw.rvalue(e.args[0]!);
    if (v.type.kind !== 'pointer' || v.type.entry === undefined) throw new CError(e.args[0]!.loc, `${e.callee}() takes a page-table entry value (pmd_t, pud_t), got '${exprText(e.args[0]!)}'`);
    if (what === 'none') return lw.set(BOOL, [v.val], (a) => (a[0] === 0 ? 1 : 0), e.loc, exprText(e));
    const { objOf } = lw.env.addrs;
    const objects = lw.env.sym.objects;
    const isPage = (a: number): boolean => {
      const o = objOf[a] ?? -1;
      const t = o < 0 ? undefined : objects[o]?.type;
      return t !== undefined && t.kind === 'hw' && t.what === 'page';
    };
    return lw.set(BOOL, [v.val], (a) => (isPage(a[0]!) ? 1 : 0), e.loc, exprText(e));
  };
}

/** A read-only view of the hardware for WITNESS functions (../build/views.ts). */
function view(name: string, n: number, result: CType) {
  return (lw: Lowerer, e: CallExpr): RValue => {
    if (!lw.em.unit.startsWith('witness ')) throw new CError(e.loc, `${e.callee}() looks at the hardware's state: only a WITNESS function may call it`);
    arity(e, n);
    if (name === '__at') {
      const fn = e.args[1]!;
      if (fn.kind !== 'ident' || !lw.env.sym.functions.has(fn.name)) throw new CError(fn.loc, '__at(cpu, function): the second argument names a defined function');
      return hw(lw, e, `__at:${fn.name}`, [lw.rvalue(e.args[0]!).val], result);
    }
    return hw(lw, e, name, e.args.map((a) => lw.rvalue(a).val), result);
  };
}

/**
 * arm64 `__tlbi(op, addr)`: a TLB invalidation issued, not waited for (its completion is the
 * issuing CPU's `dsb(ish)`). `addr` names the page by its entry (`ptep`); an ASID-wide or
 * all-entries op (`aside1is`, `vmalle1is`) takes any other argument. Broadcast ops only (`...is`):
 * a local TLBI with its `dsb(nsh)` is a local flush.
 */
const tlbi = (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, 2);
  const op = e.args[0]!;
  if (op.kind !== 'ident' || !/^(vale1is|vae1is|aside1is|vmalle1is)$/.test(op.name)) throw new CError(op.loc, '__tlbi(op, addr): op is one of vale1is, vae1is (of the page addr names by its entry), aside1is, vmalle1is (every page)');
  const byPage = op.name === 'vale1is' || op.name === 'vae1is';
  const v = lw.rvalue(e.args[1]!);
  const ptr = byPage && v.type.kind === 'pointer' ? v.val : constant(0);
  // VALE1IS invalidates last-level entries only; the others the walk caches too.
  return hw(lw, e, '__tlbi_issue', [ptr, constant(op.name === 'vale1is' ? 0 : 1)], null);
};

/**
 * x86 `__invlpgb(asid, pcid, addr, nr_pages, stride, flags)` (arch/x86/include/asm/tlb.h): the
 * INVLPGB instruction, an invalidation broadcast to every CPU, issued and not waited for, like
 * arm64's `__tlbi()`: it completes at some moment, and has completed once the issuing CPU has
 * executed TLBSYNC (`__tlbsync()`; AMD APM vol. 3, INVLPGB and TLBSYNC). `addr` names the page by
 * its entry; any other `addr` (0 for the whole-PCID and all-PCID modes) invalidates every
 * translation. The walk caches go too unless `flags` has INVLPGB_FLAG_FINAL_ONLY. `asid`, `pcid`,
 * `nr_pages`, `stride` and the other flags are evaluated and not used: the model has one address
 * space, and a range is one page or everything.
 */
const invlpgb = (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, 6);
  const vals = e.args.map((a) => lw.rvalue(a));
  const addr = vals[2]!;
  // INVLPGB_FLAG_FINAL_ONLY (BIT(4)) leaves the walk caches; without it they go too.
  const walk = lw.set(INT, [vals[5]!.val], (a) => ((a[0]! & INVLPGB_FLAG_FINAL_ONLY) !== 0 ? 0 : 1), e.loc, exprText(e));
  return hw(lw, e, '__tlbi_issue', [addr.type.kind === 'pointer' ? addr.val : constant(0), walk.val], null);
};

/** arch/x86/include/asm/tlb.h: INVLPGB_FLAG_FINAL_ONLY, "only invalidate final translations". */
const INVLPGB_FLAG_FINAL_ONLY = 16;

/**
 * arm64 `dsb(option)`: `ish` and `sy` are full barriers that also complete every TLB
 * invalidation this CPU issued (`__tlbi_sync`); `ishst` and `nshst` order stores only.
 */
const dsb = (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, 1);
  const a = e.args[0]!;
  if (a.kind !== 'ident' || !/^(ish|sy|ishst|nshst)$/.test(a.name)) throw new CError(a.loc, 'dsb(option): option is ish, sy (a full barrier that completes this CPU\'s TLB maintenance), ishst or nshst (stores only)');
  if (a.name === 'ishst' || a.name === 'nshst') {
    lw.em.emit({ op: 'fence', kind: 'wmb', loc: e.loc, text: exprText(e) });
    return VOID_RESULT;
  }
  lw.em.emit({ op: 'fence', kind: 'mb', loc: e.loc, text: exprText(e) });
  return hw(lw, e, '__tlbi_sync', [], null);
};

const configTest = (lw: Lowerer, e: CallExpr): RValue => {
  arity(e, 1);
  const a = e.args[0]!;
  if (a.kind !== 'ident') throw new CError(a.loc, `${e.callee}() takes a configuration name`);
  const v = configValue(lw.env.arch, e.callee, a.name);
  if (v === null) throw new CError(a.loc, `'${a.name}' is not a configuration symbol the model knows (see the language reference for the list); it will not guess`);
  return { val: constant(v ? 1 : 0), type: BOOL };
};

export const hardwareBuiltins: BuiltinTable = {
  // Interrupts
  local_irq_save: (lw, e) => {
    arity(e, 1);
    const flags = lw.lvalue(e.args[0]!);
    const old = hw(lw, e, 'local_irq_save', [], INT);
    lw.store(flags, old, 'plain', e.loc, '');
    return VOID_RESULT;
  },
  local_irq_restore: action('local_irq_restore', 1),
  local_irq_disable: action('local_irq_disable'),
  local_irq_enable: action('local_irq_enable'),
  irqs_disabled: (lw, e) => {
    arity(e, 0);
    return hw(lw, e, 'irqs_disabled', [], BOOL);
  },
  arch_send_call_function_ipi_mask: (lw, e) => {
    arity(e, 1);
    const bits = maskBits(lw, e.args[0]!);
    ipiOrdersStores(lw, e);
    return hw(lw, e, 'ipi_send_mask', bits, null);
  },
  arch_send_call_function_single_ipi: (lw, e) => {
    arity(e, 1);
    const cpu = lw.rvalue(e.args[0]!).val;
    ipiOrdersStores(lw, e);
    return hw(lw, e, 'ipi_send_one', [cpu], null);
  },
  // MMU
  load_cr3: (lw, e) => {
    cr3WriteSerialises(lw, e);
    return pointerArg('load_cr3')(lw, e);
  },
  load_cr3_noflush: (lw, e) => {
    if (!lw.env.arch.pcid) throw new CError(e.loc, `load_cr3_noflush(): a CR3 write with NOFLUSH needs PCID, which ${lw.env.arch.name} does not have (x86-pcid has it)`);
    cr3WriteSerialises(lw, e);
    return pointerArg('load_cr3_noflush')(lw, e);
  },
  flush_tlb_local: action('flush_tlb_local'),
  __flush_tlb_all: action('flush_tlb_all'),
  flush_tlb_one_user: pointerOrAll('flush_tlb_slot', 'flush_tlb_local'),
  __flush_tlb_one_user: pointerOrAll('flush_tlb_slot', 'flush_tlb_local'),
  hypervisor_flush_tlb_mask: (lw, e) => {
    if (e.args.length !== 2) arity(e, 1);
    // An optional second argument: the one address (entry) flushed; none or NULL, everything.
    const addr = e.args[1] === undefined ? [] : [lw.rvalue(e.args[1]).val];
    return hw(lw, e, '__flush_tlb_mask', [...maskBits(lw, e.args[0]!), ...addr], null);
  },
  flush_tlb_broadcast: pointerOrAll('__flush_tlb_broadcast', '__flush_tlb_broadcast'),
  flush_tlb_broadcast_last_level: pointerOrAll('__flush_tlb_broadcast_leaf', '__flush_tlb_broadcast_leaf'),
  __page_free: pointerArg('__page_free'),
  __tlb_cached: (lw, e) => {
    arity(e, 1);
    return hw(lw, e, '__tlb_cached', [lw.rvalue(e.args[0]!).val], { kind: 'pointer', to: { kind: 'hw', what: 'page' } });
  },
  __pt_read: pointerArg('__pt_read'),
  __pt_free: pointerArg('__pt_free'),
  __pt_deposit: pointerArg('__pt_deposit'),
  __pt_give_to_other_mm: pointerArg('__pt_give_to_other_mm'),
  __page_fill: pointerArg('__page_fill'),
  __user_access: pointerArg('__user_access'),
  __cached: view('__cached', 2, BOOL),
  __mm_loaded: view('__mm_loaded', 1, BOOL),
  __irqs_off: view('__irqs_off', 1, BOOL),
  __ipi_pending: view('__ipi_pending', 1, BOOL),
  __pt_state: view('__pt_state', 1, PT_STATE),
  __at: view('__at', 2, BOOL),
  pmd_leaf: entryTest('leaf'),
  pmd_trans_huge: entryTest('leaf'),
  pud_leaf: entryTest('leaf'),
  pmd_none: entryTest('none'),
  // The entry maps a page (not none, not a swap entry): pte_present().
  __maps_page: entryTest('leaf'),
  __tlbi: tlbi,
  dsb,
  __invlpgb: invlpgb,
  // x86 TLBSYNC: the INVLPGBs this CPU issued have completed (__tlbsync()'s cant_migrate(), a
  // debug warning, is left out: what it warns of, a TLBSYNC on another CPU, is what the model runs).
  __tlbsync: action('__tlbi_sync'),
  __tlbi_pending: view('__tlbi_pending', 1, BOOL),
  pud_none: entryTest('none'),
  // RCU
  rcu_read_lock: action('rcu_read_lock'),
  rcu_read_unlock: action('rcu_read_unlock'),
  synchronize_rcu: (lw, e) => {
    arity(e, 0);
    hw(lw, e, '__rcu_gp_start', [], null);
    return hw(lw, e, '__rcu_gp_wait', [], null);
  },
  // Instruction stream
  isb: action('context_sync'),
  isync: action('context_sync'),
  sync_core: action('context_sync'),
  __exception_entry: action('__exception_entry'),
  __exception_return: action('__exception_return'),
  __insn_fetch: (lw, e) => {
    arity(e, 1);
    return textSiteOp(lw, e, '__insn_fetch', [], INT);
  },
  __insn_retire: (lw, e) => {
    arity(e, 2);
    return textSiteOp(lw, e, '__insn_retire', [lw.rvalue(e.args[1]!).val], null);
  },
  // Configuration
  IS_ENABLED: configTest,
  cpu_feature_enabled: configTest,
  boot_cpu_has: configTest,
  hypervisor_is_type: configTest,
  kvm_para_has_feature: configTest,
};
