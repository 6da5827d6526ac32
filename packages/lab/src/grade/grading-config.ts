// The vitest configuration of a grading run. The grader starts vitest in its own process with
// `vitest run --config <this file>` and passes the request in the environment (see
// run-vitest.ts for why a separate process). It is the lab's usual configuration
// (lab-vitest-config.ts: loopback guard, the solutions alias) plus what grading needs: only the
// graded files, one fresh child process per file, our setup file and our reporter.
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';
import { labVitestConfig } from '../lab-vitest-config.ts';
import { readRequest } from './grading-request.ts';
import { GradeReporter } from './reporter.ts';
import type { WorkerContext } from './worker-setup.ts';

const request = readRequest(process.env);
const base = labVitestConfig(pathToFileURL(request.labDir + sep), request.target);
const timeouts = Object.fromEntries(
  request.files.map((f) => [
    `${request.labDir}${sep}${f.testFile.split('/').join(sep)}`,
    f.timeoutMs,
  ]),
);
const provided: WorkerContext = { heartbeatDir: request.heartbeatDir, timeouts };
const setupFiles = base.test?.setupFiles ?? [];

const config: ViteUserConfig = {
  ...base,
  root: request.labDir,
  test: {
    ...base.test,
    include: request.files.map((f) => f.testFile),
    watch: false,
    // One fresh child process per test file: whatever a student's code does to its process
    // (exit, loop, crash) stays there, and the watchdog can kill it.
    pool: 'forks',
    isolate: true,
    // Ours first, so the heartbeat starts before anything else in the process can block.
    setupFiles: [
      fileURLToPath(new URL('./worker-setup.ts', import.meta.url)),
      ...(Array.isArray(setupFiles) ? setupFiles : [setupFiles]),
    ],
    provide: { netprogLab: provided },
    testTimeout: Math.max(...request.files.map((f) => f.timeoutMs)),
    reporters: [new GradeReporter(request)],
  },
};

export default config;
