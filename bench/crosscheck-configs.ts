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

export const PROMELA_CONFIGS: readonly PromelaConfig[] = [
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
