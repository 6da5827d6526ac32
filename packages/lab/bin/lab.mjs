#!/usr/bin/env node
// `pnpm lab` starts here (the root package.json's `lab` script). It is JavaScript, not
// TypeScript, because its one job must happen before TypeScript can run: when the command line
// may grade, it starts the grading process first (src/grade/grading-process.mjs), and only then
// loads tsx and the CLI (src/cli/main.ts), which takes that process over. Starting tsx takes about
// 0.3 s and the CLI another 0.1 s to find the lab; vitest needs about 0.6 s before it reads what
// to grade. Done one after the other, that is 0.4 s of a 4 s grading spent waiting; done at
// once, on two cores, it is hidden (packages/lab/README.md, "Performance").
import { startEarly } from '../src/grade/grading-process.mjs';

startEarly(process.argv.slice(2));
const { register } = await import('tsx/esm/api');
register();
const { runFromCommandLine } = await import('../src/cli/main.ts');
await runFromCommandLine();
