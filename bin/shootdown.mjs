#!/usr/bin/env node
// Entry point for `npx shootdown`: runs the compiled CLI (built by `npm ci` via the prepare script).
import { runCli } from '../dist/src/entry.js';

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await runCli(process.argv.slice(2));
