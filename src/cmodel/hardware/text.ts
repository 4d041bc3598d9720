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
 */
import type { State } from '../../core/model.js';
import type { ObjectDecl } from '../symbols.js';
import { UINT } from '../types.js';
import type { HardwarePart, HwContext, HwRuntime } from './hardware.js';

export const TEXT_OPS = ['context_sync', '__exception_entry', '__exception_return', '__insn_fetch'] as const;

const sites = (cx: HwContext): ObjectDecl[] => cx.sym.objects.filter((o) => o.type.kind === 'hw' && o.type.what === 'insn');

export const textPart: HardwarePart & { readonly contextSync: (rt: HwRuntime) => (s: State, cpu: number) => void } = {
  name: 'text',
  present: (cx) => sites(cx).length > 0,
  allocate: (cx, fa) => {
    for (const o of sites(cx)) fa.addCpu(`icache.${o.name}`, UINT, `the instruction this CPU's instruction stream holds for ${o.name}`);
  },
  ops: (rt) => {
    const sync = textPart.contextSync(rt);
    const entrySyncs = rt.arch.exceptionEntrySyncsContext;
    const byPtr = new Map(sites(rt).map((o) => [rt.addrs.ofObject(o.id, null), rt.c(`icache.${o.name}`)]));
    return {
      context_sync: { run: (x) => (sync(x.s, x.cpu), 0) },
      __exception_entry: { run: (x) => (entrySyncs ? sync(x.s, x.cpu) : undefined, 0) },
      __exception_return: { run: (x) => (sync(x.s, x.cpu), 0) },
      __insn_fetch: {
        run: (x, [ptr]) => {
          const f = byPtr.get(ptr ?? -1);
          return f === undefined ? 0 : x.s[rt.base(x.cpu) + f]!;
        },
      },
    };
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
