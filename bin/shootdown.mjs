#!/usr/bin/env node
// Entry point for `npx shootdown`: runs the compiled CLI (built by `npm ci` via the prepare script).
import { main } from '../dist/src/cli.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
