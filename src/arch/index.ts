/** Every configuration, by name. */
import type { ArchConfig, ArchName } from './arch.js';
import { arm64 } from './arm64.js';
import { powerpc } from './powerpc.js';
import { x86Hyperv } from './x86-hyperv.js';
import { x86Invlpgb } from './x86-invlpgb.js';
import { x86KvmPv } from './x86-kvm-pv.js';
import { x86Native } from './x86-native.js';
import { x86Pcid } from './x86-pcid.js';
import { x86Xen } from './x86-xen.js';

export const ARCHES: Readonly<Record<ArchName, ArchConfig>> = {
  'x86-native': x86Native,
  'x86-pcid': x86Pcid,
  'x86-kvm-pv': x86KvmPv,
  'x86-hyperv': x86Hyperv,
  'x86-xen': x86Xen,
  'x86-invlpgb': x86Invlpgb,
  arm64,
  powerpc,
};

export const ARCH_NAMES = Object.keys(ARCHES) as ArchName[];

export function isArchName(s: string): s is ArchName {
  return (ARCH_NAMES as string[]).includes(s);
}
