// What the grader (the CLI process) asks the grading process (vitest, in its own process) to do.
// It travels in an environment variable because vitest loads grading-config.ts itself.
import type { Target } from './types.ts';

/** The environment variable that carries the request to grading-config.ts. */
export const REQUEST_ENV = 'NETPROG_LAB_GRADING';

export interface GradingRequest {
  /** Absolute path of the lab folder. */
  readonly labDir: string;
  readonly target: Target;
  /** Graded test files relative to the lab folder, each with its per-test limit (ms). */
  readonly files: readonly { readonly testFile: string; readonly timeoutMs: number }[];
  /** Time past a test's limit before the watchdog kills its process. */
  readonly graceMs: number;
  /** Folder where every test process writes its heartbeat. */
  readonly heartbeatDir: string;
  /** Where the grading process writes its RawRun (JSON) when the run ends. */
  readonly resultFile: string;
}

/**
 * Reads the request from the environment.
 * @throws Error when the variable is missing: grading-config.ts only works when started by the grader
 * @example
 * const request = readRequest(process.env);
 */
export function readRequest(env: NodeJS.ProcessEnv): GradingRequest {
  const text = env[REQUEST_ENV];
  if (!text) {
    throw new Error(
      `${REQUEST_ENV} is not set: this vitest config is started by \`pnpm lab\`, not by hand (to run a lab's tests yourself: cd labs/<lab> && pnpm exec vitest run)`,
    );
  }
  return JSON.parse(text) as GradingRequest;
}
