/**
 * Calls into the hardware and runtime (src/cmodel/hardware/): each lowers to one `hw`
 * instruction naming the action; the hardware part that provides it gives its semantics.
 */
import type { BuiltinTable } from './table.js';

export const hardwareBuiltins: BuiltinTable = {};
