/**
 * P's page-table lock (the split PTE lock in T's ptdesc), taken and released by the PTL holders
 * of the batched-unmap model (reclaim's rmap walk, change_pte_range()). Kernel:
 * include/linux/mm.h pte_offset_map_lock() / pte_unmap_unlock(), spin_lock(ptl).
 */
import type { Step } from '../core/model.js';
import { Ptl, type BatchLayout } from './batched-unmap-state.js';

type Holder = Exclude<(typeof Ptl)[keyof typeof Ptl], typeof Ptl.free>;

/** The step that takes the PTL for `holder`: waits until it is free. */
export function ptlLock(L: BatchLayout, holder: Holder, name: string, source: string, text: string): Step {
  return {
    name,
    source,
    text,
    enabled: (s) => s[L.g.ptl] === Ptl.free,
    run: (s) => {
      s[L.g.ptl] = holder;
    },
  };
}

/** The step that releases the PTL. */
export function ptlUnlock(L: BatchLayout, name: string, source: string): Step {
  return {
    name,
    source,
    text: 'spin_unlock(ptl)',
    run: (s) => {
      s[L.g.ptl] = Ptl.free;
    },
  };
}
