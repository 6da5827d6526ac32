// Runs in each test process (worker-setup.ts calls it): gives every test a fresh WireLog, which
// every testbed fixture and converse() record into without the test passing it around; when a
// test fails, puts what the wire showed (and, after a timeout, what the code was waiting on) in
// the test's meta, where the grader's reporter picks it up; when the file ends, writes every
// test's transcripts to the lab's .lab/wire/ for `pnpm lab <lab> --wire <exercise>`.
// Only the log's own module is loaded up front: a test file that never touches a fixture records
// nothing and writes nothing, and the formatting and explaining modules load only on a failure.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setDefaultWireLog, WireLog } from '@netprog/testbed/wire/log';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { decodeWireFile, encodeWireFile, type TestWire, wireFileName } from './wire-file.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** What the wire showed when the test failed (wire-report.ts), for the scoreboard. */
    netprogWire?: string;
    /** The seed a failing test's fixtures drew their random choices from, to replay it. */
    netprogSeed?: number;
  }
}

/** The most a failing test's wire explanation may take (its modules load only then). */
const EXPLAIN_MS = 8_000;

export interface WireCaptureOptions {
  /** Where to write this file's transcripts (`.lab/wire/<target>/`). */
  readonly wireDir: string;
  /** Where the reference solution's transcripts are, when the grader has them. */
  readonly referenceDir?: string;
  /** The graded test file, relative to the lab (`tests/http-get.test.ts`). */
  readonly testFile: string;
  /** The seed the fixtures draw from (NETPROG_SEED), when set. */
  readonly seed?: number;
}

/**
 * Registers the hooks. Call it from a setup file, before the test file's own hooks exist, so that
 * its afterEach runs after theirs (vitest runs after-hooks last registered first): by then the
 * test's fixtures have closed and finished their transcripts.
 * @example
 * captureWire({ wireDir: '/lab/.lab/wire/exercises', testFile: 'tests/http-get.test.ts' });
 */
export function captureWire(options: WireCaptureOptions): void {
  const recorded: TestWire[] = [];
  let log: WireLog | undefined;
  let references: readonly TestWire[] | undefined;

  beforeEach(() => {
    log = new WireLog();
    setDefaultWireLog(log);
  });

  afterEach(async (context) => {
    const current = log;
    log = undefined;
    setDefaultWireLog(undefined);
    if (current === undefined) return;
    const transcripts = current.transcripts();
    const result = context.task.result;
    const failed = result?.state === 'fail';
    const test = context.task.fullTestName;
    if (transcripts.length > 0) {
      recorded.push({ test, failed, seed: options.seed, transcripts });
    }
    // A retried test that passes in the end shows nothing of its failed tries.
    context.task.meta.netprogWire = undefined;
    context.task.meta.netprogSeed = undefined;
    if (!failed) return;
    const seeded = transcripts.find((t) => t.seed !== undefined);
    if (seeded !== undefined) context.task.meta.netprogSeed = seeded.seed;
    const timedOut = (result?.errors ?? []).some((e) =>
      /^(Test|Hook) timed out in/.test(String(e.message)),
    );
    if (transcripts.length === 0 && !timedOut) return;
    const explaining = (async () => {
      const [{ wireReport }, wire] = await Promise.all([
        import('./wire-report.ts'),
        import('@netprog/testbed/wire'),
      ]);
      const hang = timedOut
        ? wire.explainHang({
            sockets: await wire.describeSockets(),
            transcripts,
            fixtures: current.claimed(),
          })
        : undefined;
      references ??= readReferences(options);
      const reference = references.find((r) => r.test === test)?.transcripts;
      return wireReport({ transcripts, hang, reference, seed: options.seed });
    })();
    // The explanation is a help: on a machine so busy that loading it takes this long, the
    // failure is shown without it rather than delayed further (or failed by this hook's limit).
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), EXPLAIN_MS);
    });
    const text = await Promise.race([explaining, late]).finally(() => clearTimeout(timer));
    if (text !== undefined) context.task.meta.netprogWire = text;
  }, EXPLAIN_MS + 2_000);

  afterAll(() => {
    if (recorded.length === 0) return;
    mkdirSync(options.wireDir, { recursive: true });
    const file = encodeWireFile({ version: 1, testFile: options.testFile, tests: recorded });
    writeFileSync(join(options.wireDir, wireFileName(options.testFile)), file);
  });
}

// The reference's transcripts of this file, or none (no reference graded yet, an unreadable file:
// the comparison is a help, never a reason to fail).
function readReferences(options: WireCaptureOptions): readonly TestWire[] {
  if (options.referenceDir === undefined) return [];
  try {
    const path = join(options.referenceDir, wireFileName(options.testFile));
    return decodeWireFile(readFileSync(path, 'utf8')).tests;
  } catch {
    return [];
  }
}
