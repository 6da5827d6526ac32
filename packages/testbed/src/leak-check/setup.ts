// The vitest setup file that makes "no leaked handles" something every test file is checked for
// (listed in src/vitest/shared-config.mjs, so it runs in every package, chapter and lab). When a
// test file ends, after its own afterAll hooks, anything it opened and never closed (a TCP socket
// or server, a UDP socket, a child process, a pipe, a connect or getaddrinfo still in flight)
// fails the file with a LeakedHandlesError naming what leaked.
//
// Why not vitest's own `--detect-async-leaks`: measured with vitest 4.1, a file that left a server
// and a connected socket open was reported as "TCPSERVERWRAP leaking" only (it ignores TCPWRAP,
// the type of every TCP socket), the run still exited 0, and the option is documented as too
// slow for regular runs. The `hanging-process` reporter only explains a worker that will not exit.
import { relative } from 'node:path';
import { afterAll, expect } from 'vitest';
import { findLeaks, LeakedHandlesError, takeResourceSnapshot } from './find-leaks.ts';

/**
 * How long a closing handle may take to go away before it counts as leaked: 2 s, or
 * NETPROG_LEAK_SETTLE_MS (the leak check's own test sets it low to see a failure sooner).
 */
const SETTLE_MS = Number(process.env.NETPROG_LEAK_SETTLE_MS) || 2_000;

// The lab grader (packages/lab/src/grade/worker-setup.ts) runs its own check on graded files and
// words it for students; there, this one stands aside so a student sees one message, not two.
const grading = process.env.NETPROG_LAB_GRADING !== undefined;

if (!grading) {
  // process.stdout/stderr are created on first use; create them now so a test that prints for
  // the first time does not look like it opened a pipe.
  void process.stdout;
  void process.stderr;
  const before = takeResourceSnapshot();
  const testFile = expect.getState().testPath ?? 'this test file';
  // Registered before the test file's own hooks, so vitest (sequence.hooks 'stack') runs it
  // after all of them: whatever is still open then was left open by the file.
  afterAll(async () => {
    const leak = await findLeaks(before, { withinMs: SETTLE_MS });
    if (leak) throw new LeakedHandlesError(relative(process.cwd(), testFile), leak, SETTLE_MS);
  }, SETTLE_MS + 5_000);
}
