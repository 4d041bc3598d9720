/**
 * The judge of the corpus: every committed counterexample replays, step by step, to the
 * violation of the property it names, on the model it was found on (same fingerprint); and
 * every configuration the matrix finds violated has its file here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCGrammar } from '../src/c/grammar.js';
import { replayFile, loadCounterexample } from '../src/cli/replay-cmd.js';

const dir = 'counterexamples';
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('counterexample corpus', () => {
  // The C models' counterexamples (models/*.c) replay on the compiled model.
  beforeAll(async () => {
    await loadCGrammar();
  });
  it('is not empty', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const f of files) {
    it(`${f} replays to its violation`, () => {
      const path = join(dir, f);
      const cx = loadCounterexample(path);
      const { result, outcome } = replayFile(path);
      expect(result.fingerprintMatches).toBe(true);
      expect(outcome.outcome).toBe('violated');
      if (outcome.outcome !== 'violated') return;
      expect(outcome.property).toBe(cx.property);
      expect(outcome.steps.length).toBe(cx.trace.length);
    });
  }
});
