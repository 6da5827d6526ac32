#!/usr/bin/env node
// netprog-traced <command> [args...]: runs a command (a test suite) under strace, once, so that a
// check at its end can read where every process connected (src/strace/run-traced.ts). Plain
// JavaScript only to make TypeScript loadable first (@netprog/run-ts): the work is in TypeScript.
await import('@netprog/run-ts/register');
const { runTraced } = await import('../src/strace/run-traced.ts');
const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('netprog-traced: give the command to run, e.g. `netprog-traced vitest run`');
  process.exit(2);
}
process.exitCode = await runTraced(command, args);
