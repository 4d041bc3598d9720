/**
 * The process entry of the CLI (bin/shootdown.mjs): loads the command line, which registers
 * every scenario and variant file, and runs it. A file that cannot be registered (a variant
 * named unlike its file, a module that does not load) is bad input: one line, exit 2.
 */
import { RegistryError } from './scenarios/module-files.js';

export async function runCli(argv: readonly string[]): Promise<number> {
  let main: typeof import('./cli.js').main;
  try {
    ({ main } = await import('./cli.js'));
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    process.stderr.write(`shootdown: ${e.message}\n`);
    return 2;
  }
  return main(argv);
}
