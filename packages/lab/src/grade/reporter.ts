// The grader's own vitest reporter, running inside the grading process. It prints no test
// output (the scoreboard is the runner's, not vitest's). It runs the watchdog, tells it when a
// file is done, keeps what the student's code printed, and at the end writes everything that
// happened as plain data (a RawRun) for the grader to score.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, SerializedError, TestCase, TestModule, Vitest } from 'vitest/node';
import { UNCAUGHT_ERROR } from './explain-failure.ts';
import type { GradingRequest } from './grading-request.ts';
import { sealResult } from './sealed-result.ts';
import type { RawError, RawModule, RawRun, RawTest, StopReport } from './types.ts';
import { startWatchdog, type Watchdog } from './watchdog.ts';

/** At most this many characters of printed output are kept per test file. */
const OUTPUT_CAP = 4_000;
/** How often the grading process says it is alive (the grader's stall guard listens). */
export const ALIVE_MS = 5_000;

/**
 * Collects one grading run and writes it to `request.resultFile`.
 * @example
 * // in grading-config.ts
 * test: { reporters: [new GradeReporter(request)] }
 */
export class GradeReporter implements Reporter {
  readonly #request: GradingRequest;
  readonly #output = new Map<string, string>();
  /** Characters printed per test file, kept or not. */
  readonly #printed = new Map<string, number>();
  readonly #started = performance.now();
  #vitest: Vitest | undefined;
  #watchdog: Watchdog | undefined;
  #alive: NodeJS.Timeout | undefined;

  constructor(request: GradingRequest) {
    this.#request = request;
  }

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
    const limits = new Map(this.#request.files.map((f) => [this.#path(f.testFile), f]));
    this.#watchdog = startWatchdog({
      heartbeatDir: this.#request.heartbeatDir,
      limits,
      graceMs: this.#request.graceMs,
      onKill: (path, report) => this.#trace(`killed ${path}: ${JSON.stringify(report)}`),
    });
    this.#trace(`vitest ready (grading process up for ${Math.round(process.uptime() * 1000)} ms)`);
    // A long test prints nothing for a while; this line tells the grader we are not stuck, and
    // --verbose readers what every test process is doing.
    this.#alive = setInterval(() => this.#trace(`alive: ${this.#running()}`), ALIVE_MS);
    this.#alive.unref();
  }

  onTestModuleQueued(module: TestModule): void {
    this.#trace(`queued ${module.moduleId}`);
  }

  onTestModuleStart(module: TestModule): void {
    this.#trace(`start ${module.moduleId}`);
  }

  onTestCaseResult(test: TestCase): void {
    this.#trace(`${test.result().state} "${test.fullName}"`);
  }

  onTestModuleEnd(module: TestModule): void {
    this.#watchdog?.markEnded(module.moduleId);
    this.#trace(`end ${module.moduleId} ${module.state()}`);
  }

  onUserConsoleLog(log: { content: string; taskId?: string }): void {
    const entity = log.taskId ? this.#vitest?.state.getReportedEntityById(log.taskId) : undefined;
    const path = entity
      ? entity.type === 'module'
        ? entity.moduleId
        : entity.module.moduleId
      : '';
    const before = this.#output.get(path) ?? '';
    this.#printed.set(path, (this.#printed.get(path) ?? 0) + log.content.length);
    if (before.length < OUTPUT_CAP)
      this.#output.set(path, (before + log.content).slice(0, OUTPUT_CAP));
  }

  onTestRunEnd(modules: readonly TestModule[], unhandledErrors: readonly SerializedError[]): void {
    clearInterval(this.#alive);
    const watchdog = this.#watchdog;
    watchdog?.check();
    watchdog?.stop();
    watchdog?.killAll();
    const byPath = new Map(modules.map((m) => [m.moduleId, m]));
    const paths = new Set(this.#request.files.map((f) => this.#path(f.testFile)));
    const run: RawRun = {
      modules: this.#request.files.map(({ testFile }) => {
        const path = this.#path(testFile);
        const beat = watchdog?.lastBeats.get(path);
        return toRawModule({
          testFile,
          module: byPath.get(path),
          extraErrors: unhandledErrors
            .filter((e) => e.VITEST_TEST_PATH === path)
            .map(describeUnhandled),
          output: withCutMarker(this.#output.get(path) ?? '', this.#printed.get(path) ?? 0),
          killed: watchdog?.killed.get(path),
          died: beat ? { phase: beat.phase, test: beat.test } : undefined,
        });
      }),
      unhandled: unhandledErrors
        .filter((e) => typeof e.VITEST_TEST_PATH !== 'string' || !paths.has(e.VITEST_TEST_PATH))
        .map(toRawError),
    };
    writeFileSync(this.#request.resultFile, sealResult(run, this.#request.resultKey));
    this.#trace('results written');
  }

  #running(): string {
    const now = Date.now();
    const busy = [...(this.#watchdog?.lastBeats.values() ?? [])]
      .filter(
        (b) => !this.#watchdog?.ended.has(b.testPath) && !this.#watchdog?.killed.has(b.testPath),
      )
      .map(
        (beat) =>
          `${beat.testPath} ${beat.phase}${beat.test ? ` "${beat.test}"` : ''} for ${now - beat.since} ms`,
      );
    return busy.length > 0 ? busy.join('; ') : 'starting test processes';
  }

  #path(testFile: string): string {
    return join(this.#request.labDir, testFile);
  }

  // One line per event on stdout: the grader shows them with --verbose, and any output counts
  // as a sign of life for its stall guard.
  #trace(what: string): void {
    process.stdout.write(`[grader +${Math.round(performance.now() - this.#started)} ms] ${what}\n`);
  }
}

/**
 * Output kept up to the cap, with a last line saying how much was cut, if any.
 * @example
 * withCutMarker('abc', 1237); // 'abc\n… 1,234 more characters cut'
 */
export function withCutMarker(kept: string, printed: number): string {
  const cut = printed - kept.length;
  if (cut <= 0) return kept;
  return `${kept}${kept.endsWith('\n') ? '' : '\n'}… ${cut.toLocaleString('en-US')} more character${cut === 1 ? '' : 's'} cut`;
}

/**
 * Converts one vitest module (or its absence) and the watchdog's findings into a RawModule.
 * @example
 * const raw = toRawModule({ testFile: 'tests/a.test.ts', module, extraErrors: [], output: '' });
 */
export function toRawModule(input: {
  testFile: string;
  module: TestModule | undefined;
  extraErrors: readonly RawError[];
  output: string;
  killed?: StopReport;
  died?: Pick<StopReport, 'phase' | 'test'>;
}): RawModule {
  const { module } = input;
  const state = module ? module.state() : 'pending';
  const finished = state === 'passed' || state === 'failed' || state === 'skipped';
  return {
    testFile: input.testFile,
    state,
    duration: Math.round(input.killed?.afterMs ?? module?.diagnostic().duration ?? 0),
    errors: [...(module?.errors() ?? []).map(toRawError), ...input.extraErrors],
    tests: module ? [...module.children.allTests()].map(toRawTest) : [],
    killed: input.killed,
    died: finished || input.killed ? undefined : input.died,
    output: input.output,
  };
}

function toRawTest(test: TestCase): RawTest {
  const result = test.result();
  // Set by wire-capture.ts in the test process; any other value is not ours.
  const { netprogWire, netprogSeed } = test.meta() as {
    netprogWire?: unknown;
    netprogSeed?: unknown;
  };
  return {
    name: test.name,
    fullName: test.fullName,
    state: result.state,
    duration: Math.round(test.diagnostic()?.duration ?? 0),
    errors: (result.errors ?? []).map(toRawError),
    ...(typeof netprogWire === 'string' ? { wire: netprogWire } : {}),
    ...(typeof netprogSeed === 'number' ? { seed: netprogSeed } : {}),
  };
}

/**
 * Keeps the parts of a vitest error the grader explains: name, message, the two sides of an
 * assertion and the stack frames.
 * @example
 * toRawError({ message: 'expected 1 to be 2', expected: '2', actual: '1' }).expected; // '2'
 */
export function toRawError(error: SerializedError): RawError {
  return {
    name: typeof error.name === 'string' ? error.name : 'Error',
    message: String(error.message ?? ''),
    expected: typeof error.expected === 'string' ? error.expected : undefined,
    actual: typeof error.actual === 'string' ? error.actual : undefined,
    frames: (error.stacks ?? []).map(({ file, line, column }) => ({ file, line, column })),
  };
}

// An error thrown outside any test (a callback after the test ended, an 'error' event nobody
// listens to) is the student's too; say where vitest saw it.
function describeUnhandled(error: SerializedError): RawError {
  const raw = toRawError(error);
  const during =
    typeof error.VITEST_TEST_NAME === 'string' ? ` during "${error.VITEST_TEST_NAME}"` : '';
  return { ...raw, name: UNCAUGHT_ERROR, message: `${raw.name}${during}: ${raw.message}` };
}
