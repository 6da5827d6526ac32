// What the grader (the CLI process) asks the grading process (vitest, in its own process) to do.
// It travels on the grading process's stdin because vitest loads grading-config.ts itself, and
// because the process may have been started before the CLI knew what to grade
// (grading-process.mjs).
import type { ImportGuardRequest } from './import-guard.ts';
import type { Target } from './types.ts';

/**
 * Set in the grading process (and so in every test process) to the request: testbed's leak check
 * stands aside when it sees it, since worker-setup.ts checks students' sockets itself.
 */
export const REQUEST_ENV = 'NETPROG_LAB_GRADING';

/** One graded test file and its time rules (lab.json's `timeoutMs` and `budgetMs`). */
export interface GradedFile {
  /** Relative to the lab folder. */
  readonly testFile: string;
  /** Most milliseconds one test (with its hooks) may take. */
  readonly timeoutMs: number;
  /** Most milliseconds the whole file may take; the watchdog stops it past that. */
  readonly budgetMs: number;
}

export interface GradingRequest {
  /** Absolute path of the lab folder. */
  readonly labDir: string;
  readonly target: Target;
  /** Graded test files relative to the lab folder, each with its limits. */
  readonly files: readonly GradedFile[];
  /** Time past a test's limit before the watchdog kills its process. */
  readonly graceMs: number;
  /** Folder where every test process writes its heartbeat. */
  readonly heartbeatDir: string;
  /** Where the grading process writes its RawRun (JSON) when the run ends. */
  readonly resultFile: string;
  /**
   * The key that seals the result file (sealed-result.ts). Only the grading process knows it:
   * grading-config.ts leaves it out of the request its test processes inherit.
   */
  readonly resultKey: string;
  /**
   * Folder for vitest's on-disk cache of transformed modules (`experimental.fsModuleCache`), kept
   * between gradings; none when undefined. See grading-config.ts for why it is safe.
   */
  readonly moduleCacheDir?: string;
  /** The lab's import rules, enforced on every import a test process makes (import-guard.ts). */
  readonly imports?: ImportGuardRequest;
  /**
   * Files graded in place of exercise files, both relative to the lab folder:
   * `{ "exercises/getfqdn.ts": "mutants/getfqdn/name-not-trimmed.ts" }` (verify grades the
   * recorded mutants this way). Exercises not listed follow `target`.
   */
  readonly substitutes?: Readonly<Record<string, string>>;
  /** Test processes at a time; gradingWorkers() (limits.ts: at least four) when undefined. */
  readonly maxWorkers?: number;
  /**
   * Where the test processes write each file's transcripts (`dir`), and where the reference
   * solution's are (wire-capture.ts); no recording when undefined.
   */
  readonly wire?: { readonly dir: string; readonly referenceDir?: string };
  /** NETPROG_SEED for every test process: the seed fixtures draw their losses and delays from. */
  readonly seed?: number;
}

/** The request as test processes see it (REQUEST_ENV): without the key that seals the results. */
export type SharedRequest = Omit<GradingRequest, 'resultKey'>;

/**
 * Reads the request from the grading process's stdin, to its end.
 * @throws Error when stdin is a terminal (grading-config.ts is not for running by hand) or ends empty
 * @example
 * const request = await readRequest(process.stdin);
 */
export async function readRequest(
  input: AsyncIterable<Buffer | string> & { isTTY?: boolean },
): Promise<GradingRequest> {
  if (input.isTTY) {
    throw new Error(
      "this vitest config is started by `pnpm lab`, not by hand (to run a lab's tests yourself: cd labs/<lab> && pnpm exec vitest run)",
    );
  }
  let text = '';
  for await (const chunk of input) text += String(chunk);
  // An early-started process whose CLI ended without grading (or was killed) sees stdin close.
  if (text === '') throw new Error('no grading request came on stdin: nothing to grade');
  return JSON.parse(text) as GradingRequest;
}
