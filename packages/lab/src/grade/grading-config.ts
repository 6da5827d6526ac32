// The vitest configuration of a grading run. The grader starts vitest in its own process with
// `vitest run --config <this file>` and writes the request to its stdin (see run-vitest.ts for
// why a separate process, grading-process.mjs for how it starts). It is the lab's usual
// configuration (lab-vitest-config.mjs: loopback guard, the solutions alias) plus what grading
// needs: only the graded files, one fresh child process per file, our setup file and our
// reporter.
import { availableParallelism } from 'node:os';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { leakCheck } from '@netprog/testbed/vitest';
import type { ViteUserConfig } from 'vitest/config';
import { labVitestConfig } from '../lab-vitest-config.mjs';
import { REQUEST_ENV, readRequest } from './grading-request.ts';
import { importGuard } from './import-guard.ts';
import { gradingWorkers } from './limits.ts';
import { GradeReporter } from './reporter.ts';
import { type Alias, substituteAliases } from './substitutes.ts';
import type { WorkerContext } from './worker-setup.ts';

// testbed's SEED_ENV (@netprog/testbed/seed), written out: plain Node loads this bundled config's
// package imports, and cannot load that TypeScript module (test/wire-grading.test.ts checks the two agree).
const SEED_ENV = 'NETPROG_SEED';

/**
 * The configuration, made once the request has come on stdin. A function, not a module that
 * awaits the request at its top level: vite bundles this file to node_modules/.vite-temp,
 * imports the copy and deletes it, and only then calls the function, so a grading process
 * killed while it waits for its request (a spare nobody took) leaves no copy behind.
 */
export default async function gradingConfig(): Promise<ViteUserConfig> {
  const request = await readRequest(process.stdin);
  // Test processes inherit this environment and run exercise code: they get the request without
  // the key that seals the results (sealed-result.ts).
  const { resultKey: _sealOnly, ...shared } = request;
  process.env[REQUEST_ENV] = JSON.stringify(shared);
  // The process may have been started anywhere (grading-process.mjs); vitest starts the test
  // processes in its own working folder, and lab tests may read files relative to it.
  process.chdir(request.labDir);
  const base = labVitestConfig(pathToFileURL(request.labDir + sep), request.target);
  const timeouts = Object.fromEntries(
    request.files.map((f) => [
      `${request.labDir}${sep}${f.testFile.split('/').join(sep)}`,
      f.timeoutMs,
    ]),
  );
  // `--seed N`: every test process inherits it, so every fixture that draws random choices replays.
  if (request.seed !== undefined) process.env[SEED_ENV] = String(request.seed);
  const provided: WorkerContext = {
    heartbeatDir: request.heartbeatDir,
    timeouts,
    wire: request.wire && { labDir: request.labDir, ...request.wire, seed: request.seed },
  };
  // The repo-wide leak check stands aside when graded (worker-setup.ts does that job in words for
  // students), so it is not loaded at all: each test process is spared its modules.
  const setupFiles = [base.test?.setupFiles ?? []].flat().filter((file) => file !== leakCheck);

  return {
    ...base,
    root: request.labDir,
    // The lab's import rules on every import of a test process, dynamic ones included.
    plugins: request.imports
      ? [importGuard(request.labDir, request.imports, request.substitutes)]
      : [],
    resolve: {
      ...base.resolve,
      alias: [
        ...substituteAliases(request.labDir, request.substitutes),
        // labVitestConfig always gives an array (the solutions alias, or none).
        ...((base.resolve?.alias ?? []) as Alias[]),
      ],
    },
    test: {
      ...base.test,
      include: request.files.map((f) => f.testFile),
      watch: false,
      // One fresh child process per test file: whatever a student's code does to its process
      // (exit, loop, crash) stays there, and the watchdog can kill it.
      pool: 'forks',
      isolate: true,
      // Ours first, so the heartbeat starts before anything else in the process can block.
      // Then the guard, before the lab's own setup files and any exercise code (guard-setup.ts).
      setupFiles: [
        fileURLToPath(new URL('./worker-setup.ts', import.meta.url)),
        fileURLToPath(new URL('./guard-setup.ts', import.meta.url)),
        ...setupFiles,
      ],
      provide: { netprogLab: provided },
      maxWorkers: request.maxWorkers ?? gradingWorkers(availableParallelism()),
      testTimeout: Math.max(...request.files.map((f) => f.timeoutMs)),
      reporters: [new GradeReporter(request)],
      // Speed: every test process asks this process for each module it imports, and without a
      // cache each one is transformed from TypeScript again on every grading (most of them are the
      // same testbed and socket-core files every time). vitest keeps each transformed module on
      // disk under a key made of the module's path, its content and the vite configuration (root,
      // `resolve` with the solutions alias, plugins, the content of this config file and of
      // everything it imports by relative path; the shared configs it imports by package name
      // change a transform only through `resolve` and plugins, which are in the key), so a student's edit, a switch between exercises and solutions, or
      // a changed grader each miss the cache; a changed lockfile clears it. What the key cannot
      // see is a change in how an unchanged file's imports resolve (a workspace package's
      // `exports` edited without reinstalling): delete the folder then. It lives in the lab's
      // git-ignored .lab/ (grade-lab.ts), so a fresh clone or a CI run starts without it, and a
      // grading for the record keeps none (keepsModuleCache in module-cache.ts).
      ...(request.moduleCacheDir
        ? { experimental: { fsModuleCache: true, fsModuleCachePath: request.moduleCacheDir } }
        : {}),
    },
  };
}
