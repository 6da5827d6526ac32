// @ts-check
// `node --import @netprog/run-ts/register file.ts` runs the course's TypeScript in a plain Node
// process: what the tests start when they run an example, a lab's CLI or a Python twin's
// partner, and what `pnpm lab` starts with.
//
// Why not tsx, which readers use (`pnpm tsx file.ts`)? The result is the same, since both hand
// each file to esbuild with the same options (transform.mjs). But tsx's module hooks cost about
// 0.25 s of CPU each time a process starts, and the test suite starts about 200 processes on a
// two-core machine; these hooks cost about 0.05 s (README.md, "Why").
//
// JavaScript, not TypeScript: it is what makes TypeScript run, so it cannot need it.
import { register } from 'node:module';

// esbuild's output moves code to other lines; the inline source maps it writes put stack traces
// back on the lines of the .ts file, as tsx does.
process.setSourceMapsEnabled(true);
register('./hooks.mjs', import.meta.url);
