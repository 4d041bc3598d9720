/**
 * The hardware parts, in the order their fields are laid out. A part the model does not use
 * (none of its actions is called) adds no state.
 */
import type { HardwarePart, HwOpInfo } from './hardware.js';

export const HARDWARE_PARTS: readonly HardwarePart[] = [];

/** Static facts about every hardware action, by name. */
export const HW_OP_INFO: Readonly<Record<string, HwOpInfo>> = {};
