/**
 * The value types of a C model. Every value is a small integer held in one state byte, so
 * every type has a finite domain the reviewer can see:
 *
 * - integers: `int`/`long` (signed: -128..127), `unsigned ...`/`u8`..`u64` (0..255), `bool`
 *   (0..1), narrowed with `__range(lo, hi)` before the declaration; a value that leaves its
 *   domain at run time is a reported violation (`value-in-domain`), never a wrap-around;
 * - enums: their enumerators;
 * - symbolic pointers: NULL or the address of a declared object (`&T`, `per_cpu_ptr(&x, cpu)`),
 *   or of a function (`smp_call_func_t`): the pointer names an object, it holds no address;
 * - `cpumask_t` / `struct cpumask`: one bit per CPU, stored with the CPUs (symmetry-friendly);
 * - structs: their fields, each a location of its own;
 * - the hardware's own objects (`pte_table_t`, `struct page`): see
 *   ./hardware/.
 */

export type IntType = { readonly kind: 'int'; readonly name: string; readonly lo: number; readonly hi: number };

export type CType =
  | IntType
  | { readonly kind: 'enum'; readonly name: string; readonly members: readonly string[]; readonly values: readonly number[] }
  /** A symbolic pointer; `entry` marks a page-table entry type (pmd_t, pud_t, pte_t). */
  | { readonly kind: 'pointer'; readonly to: CType; readonly entry?: 'pgd' | 'pud' | 'pmd' | 'pte' }
  | { readonly kind: 'function' }
  | { readonly kind: 'struct'; readonly name: string; readonly fields: readonly StructField[] }
  /** `T a[n]`; `length` is NR_CPUS_LENGTH for an array indexed by CPU number. */
  | { readonly kind: 'array'; readonly elem: CType; readonly length: number }
  | { readonly kind: 'cpumask' }
  | { readonly kind: 'void' }
  /** Hardware objects the tool supplies: a page-table page, a data page, an instruction site. */
  | { readonly kind: 'hw'; readonly what: HwObject };

export type HwObject = 'page_table' | 'page' | 'insn';

/** Life cycle of a page-table page (the hardware's state, set by the prelude's built-ins). */
export const PT_STATE: CType = { kind: 'enum', name: 'pt_state', members: ['PT_LIVE', 'PT_DEPOSITED', 'PT_OTHER_MM', 'PT_FREED'], values: [0, 1, 2, 3] };
/** A data page: not yet filled (a huge page before the collapse copy), filled, freed. */
export const PAGE_STATE: CType = { kind: 'enum', name: 'page_state', members: ['PAGE_EMPTY', 'PAGE_FILLED', 'PAGE_FREED'], values: [0, 1, 2] };

export interface StructField {
  readonly name: string;
  readonly type: CType;
}

/** The length of an array declared `[NR_CPUS]`: indexed by CPU number (./storage.ts). */
export const NR_CPUS_LENGTH = -1;

export function arrayOf(elem: CType, length: number | null): CType {
  return length === null ? elem : { kind: 'array', elem, length };
}

export const BOOL: IntType = { kind: 'int', name: 'bool', lo: 0, hi: 1 };
export const INT: IntType = { kind: 'int', name: 'int', lo: -128, hi: 127 };
export const UINT: IntType = { kind: 'int', name: 'unsigned int', lo: 0, hi: 255 };
export const VOID: CType = { kind: 'void' };

/** Integer types by the names the kernel writes. */
export function integerType(base: string): IntType | null {
  const b = base.replace(/\s+/g, ' ').trim();
  if (b === 'bool' || b === '_Bool') return BOOL;
  if (/^(u8|u16|u32|u64|__u8|__u16|__u32|__u64|size_t|uintptr_t|uint8_t|uint16_t|uint32_t|uint64_t|phys_addr_t|pgoff_t)$/.test(b)) return { ...UINT, name: b };
  if (/^(s8|s16|s32|s64|ssize_t|intptr_t|int8_t|int16_t|int32_t|int64_t|long long|long|short|signed char|char|int|signed|signed int|long int|short int|signed long|long long int)$/.test(b)) return { ...INT, name: b };
  if (/^unsigned( (char|short|int|long|long long|long int|short int))?$/.test(b)) return { ...UINT, name: b };
  return null;
}

/** The number of distinct values a type's storage takes (one byte holds it). */
export function domainSize(t: CType): number {
  switch (t.kind) {
    case 'int':
      return t.hi - t.lo + 1;
    case 'enum':
      return t.values.length;
    default:
      return 256;
  }
}

/**
 * Encodes a value into its storage byte, or null if it is outside the type's domain. A zeroed
 * state holds value 0 everywhere, as C's zero-initialised memory does: non-negative domains
 * store the value itself, signed ones its two's complement byte, enums their value.
 */
export function encode(t: CType, v: number): number | null {
  switch (t.kind) {
    case 'int':
      return v < t.lo || v > t.hi || !Number.isInteger(v) ? null : v & 0xff;
    case 'enum':
      return t.values.includes(v) ? v & 0xff : null;
    default:
      return Number.isInteger(v) && v >= 0 && v <= 255 ? v : null;
  }
}

/** Decodes a storage byte into the value it stands for. */
export function decode(t: CType, b: number): number {
  if (t.kind === 'int' && t.lo < 0) return b >= 128 ? b - 256 : b;
  if (t.kind === 'enum' && Math.min(...t.values) < 0) return b >= 128 ? b - 256 : b;
  return b;
}

/**
 * `decode(t, ·)` with the type's case decided once: what a compiled load calls on every run
 * (an enum's smallest value is not searched again per access).
 */
export function decoderOf(t: CType): (b: number) => number {
  return storedSigned(t) ? (b) => (b >= 128 ? b - 256 : b) : (b) => b;
}

/** Whether a location of this type holds a signed byte (a value below 0 is stored as 256 + v). */
export function storedSigned(t: CType): boolean {
  return (t.kind === 'int' && t.lo < 0) || (t.kind === 'enum' && Math.min(...t.values) < 0);
}

/** `encode(t, ·)` with the type's case decided once (an enum's values as a set). */
export function encoderOf(t: CType): (v: number) => number | null {
  switch (t.kind) {
    case 'int': {
      const lo = t.lo;
      const hi = t.hi;
      return (v) => (v < lo || v > hi || !Number.isInteger(v) ? null : v & 0xff);
    }
    case 'enum': {
      const values = new Set(t.values);
      return (v) => (values.has(v) ? v & 0xff : null);
    }
    default:
      return (v) => (Number.isInteger(v) && v >= 0 && v <= 255 ? v : null);
  }
}

/** Domains must fit one byte: [0, 255] or, with negative values, [-128, 127]. */
export function fitsByte(lo: number, hi: number): boolean {
  return lo >= 0 ? hi <= 255 : lo >= -128 && hi <= 127;
}

export function typeName(t: CType): string {
  switch (t.kind) {
    case 'int':
      return t.name;
    case 'enum':
      return `enum ${t.name}`;
    case 'pointer':
      return `${typeName(t.to)} *`;
    case 'function':
      return 'function pointer';
    case 'struct':
      return `struct ${t.name}`;
    case 'array':
      return `${typeName(t.elem)}[${t.length === NR_CPUS_LENGTH ? 'NR_CPUS' : t.length}]`;
    case 'cpumask':
      return 'cpumask_t';
    case 'void':
      return 'void';
    case 'hw':
      return t.what === 'page_table' ? 'pte_table_t' : t.what === 'page' ? 'struct page' : t.what === 'insn' ? 'kernel_insn_t' : 'struct mm_struct';
  }
}

/** Scalars fit one byte; structs and cpumasks are several locations. */
export function isScalar(t: CType): boolean {
  return t.kind === 'int' || t.kind === 'enum' || t.kind === 'pointer' || t.kind === 'function';
}
