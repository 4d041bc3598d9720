/**
 * The MMU: which address space a CPU walks (`cr3`), its paging-structure cache and TLB entries
 * through each page-table page, page-table pages with a life cycle, and the hazards of using
 * them.
 *
 * Objects the model declares: `struct mm_struct mm;` (an address space; the prelude defines the
 * struct and `init_mm`, the kernel's own, which maps none of the model's slots), `pte_table_t T;`
 * (a page-table page: PT_LIVE, then PT_DEPOSITED, PT_OTHER_MM or PT_FREED), `struct page H;` (a
 * data page: PAGE_EMPTY until filled), and entries `pmd_t pmd = &T;` (the user mm's slots).
 *
 * Hardware behaviour (x86 SDM vol. 3A 4.10, Arm ARM D8):
 * - a CPU whose `cr3` is a user mm (not 0, not `init_mm`) may at any moment walk its slots: a slot pointing to a
 *   live table caches the pointer and the translations of the pages it maps (`psc.T`; one bit
 *   stands for both: every invalidation the model has removes both, and a walk fills both);
 * - a walk through a cached pointer to a freed table reads memory that may hold anything:
 *   `no-walker-reads-freed-table`, at any moment, lazy or not;
 * - a user access (`__user_access(&mm)`, the model's "the task touches its memory") uses the
 *   cached translations: through a table now another mm's (`no-walker-reads-freed-table`),
 *   through a table whose pages were copied and freed (khugepaged's deposit:
 *   `no-stale-tlb-after-sync`), or through the slot to a huge page not yet filled
 *   (`no-access-to-huge-page-before-copy`); otherwise it walks and fills the caches. On a
 *   CPU whose cr3 is not the user mm it does nothing.
 *
 * Actions: `load_cr3(mm)` (switch address spaces; without PCID the caches empty), and with PCID
 * (`arch.pcid`: entries tagged by address space, Intel SDM vol. 3A 4.10.4.1) `load_cr3(mm)`
 * empties the entries of the address space it loads and keeps the others', and
 * `load_cr3_noflush(mm)` keeps all; `flush_tlb_local()` and `flush_tlb_slot()` (INVLPG,
 * `flush_tlb_one_user()`) reach the loaded address space only, `flush_tlb_all()`
 * (`__flush_tlb_all()`) every one. The user mm's entries are the only ones the model caches,
 * so they are tagged by being the user mm's: exact while it keeps one ASID per CPU, as it does
 * with the prelude's two address spaces and six dynamic ASIDs. Without PCID a CPU caches
 * nothing while another address space is loaded, so the scoped flushes act as before;
 * `__flush_tlb_mask(mask, [entry])` (a hypervisor flushes these CPUs, of one address or all:
 * Hyper-V, Xen), `__flush_tlb_broadcast()`
 * (INVLPGB+TLBSYNC, arm64 TLBI IS+DSB, powerpc tlbie: every CPU, complete when it returns),
 * `__flush_tlb_broadcast_leaf()` (the same of last-level translations only: arm64 TLBI VALE1IS,
 * powerpc tlbie RIC=0; the paging-structure caches stay, and with them the translations `psc.T`
 * stands for: an under-invalidation, so never a verdict that holds wrongly),
 * `__tlbi_issue(entry, walk)` (arm64 `__tlbi(op, ...)` without its DSB, x86 `__invlpgb()`
 * without its TLBSYNC: the invalidation of the entry's translation, or of every translation
 * for NULL, is issued on every CPU that caches one and stays pending, the entry still usable,
 * until it completes, which the hardware may do at any moment and must have done once the
 * issuing CPU executes `dsb(ish)`: Arm ARM D8.13, "completion of the TLB maintenance
 * instruction is guaranteed only by the execution of a DSB by the observer that performed the
 * TLB maintenance instruction"; AMD APM, TLBSYNC likewise), `__tlbi_sync()` (the issuing CPU's
 * `dsb(ish)` or `__tlbsync()`: its pending invalidations complete everywhere; a synchronous
 * flush above ends with one too). With `walk` (arm64 VAE1IS, ASIDE1IS, VMALLE1IS; INVLPGB
 * without FINAL_ONLY) the invalidation of every paging-structure cache entry is left pending in
 * the same way, a flush of an address dropping the walk caches whole (as INVLPG does); without
 * it (VALE1IS, FINAL_ONLY) they stay.
 * `__pt_read(table)` (a software walker reads an entry of the table: hazard unless live),
 * `pte_free(table)`, `__pt_deposit(table)`, `__pt_give_to_other_mm(table)`, `__page_fill(page)`.
 * One user address space is walked (the model's slots are its entries); a CPU in `init_mm`
 * walks none of them.
 */
import type { State, Step } from '../../core/model.js';
import type { HwOp } from '../exec/codegen.js';
import type { ObjectDecl } from '../symbols.js';
import { BOOL, type CType } from '../types.js';
import type { HardwarePart, HwContext, HwRuntime } from './hardware.js';

export const PT = { live: 0, deposited: 1, otherMm: 2, freed: 3 } as const;
export const PAGE = { empty: 0, filled: 1, freed: 2 } as const;

export const MMU_OPS = [
  'load_cr3',
  'load_cr3_noflush',
  'flush_tlb_local',
  'flush_tlb_all',
  'flush_tlb_slot',
  '__page_free',
  '__tlb_cached',
  '__flush_tlb_mask',
  '__flush_tlb_broadcast',
  '__flush_tlb_broadcast_leaf',
  '__pt_read',
  '__pt_free',
  '__pt_deposit',
  '__pt_give_to_other_mm',
  '__page_fill',
  '__user_access',
  '__tlbi_issue',
  '__tlbi_sync',
] as const;

/** A `dsb(ish)` alone (arm64 `__switch_to()`) does not make the MMU part present: with nothing issued it completes nothing. */
const PRESENCE_OPS: readonly string[] = MMU_OPS.filter((o) => o !== '__tlbi_sync');

const isHw = (t: CType, what: string): boolean => t.kind === 'hw' && t.what === what;
const tables = (cx: HwContext): ObjectDecl[] => cx.sym.objects.filter((o) => isHw(o.type, 'page_table'));
const pages = (cx: HwContext): ObjectDecl[] => cx.sym.objects.filter((o) => isHw(o.type, 'page'));
const slots = (cx: HwContext): ObjectDecl[] => cx.sym.objects.filter((o) => o.type.kind === 'pointer' && o.type.entry !== undefined && !o.perCpu);
/** Last-level entries: a CPU's TLB caches the page each one points to (`tlb.<pte>`). */
const ptes = (cx: HwContext): ObjectDecl[] => slots(cx).filter((o) => o.type.kind === 'pointer' && o.type.entry === 'pte');

/** The hardware action that issues a TLBI without completing it. */
export const TLBI_ISSUE = '__tlbi_issue';
/** Eight CPUs of a set of issuers, one bit each: a pending invalidation keeps one per eight CPUs. */
const ISSUERS: CType = { kind: 'int', name: 'cpumask', lo: 0, hi: 255 };
/** Bytes of a set of `cpus` issuers. */
const issuerBytes = (cpus: number): number => Math.ceil(cpus / 8);
/** The field of byte `k` of the issuers of a TLBI of the entry `pte` (one name while one byte does). */
const issuerField = (pte: string, k: number, cpus: number): string => (issuerBytes(cpus) === 1 ? `tlbi.${pte}` : `tlbi.${pte}.${k}`);
/** The fields of every issuer byte of the invalidations pending on an entry (`pte`, or `psc.<table>`). */
export const pendingFieldNames = (entry: string, cpus: number): string[] => Array.from({ length: issuerBytes(cpus) }, (_, k) => issuerField(entry, k, cpus));

export const HAZARDS = {
  freedTable: { name: 'no-walker-reads-freed-table', doc: 'no lockless walker or cached paging-structure pointer dereferences a page table after it was freed, deposited or handed to another mm' },
  staleTlb: { name: 'no-stale-tlb-after-sync', doc: 'no CPU uses a translation after its page was freed (the flush that should have removed it returned)' },
  hugeBeforeCopy: { name: 'no-access-to-huge-page-before-copy', doc: 'no CPU accesses a huge page through its pmd before the collapse copy filled it' },
} as const;

export const mmuPart: HardwarePart = {
  name: 'mmu',
  present: (cx) => tables(cx).length > 0 || PRESENCE_OPS.some((o) => cx.usedOps.has(o)),
  allocate: (cx, fa) => {
    fa.addCpu('cr3', { kind: 'pointer', to: cx.sym.structs.get('mm_struct') ?? { kind: 'void' } }, 'the address space the MMU walks (0 or init_mm: kernel only)');
    for (const t of tables(cx)) fa.addCpu(`psc.${t.name}`, BOOL, `paging-structure cache holds the pointer to ${t.name} (and the TLB the translations through it)`);
    for (const p of ptes(cx)) fa.addCpu(`tlb.${p.name}`, { kind: 'pointer', to: { kind: 'hw', what: 'page' } }, `the TLB's translation through the entry ${p.name}: the page it cached (0: none)`);
    // Only a model that issues a TLBI without its DSB has invalidations pending.
    if (cx.usedOps.has(TLBI_ISSUE)) {
      for (const p of ptes(cx)) {
        for (let k = 0; k < issuerBytes(cx.cpus); k++) {
          fa.addCpu(issuerField(p.name, k, cx.cpus), ISSUERS, `the CPUs ${8 * k}..${8 * k + 7} whose TLBI of the translation through ${p.name} is issued here and not yet complete (a bitmask)`);
        }
      }
      for (const t of tables(cx)) {
        for (let k = 0; k < issuerBytes(cx.cpus); k++) {
          fa.addCpu(issuerField(`psc.${t.name}`, k, cx.cpus), ISSUERS, `the CPUs ${8 * k}..${8 * k + 7} whose walk-cache invalidation of the pointer to ${t.name} is issued here and not yet complete (a bitmask)`);
        }
      }
    }
  },
  ops: (rt) => mmuOps(rt),
  queries: (rt) => {
    const ops = mmuOps(rt);
    return { __tlb_cached: ops['__tlb_cached']! };
  },
  events: (rt) => [...mmuEvents(rt), ...tlbiEvents(rt)],
  init: () => {},
  touches: (cx) => new Set([...tables(cx), ...pages(cx), ...slots(cx)].map((o) => o.id)),
  flushCpu: (rt) => {
    const v = view(rt);
    return (s, cpu) => clearCpu(rt, v, s, cpu);
  },
};

/** Empties a CPU's TLB and paging-structure caches (an invalidation pending on an entry goes with it). */
function clearCpu(rt: HwRuntime, v: MmuView, s: State, cpu: number): void {
  const b = rt.base(cpu);
  for (const p of v.psc) clearEntry(s, b, p);
  for (const t of v.tlb) clearEntry(s, b, t);
}

/** A cached entry (a translation, or a paging-structure pointer) and the invalidations pending on it. */
interface Cached {
  readonly field: number;
  readonly pending: readonly number[];
}

/** Drops one cached entry, and the invalidation pending on it (it has nothing left to do). */
function clearEntry(s: State, b: number, t: Cached): void {
  s[b + t.field] = 0;
  for (const f of t.pending) s[b + f] = 0;
}

/** Is an invalidation of the entry pending on the CPU whose block starts at `b` (issued by anyone; by `issuer` if given)? */
function isPending(s: State, b: number, t: Cached, issuer?: number): boolean {
  if (issuer !== undefined) return t.pending.length > 0 && (s[b + t.pending[issuer >> 3]!]! & (1 << (issuer & 7))) !== 0;
  return t.pending.some((f) => s[b + f] !== 0);
}

/** Marks the entry's invalidation issued by `issuer` pending on the CPU whose block starts at `b`, if it caches the entry. */
function markPending(s: State, b: number, t: Cached, issuer: number): void {
  if (t.pending.length === 0 || s[b + t.field] === 0) return;
  const f = b + t.pending[issuer >> 3]!;
  s[f] = s[f]! | (1 << (issuer & 7));
}

/** The issuing CPU's DSB (TLBSYNC): every invalidation it issued completes, on every CPU. */
function completeIssuedBy(rt: HwRuntime, v: MmuView, s: State, issuer: number): void {
  for (let c = 0; c < rt.cpus; c++) {
    const b = rt.base(c);
    for (const t of v.tlb) if (isPending(s, b, t, issuer)) clearEntry(s, b, t);
    for (const p of v.psc) if (isPending(s, b, p, issuer)) clearEntry(s, b, p);
  }
}

interface MmuView {
  readonly cr3: number;
  /** Last-level entries: the CPU field caching each, the entry's byte and pointer value. */
  readonly tlb: readonly { readonly obj: ObjectDecl; readonly field: number; readonly slotByte: number; readonly ptr: number; readonly pending: readonly number[] }[];
  /** The address of `init_mm` (-1 if the model has none): kernel mappings only. */
  readonly initMm: number;
  /** Page-table pages: the CPU field caching the pointer to each, and the invalidations of it pending. */
  readonly psc: readonly { readonly obj: ObjectDecl; readonly field: number; readonly stateByte: number; readonly ptr: number; readonly pending: readonly number[] }[];
  readonly slotBytes: readonly number[];
  readonly pageState: ReadonlyMap<number, number>;
}

/** The issuer bytes of an entry's pending invalidations (none in a model that issues no TLBI without its DSB). */
function pendingFields(rt: HwRuntime, name: string): number[] {
  return rt.usedOps.has(TLBI_ISSUE) ? pendingFieldNames(name, rt.cpus).map((n) => rt.c(n)) : [];
}

function view(rt: HwRuntime): MmuView {
  const init = rt.sym.objectByName.get('init_mm');
  return {
    cr3: rt.c('cr3'),
    initMm: init === undefined ? -1 : rt.addrs.ofObject(init.id, null),
    psc: tables(rt).map((t) => ({ obj: t, field: rt.c(`psc.${t.name}`), stateByte: rt.objectByte(t.id, 0, 0), ptr: rt.addrs.ofObject(t.id, null), pending: pendingFields(rt, `psc.${t.name}`) })),
    tlb: ptes(rt).map((p) => ({ obj: p, field: rt.c(`tlb.${p.name}`), slotByte: rt.objectByte(p.id, 0, 0), ptr: rt.addrs.ofObject(p.id, null), pending: pendingFields(rt, p.name) })),
    slotBytes: slots(rt).map((s) => rt.objectByte(s.id, 0, 0)),
    pageState: new Map(pages(rt).map((p) => [rt.addrs.ofObject(p.id, null), rt.objectByte(p.id, 0, 0)])),
  };
}

function mmuOps(rt: HwRuntime): Record<string, HwOp> {
  const v = view(rt);
  const hazard = (name: keyof typeof HAZARDS): number => rt.props.intern(HAZARDS[name].name, HAZARDS[name].doc, null);
  const freedTable = hazard('freedTable');
  const staleTlb = hazard('staleTlb');
  const hugeBeforeCopy = hazard('hugeBeforeCopy');
  const clearAll = (s: State, cpu: number): void => clearCpu(rt, v, s, cpu);
  /** One entry's translation on a CPU (INVLPG of its address; and the walk caches above it). */
  const clearSlot = (s: State, cpu: number, ptr: number): void => {
    const b = rt.base(cpu);
    const t = v.tlb.find((x) => x.ptr === ptr);
    if (t === undefined) return clearAll(s, cpu);
    clearEntry(s, b, t);
    for (const p of v.psc) clearEntry(s, b, p);
  };
  /** Last-level translations only: the entry's (every entry's if `ptr` names none). */
  const clearLeaf = (s: State, cpu: number, ptr: number): void => {
    const b = rt.base(cpu);
    const own = v.tlb.find((t) => t.ptr === ptr);
    for (const t of own === undefined ? v.tlb : [own]) clearEntry(s, b, t);
  };
  const tableOf = (ptr: number) => v.psc.find((p) => p.ptr === ptr);
  const setState = (state: number) => ({
    run: (x: { s: State }, [ptr]: readonly number[]) => {
      const t = tableOf(ptr ?? -1);
      if (t !== undefined) x.s[t.stateByte] = state;
      return 0;
    },
  });
  return {
    load_cr3: {
      run: (x, [mm]) => {
        x.s[rt.base(x.cpu) + v.cr3] = mm ?? 0;
        // Without PCID a CR3 write flushes everything; with it, the entries of the PCID it loads.
        if (!rt.arch.pcid || userMmLoaded(v, x.s, x.cpu, rt)) clearAll(x.s, x.cpu);
        return 0;
      },
    },
    load_cr3_noflush: {
      run: (x, [mm]) => {
        x.s[rt.base(x.cpu) + v.cr3] = mm ?? 0;
        return 0;
      },
    },
    flush_tlb_local: {
      run: (x) => {
        // The current PCID's entries: the user mm's only while it is loaded.
        if (userMmLoaded(v, x.s, x.cpu, rt)) clearAll(x.s, x.cpu);
        return 0;
      },
    },
    flush_tlb_all: {
      run: (x) => {
        clearAll(x.s, x.cpu);
        return 0;
      },
    },
    __flush_tlb_mask: {
      run: (x, args) => {
        const ptr = args[rt.cpus] ?? 0;
        for (let c = 0; c < rt.cpus; c++) if (args[c] !== 0) clearSlot(x.s, c, ptr);
        return 0;
      },
    },
    __flush_tlb_broadcast: {
      run: (x, [ptr]) => {
        // Its DSB (TLBSYNC, tlbsync) completes what this CPU issued before too.
        completeIssuedBy(rt, v, x.s, x.cpu);
        for (let c = 0; c < rt.cpus; c++) {
          if (ptr === undefined || ptr === 0) clearAll(x.s, c);
          else clearSlot(x.s, c, ptr);
        }
        return 0;
      },
    },
    __flush_tlb_broadcast_leaf: {
      run: (x, [ptr]) => {
        completeIssuedBy(rt, v, x.s, x.cpu);
        for (let c = 0; c < rt.cpus; c++) clearLeaf(x.s, c, ptr ?? 0);
        return 0;
      },
    },
    __tlbi_issue: {
      run: (x, [ptr, walk]) => {
        const own = v.tlb.find((t) => t.ptr === ptr);
        for (let c = 0; c < rt.cpus; c++) {
          const b = rt.base(c);
          for (const t of own === undefined ? v.tlb : [own]) markPending(x.s, b, t, x.cpu);
          // Of the walk caches too (arm64 VAE1IS, ASIDE1IS; INVLPGB without FINAL_ONLY): whole, as a flush of an address drops them.
          if (walk !== undefined && walk !== 0) for (const p of v.psc) markPending(x.s, b, p, x.cpu);
        }
        return 0;
      },
    },
    __tlbi_sync: {
      run: (x) => {
        completeIssuedBy(rt, v, x.s, x.cpu);
        return 0;
      },
    },
    flush_tlb_slot: {
      run: (x, [ptr]) => {
        // INVLPG: of the current PCID, so the user mm's entries only while it is loaded.
        if (userMmLoaded(v, x.s, x.cpu, rt)) clearSlot(x.s, x.cpu, ptr ?? 0);
        return 0;
      },
    },
    __tlb_cached: {
      run: (x, [ptr]) => {
        const t = v.tlb.find((e) => e.ptr === ptr);
        return t === undefined ? 0 : x.s[rt.base(x.cpu) + t.field]!;
      },
    },
    __page_free: {
      run: (x, [ptr]) => {
        const b = v.pageState.get(ptr ?? -1);
        if (b !== undefined) x.s[b] = PAGE.freed;
        return 0;
      },
    },
    __pt_read: {
      run: (x, [ptr]) => {
        const t = tableOf(ptr ?? -1);
        if (t !== undefined && x.s[t.stateByte] !== PT.live) rt.violate(x.s, freedTable);
        return 0;
      },
    },
    __pt_free: setState(PT.freed),
    __pt_deposit: setState(PT.deposited),
    __pt_give_to_other_mm: setState(PT.otherMm),
    __page_fill: {
      run: (x, [ptr]) => {
        const b = v.pageState.get(ptr ?? -1);
        if (b !== undefined) x.s[b] = PAGE.filled;
        return 0;
      },
    },
    __user_access: {
      run: (x, [target]) => {
        const b = rt.base(x.cpu);
        // Only a CPU running the user mm reaches its memory (in init_mm: nothing to access).
        if (!userMmLoaded(v, x.s, x.cpu, rt)) return 0;
        const pte = v.tlb.find((t) => t.ptr === target);
        if (pte !== undefined) {
          // An access at the entry's address: the TLB's translation if it has one, else a walk.
          const cached = x.s[b + pte.field]!;
          // A walk finds a translation only in an entry that maps a page (a swap entry maps none: the access faults).
          const walked = x.s[pte.slotByte]!;
          const page = cached !== 0 ? cached : v.pageState.has(walked) ? walked : 0;
          const st = v.pageState.get(page);
          if (st !== undefined && x.s[st] === PAGE.freed) rt.violate(x.s, staleTlb);
          if (cached === 0 && page !== 0) x.s[b + pte.field] = page;
          return 0;
        }
        for (const p of v.psc) {
          if (x.s[b + p.field] !== 1) continue;
          const st = x.s[p.stateByte];
          if (st === PT.otherMm || st === PT.freed) rt.violate(x.s, freedTable);
          if (st === PT.deposited) rt.violate(x.s, staleTlb);
        }
        for (const sb of v.slotBytes) {
          const target = x.s[sb]!;
          const t = tableOf(target);
          if (t !== undefined && x.s[t.stateByte] === PT.live) x.s[b + t.field] = 1;
          const page = v.pageState.get(target);
          if (page !== undefined && x.s[page] === PAGE.empty) rt.violate(x.s, hugeBeforeCopy);
        }
        return 0;
      },
    },
  };
}

/** A pending invalidation completes whenever the hardware likes (it must by the issuer's DSB or TLBSYNC). */
function tlbiEvents(rt: HwRuntime): Step[] {
  const v = view(rt);
  const source = 'spec: Arm ARM D8.13 (TLB maintenance completes at any time, and by the DSB of the PE that issued it at the latest) | spec: AMD APM vol. 3, INVLPGB and TLBSYNC (the same, by the issuer\'s TLBSYNC)';
  const event = (t: Cached, name: string, text: string): Step => ({
    name,
    source,
    text,
    ignoresRunnable: true,
    enabled: (s: State, cpu: number) => isPending(s, rt.base(cpu), t),
    run: (s: State, cpu: number) => clearEntry(s, rt.base(cpu), t),
  });
  return [
    ...v.tlb.filter((t) => t.pending.length > 0).map((t) => event(t, `TLBI completes: ${t.obj.name}`, `(the TLBI of the translation through ${t.obj.name} completes here)`)),
    ...v.psc.filter((p) => p.pending.length > 0).map((p) => event(p, `TLBI completes: walk cache ${p.obj.name}`, `(the walk-cache invalidation of the pointer to ${p.obj.name} completes here)`)),
  ];
}

/** The CPU's cr3 holds a user mm (not 0, not init_mm): its walks reach the model's slots. */
function userMmLoaded(v: MmuView, s: State, cpu: number, rt: HwRuntime): boolean {
  const mm = s[rt.base(cpu) + v.cr3];
  return mm !== 0 && mm !== v.initMm;
}

/** Speculative walks of every CPU whose MMU has an mm loaded. */
function mmuEvents(rt: HwRuntime): Step[] {
  const v = view(rt);
  const freedTable = rt.props.intern(HAZARDS.freedTable.name, HAZARDS.freedTable.doc, null);
  const loaded = (s: State, cpu: number): boolean => userMmLoaded(v, s, cpu, rt);
  const running = rt.running;
  const out: Step[] = [];
  for (const t of v.tlb) {
    out.push({
      name: `page walk: cache ${t.obj.name}`,
      source: 'spec: Intel SDM vol. 3A 4.10.2 (the TLB may cache any translation the paging structures give, also speculatively)',
      text: `hardware walk caches the translation through ${t.obj.name}`,
      ignoresRunnable: true,
      // Only an entry that maps a page gives a translation (a swap entry or a none entry does not).
      enabled: (s, cpu) => s[rt.base(cpu) + t.field] === 0 && v.pageState.has(s[t.slotByte]!) && loaded(s, cpu) && running(s, cpu),
      run: (s, cpu) => {
        s[rt.base(cpu) + t.field] = s[t.slotByte]!;
      },
    });
  }
  for (const p of v.psc) {
    const linkedLive = (s: State): boolean => s[p.stateByte] === PT.live && v.slotBytes.some((b) => s[b] === p.ptr);
    out.push({
      name: `page walk: cache ${p.obj.name}`,
      source: 'spec: Intel SDM vol. 3A 4.10.2-4.10.3 (any walk may fill the TLB and the paging-structure caches, also speculatively)',
      text: `hardware walk caches the pointer to ${p.obj.name} and the translations through it`,
      ignoresRunnable: true,
      enabled: (s, cpu) => s[rt.base(cpu) + p.field] === 0 && loaded(s, cpu) && running(s, cpu) && linkedLive(s),
      run: (s, cpu) => {
        s[rt.base(cpu) + p.field] = 1;
      },
    });
    out.push({
      name: `speculative walk via ${p.obj.name}`,
      source: 'spec: Intel SDM vol. 3A 4.10.3 (walks through paging-structure caches may be speculative) | arch/x86/mm/tlb.c: native_flush_tlb_multi() (freed tables: lazy CPUs must be flushed too)',
      text: `speculative walk through the cached pointer: READ(${p.obj.name}[pte]) of a freed page`,
      ignoresRunnable: true,
      enabled: (s, cpu) => s[rt.base(cpu) + p.field] === 1 && loaded(s, cpu) && running(s, cpu) && s[p.stateByte] === PT.freed,
      run: (s) => rt.violate(s, freedTable),
    });
  }
  return out;
}
