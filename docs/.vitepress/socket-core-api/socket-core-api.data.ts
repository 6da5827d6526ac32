// Build-time data loader: asks socket-core which calls it exports, so the Python ↔ TypeScript
// page marks "not in socket-core" from the library itself rather than from memory. It runs
// the probe in a child process because socket-core is TypeScript source, which @netprog/run-ts
// loads.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RUN_TS } from '@netprog/run-ts';
import { defineLoader } from 'vitepress';
import { devWatch } from '../loader-watch.ts';
import type { SocketCoreApi } from './socket-core-api.ts';

declare const data: SocketCoreApi;

export { data };

const probe = fileURLToPath(new URL('./probe-socket-core.ts', import.meta.url));
const docsRoot = fileURLToPath(new URL('../../', import.meta.url));

export default defineLoader({
  watch: devWatch(['../../../packages/socket-core/src/**/*.ts']),
  load(): SocketCoreApi {
    try {
      const out = execFileSync(process.execPath, [...RUN_TS, probe], {
        cwd: docsRoot,
        encoding: 'utf8',
        timeout: 60_000,
      });
      return JSON.parse(out) as SocketCoreApi;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Could not list @netprog/socket-core's exports for the Python ↔ TypeScript page (${why}). ` +
          'Check that `pnpm tsx docs/.vitepress/socket-core-api/probe-socket-core.ts` runs.',
      );
    }
  },
});
