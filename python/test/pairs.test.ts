// Every Python program runs as a reader would run it, and
// 1. prints what its recording in python/outputs/ shows (the notebook check; `pnpm docs:record`
//    re-records), and
// 2. where it has a TypeScript twin, prints what the twin prints, once what must differ between
//    the languages is rewritten (src/twins.ts says what, and why). A disagreement names both lines.
//    The twin's side is its recording in the chapter's outputs/, not a run of its own: the
//    chapter's test already runs that example with those arguments and holds it to the
//    recording, so running it here too would be the same work twice.
// All programs run up front, a few at a time, so the whole file costs about as long as its
// slowest programs, not the sum of them.

import { readFile } from 'node:fs/promises';
import { compareWithRecording, type ExampleRun } from '@netprog/testbed';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareOutputs, formatDisagreement } from '../src/compare-outputs.ts';
import { pythonOrSkip } from '../src/find-python.ts';
import { normaliseLines } from '../src/normalise.ts';
import { inParallel, recordingOf, runPython, twinRecordingPath } from '../src/run-program.ts';
import { PROGRAMS, recordingRewrites } from '../src/twins.ts';

const python = await pythonOrSkip();

/**
 * One program's run: a fresh process, plus on a busy 2-core machine up to tens of seconds. The
 * full port scan (10.8 s recorded) took over 120 s with two cores busy beside other test suites.
 */
const RUN_TIMEOUT_MS = 240_000;
/** How many programs run at once (the two full port scans make this machine busy enough). */
const AT_ONCE = 3;

const runs = new Map<string, ExampleRun>();

describe.skipIf(python === null)('the Python twins', () => {
  beforeAll(async () => {
    const jobs = PROGRAMS.map(
      (program) => async () =>
        [
          program.file,
          await runPython(python!, program.file, program.args, RUN_TIMEOUT_MS),
        ] as const,
    );
    for (const [file, run] of await inParallel(jobs, AT_ONCE)) runs.set(file, run);
  }, 600_000);

  for (const program of PROGRAMS) {
    it(`${program.file} runs cleanly and prints what outputs/ recorded`, async () => {
      const run = runs.get(program.file)!;
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const { actual, recorded } = await compareWithRecording(
        run.stdout,
        recordingOf(program.file),
        {
          normalise: (text) =>
            normaliseLines(text, recordingRewrites(program))
              .map((line) => line.text)
              .join('\n'),
        },
      );
      expect(actual).toBe(recorded);
    });

    const twin = program.twin;
    if (twin === undefined) continue;
    it(`${program.file} and its twin ${twin.example} print the same`, async () => {
      const py = runs.get(program.file)!;
      const ts = await readFile(twinRecordingPath(twin), 'utf8');
      const disagreement = compareOutputs(py.stdout, ts, program.rewrites);
      if (disagreement !== undefined)
        expect.fail(formatDisagreement(disagreement, program.file, twin.example));
    });
  }
});
