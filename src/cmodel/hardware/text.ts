/**
 * The instruction stream: kernel text a CPU may hold stale after another CPU patched it.
 * A text site is declared `kernel_insn_t site = OLD;` (one instruction). Each CPU fetches the
 * site from its own copy (`icache.site`), which takes the value in memory only at a context
 * synchronisation event on that CPU: `isb()` (arm64), `isync()` (powerpc), `sync_core()`
 * (x86), exception return (`__exception_return()`, and the end of every interrupt handler), and
 * exception entry (`__exception_entry()`, the start of every interrupt handler) where the
 * configuration says entry synchronises (`exceptionEntrySyncsContext`: arm64, powerpc).
 * `__insn_fetch(&site)` gives the instruction this CPU executes there. A patch is an ordinary
 * store to the site (under tso/weak it may sit in the patcher's store buffer).
 *
 * `__insn_retire(&site, OLD)` is the patcher's promise once its sync returned (the caller frees
 * the old code, or relies on every CPU taking the new path): from then on a CPU that executes
 * OLD at the site violates `no-stale-text-after-sync`. Witnesses may read `__insn_fetch(&site)`
 * (what that CPU would execute) without executing it.
 */
import type { State } from '../../core/model.js';
import type { Frame } from '../exec/frame.js';
import type { ObjectDecl } from '../symbols.js';
import { UINT } from '../types.js';
import type { HardwarePart, HwContext, HwRuntime } from './hardware.js';

export const TEXT_OPS = ['context_sync', '__exception_entry', '__exception_return', '__insn_fetch', '__insn_retire'] as const;

const STALE_TEXT = {
  name: 'no-stale-text-after-sync',
  doc: 'no CPU executes an instruction the patcher retired after its sync returned (the new one must be in every instruction stream)',
};

const sites = (cx: HwContext): ObjectDecl[] => cx.sym.objects.filter((o) => o.type.kind === 'hw' && o.type.what === 'insn');
const retires = (cx: HwContext): boolean => cx.usedOps.has('__insn_retire');

/** Per site: its memory byte (how actions name it), this CPU's copy and the retired value (+1). */
function siteFields(rt: HwRuntime) {
  return sites(rt).map((o) => ({
    mem: rt.objectByte(o.id, 0, 0),
    icache: rt.c(`icache.${o.name}`),
    retired: retires(rt) ? rt.g(`retired.${o.name}`) : -1,
  }));
}

/** What the executing CPU's instruction stream holds at the site whose memory byte is `site`. */
function fetcher(rt: HwRuntime): (x: Frame, site: number) => { readonly f: ReturnType<typeof siteFields>[number]; readonly insn: number } | null {
  const bySite = new Map(siteFields(rt).map((f) => [f.mem, f]));
  return (x, site) => {
    const f = bySite.get(site);
    return f === undefined ? null : { f, insn: x.s[rt.base(x.cpu) + f.icache]! };
  };
}

export const textPart: HardwarePart & { readonly contextSync: (rt: HwRuntime) => (s: State, cpu: number) => void } = {
  name: 'text',
  present: (cx) => sites(cx).length > 0,
  allocate: (cx, fa) => {
    for (const o of sites(cx)) fa.addCpu(`icache.${o.name}`, UINT, `the instruction this CPU's instruction stream holds for ${o.name}`);
    if (retires(cx)) for (const o of sites(cx)) fa.addGlobal(`retired.${o.name}`, UINT, `the instruction retired at ${o.name} (+1; 0: none)`);
  },
  ops: (rt) => {
    const sync = textPart.contextSync(rt);
    const entrySyncs = rt.arch.exceptionEntrySyncsContext;
    const stale = retires(rt) ? rt.props.intern(STALE_TEXT.name, STALE_TEXT.doc, null) : 0;
    const read = fetcher(rt);
    return {
      context_sync: { run: (x) => (sync(x.s, x.cpu), 0) },
      __exception_entry: { run: (x) => (entrySyncs ? sync(x.s, x.cpu) : undefined, 0) },
      __exception_return: { run: (x) => (sync(x.s, x.cpu), 0) },
      __insn_fetch: {
        run: (x, _args, [site]) => {
          const got = read(x, site?.(x) ?? -1);
          if (got === null) return 0;
          if (got.f.retired >= 0 && x.s[got.f.retired] === got.insn + 1) rt.violate(x.s, stale);
          return got.insn;
        },
      },
      __insn_retire: {
        run: (x, [insn], [site]) => {
          const f = read(x, site?.(x) ?? -1)?.f;
          if (f !== undefined && f.retired >= 0) x.s[f.retired] = (insn ?? 0) + 1;
          return 0;
        },
      },
    };
  },
  queries: (rt) => {
    const read = fetcher(rt);
    return { __insn_fetch: { run: (x, _args, [site]) => read(x, site?.(x) ?? -1)?.insn ?? 0 } };
  },
  events: () => [],
  init: (rt, s) => {
    for (const o of sites(rt)) {
      const f = rt.c(`icache.${o.name}`);
      const mem = rt.objectByte(o.id, 0, 0);
      for (let c = 0; c < rt.cpus; c++) s[rt.base(c) + f] = s[mem]!;
    }
  },
  touches: (cx) => new Set(sites(cx).map((o) => o.id)),
  exceptionHooks: (rt) => {
    const sync = textPart.contextSync(rt);
    return { ...(rt.arch.exceptionEntrySyncsContext ? { entry: sync } : {}), exit: sync };
  },
  contextSync: (rt) => {
    const pairs = sites(rt).map((o) => [rt.objectByte(o.id, 0, 0), rt.c(`icache.${o.name}`)] as const);
    return (s, cpu) => {
      const b = rt.base(cpu);
      for (const [mem, f] of pairs) s[b + f] = s[mem]!;
    };
  },
};
