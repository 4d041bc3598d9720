/**
 * The kernel configuration of each `--arch`, as a C model's code sees it: which CONFIG_ symbols
 * are set, which CPU features and which hypervisor are present. A symbol not in these tables
 * is refused, never taken as false. The hardware behaviour of each configuration (how a
 * hypercall flush reaches other CPUs, whether vCPUs are preempted) is in src/cmodel/hardware.
 */
import type { ArchConfig, ArchName } from '../../arch/arch.js';

interface KernelConfig {
  readonly configs: readonly string[];
  readonly features: readonly string[];
  readonly hypervisor: string | null;
  readonly kvmFeatures: readonly string[];
}

const X86 = ['CONFIG_X86', 'CONFIG_X86_64', 'CONFIG_SMP', 'CONFIG_ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH', 'CONFIG_MMU_GATHER_RCU_TABLE_FREE', 'CONFIG_PT_RECLAIM', 'CONFIG_TRANSPARENT_HUGEPAGE', 'CONFIG_HUGETLB_PMD_PAGE_TABLE_SHARING'];

const CONFIGS: Record<ArchName, KernelConfig> = {
  'x86-native': { configs: X86, features: [], hypervisor: null, kvmFeatures: [] },
  'x86-pcid': { configs: X86, features: ['X86_FEATURE_PCID'], hypervisor: null, kvmFeatures: [] },
  'x86-kvm-pv': { configs: [...X86, 'CONFIG_PARAVIRT', 'CONFIG_KVM_GUEST'], features: ['X86_FEATURE_HYPERVISOR'], hypervisor: 'X86_HYPER_KVM', kvmFeatures: ['KVM_FEATURE_PV_TLB_FLUSH', 'KVM_FEATURE_STEAL_TIME'] },
  'x86-hyperv': { configs: [...X86, 'CONFIG_PARAVIRT', 'CONFIG_HYPERV'], features: ['X86_FEATURE_HYPERVISOR'], hypervisor: 'X86_HYPER_MS_HYPERV', kvmFeatures: [] },
  'x86-xen': { configs: [...X86, 'CONFIG_PARAVIRT', 'CONFIG_XEN', 'CONFIG_XEN_PV'], features: ['X86_FEATURE_HYPERVISOR'], hypervisor: 'X86_HYPER_XEN_PV', kvmFeatures: [] },
  'x86-invlpgb': { configs: X86, features: ['X86_FEATURE_INVLPGB'], hypervisor: null, kvmFeatures: [] },
  arm64: { configs: ['CONFIG_ARM64', 'CONFIG_SMP', 'CONFIG_ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH', 'CONFIG_MMU_GATHER_RCU_TABLE_FREE', 'CONFIG_PT_RECLAIM', 'CONFIG_TRANSPARENT_HUGEPAGE', 'CONFIG_HUGETLB_PMD_PAGE_TABLE_SHARING', 'CONFIG_ARM64_TLB_RANGE'], features: [], hypervisor: null, kvmFeatures: [] },
  powerpc: { configs: ['CONFIG_PPC', 'CONFIG_PPC64', 'CONFIG_SMP', 'CONFIG_MMU_GATHER_RCU_TABLE_FREE', 'CONFIG_TRANSPARENT_HUGEPAGE', 'CONFIG_PPC_RADIX_MMU'], features: [], hypervisor: null, kvmFeatures: [] },
};

/** Every name these tables know of, set or not on some configuration. */
const KNOWN = {
  configs: new Set([...Object.values(CONFIGS).flatMap((c) => c.configs), 'CONFIG_PREEMPT', 'CONFIG_PREEMPT_RCU', 'CONFIG_CSD_LOCK_WAIT_DEBUG', 'CONFIG_NO_HZ_FULL', 'CONFIG_CONTEXT_TRACKING_WORK']),
  features: new Set(['X86_FEATURE_INVLPGB', 'X86_FEATURE_HYPERVISOR', 'X86_FEATURE_PCID', 'X86_FEATURE_PTI']),
  hypervisors: new Set(['X86_HYPER_KVM', 'X86_HYPER_MS_HYPERV', 'X86_HYPER_XEN_PV', 'X86_HYPER_XEN_HVM', 'X86_HYPER_VMWARE']),
  kvm: new Set(['KVM_FEATURE_PV_TLB_FLUSH', 'KVM_FEATURE_STEAL_TIME', 'KVM_FEATURE_PV_SEND_IPI']),
};

/** The value of a configuration test on `arch`, or null if the name is unknown. */
export function configValue(arch: ArchConfig, test: string, name: string): boolean | null {
  const c = CONFIGS[arch.name];
  switch (test) {
    case 'IS_ENABLED':
      return KNOWN.configs.has(name) ? c.configs.includes(name) : null;
    case 'cpu_feature_enabled':
    case 'boot_cpu_has':
      return KNOWN.features.has(name) ? c.features.includes(name) : null;
    case 'hypervisor_is_type':
      return KNOWN.hypervisors.has(name) ? c.hypervisor === name : null;
    case 'kvm_para_has_feature':
      return KNOWN.kvm.has(name) ? c.kvmFeatures.includes(name) : null;
    default:
      return null;
  }
}

/** For the language reference and `list`. */
export function configTable(): Readonly<Record<ArchName, KernelConfig>> {
  return CONFIGS;
}
