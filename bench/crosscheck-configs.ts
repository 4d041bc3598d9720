/**
 * Which Promela model stands for which scenario, and the `#define` switches that select a
 * variant and a configuration in it (null: the Promela model does not cover that variant).
 * The switches describe what each patch changes, as the variant files' doc comments do; the
 * verdicts come from the SPIN runs.
 */
export interface PromelaConfig {
  readonly scenario: string;
  readonly file: string;
  readonly cpus: number;
  readonly capSeconds: number;
  readonly defines: (variant: string, arch: string) => readonly string[] | null;
}

/** eqs-kick under SC: the no-mb and atomic-inc variants are the posted v2 4/5 there. */
const EQS_KICK_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  baseline: [],
  'skip-eqs-no-isb': ['SKIP_EQS'],
  'skip-eqs-isb-before-exit': ['SKIP_EQS', 'ISB_BEFORE'],
  'skip-eqs-isb-after-exit': ['SKIP_EQS', 'ISB_AFTER'],
  'skip-eqs-patched-entry-text': ['SKIP_EQS', 'ISB_AFTER', 'ENTRY_TEXT'],
  'skip-eqs-no-mb': ['SKIP_EQS', 'ISB_AFTER'],
  'skip-eqs-atomic-inc': ['SKIP_EQS', 'ISB_AFTER'],
  'skip-eqs-atomic-inc-mb': ['SKIP_EQS', 'ISB_AFTER'],
};

const lookup = (table: Readonly<Record<string, readonly string[]>>, key: string): readonly string[] | null =>
  Object.prototype.hasOwnProperty.call(table, key) ? (table[key] ?? null) : null;

const MMU_GATHER_ARCH: Readonly<Record<string, readonly string[]>> = {
  'x86-native': ['NATIVE'],
  'x86-kvm-pv': ['KVM_PV'],
  'x86-hyperv': ['HYPERV'],
  'x86-xen': ['XEN'],
  'x86-invlpgb': ['INVLPGB'],
  arm64: ['ARM64'],
  powerpc: ['POWERPC'],
};

/**
 * Where each patch makes tlb_table_flush_implies_ipi_broadcast() true: Lance Yang v8 2/2 as
 * posted (pv_ops flush is native_flush_tlb_multi and no INVLPGB: bare-metal x86 only), any
 * IPI-based flush (native and KVM's PV flush), or everywhere.
 */
const hookAsPosted = (arch: string): boolean => arch === 'x86-native';
const hookAnyIpiFlush = (arch: string): boolean => arch === 'x86-native' || arch === 'x86-kvm-pv';

function mmuGatherVariant(variant: string, arch: string): readonly string[] | null {
  const hook = (on: boolean): string[] => (on ? ['HOOK'] : []);
  switch (variant) {
    case 'baseline':
      return [];
    case 'skip-sync':
      return hook(true);
    case 'skip-sync-any-ipi-flush':
      return hook(hookAnyIpiFlush(arch));
    case 'skip-sync-as-posted':
      return hook(hookAsPosted(arch));
    case 'skip-sync-lazy-not-woken':
      return [...hook(hookAsPosted(arch)), 'LAZY_NOT_WOKEN'];
    case 'skip-sync-no-preceding-flush':
      return [...hook(hookAsPosted(arch)), 'NO_FLUSH'];
    case 'no-sync':
      return ['NO_SYNC'];
    default:
      return null;
  }
}

export const PROMELA_CONFIGS: readonly PromelaConfig[] = [
  {
    scenario: 'mmu-gather',
    file: 'mmu-gather.pml',
    cpus: 3,
    capSeconds: 60,
    defines: (variant, arch) => {
      const v = mmuGatherVariant(variant, arch);
      const a = lookup(MMU_GATHER_ARCH, arch);
      return v === null || a === null ? null : [...a, ...v];
    },
  },
  {
    scenario: 'eqs-kick',
    file: 'eqs-kick.pml',
    cpus: 3,
    capSeconds: 60,
    defines: (variant, arch) => {
      const v = lookup(EQS_KICK_VARIANTS, variant);
      return v === null ? null : [...v, ...(arch === 'arm64' ? ['ARM64'] : [])];
    },
  },
];
