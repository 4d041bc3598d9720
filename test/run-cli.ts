/** The CLI run in-process for tests: its exit code, what it printed, and its stderr. */
import { vi } from 'vitest';
import { main } from '../src/cli.js';

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  try {
    return { code: await main(args, (s) => (out += s)), out, err };
  } finally {
    spy.mockRestore();
  }
}
