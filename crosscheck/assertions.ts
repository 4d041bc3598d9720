/**
 * Which property each assertion of the Promela models stands for, keyed by the assertion's
 * expression as pan prints it (after the C preprocessor, whitespace removed). An assertion
 * that is not listed maps to no property, which the comparator reports as a disagreement.
 */
export interface AssertionMeaning {
  readonly property: string;
  /** What the assertion checks, for the report. */
  readonly label: string;
}

const ASSERTIONS: Readonly<Record<string, Readonly<Record<string, AssertionMeaning>>>> = {
  'mmu-gather': {
    'tstate<2': { property: 'no-walker-reads-freed-table', label: 'P1: GUP-fast read a retired table' },
    'tstate!=3': { property: 'no-walker-reads-freed-table', label: 'P1b: MMU walked a cached pointer into a reused/freed table' },
  },
  'eqs-kick': {
    '!(kicked)||isync[me]': { property: 'no-stale-text-after-sync', label: 'patched site run without context sync after the kick returned' },
  },
};

export function assertionMeaning(scenario: string, expression: string): AssertionMeaning | null {
  return ASSERTIONS[scenario]?.[expression.replace(/\s+/g, '')] ?? null;
}
