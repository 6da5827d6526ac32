#!/usr/bin/env node
// `pnpm lab` starts here (the root package.json's `lab` script). It is JavaScript, not
// TypeScript, because its one job must happen before TypeScript can run: when the command line
// may grade, it starts the grading process first (src/grade/grading-process.mjs), and only then
// makes TypeScript loadable (@netprog/run-ts) and loads the CLI (src/cli/main.ts), which takes
// that process over. Loading the CLI and finding the lab take a few tenths of a second; vitest
// needs about 0.6 s before it reads what to grade. Done one after the other, that is time spent
// waiting; done at once, on two cores, it is hidden (packages/lab/README.md, "Performance").
import { startEarly } from '../src/grade/grading-process.mjs';

startEarly(process.argv.slice(2));
await import('@netprog/run-ts/register');
const { runFromCommandLine } = await import('../src/cli/main.ts');
await runFromCommandLine();
