// @netprog/testbed/linux-only/tests: Linux-only tests, skipped elsewhere with their reason.
// Off Linux a suite's tests are still collected (so a graded file runs the number of tests its
// lab.json records on every platform), but skipped: their hooks never run, and the suite's name
// carries the one-line note. A single test is skipped with the note as vitest's skip note
// (`context.skip(note)`), which the reporter prints beside it.
import { describe, it, type TestFunction, type TestOptions } from 'vitest';
import { linuxOnlyNote } from './reason.ts';

export { isLinux, linuxOnlyNote } from './reason.ts';

/** A Linux-only test: the two forms of vitest's it() the course uses. */
export interface LinuxOnlyTest {
  (name: string, fn: TestFunction, timeout?: number): void;
  (name: string, options: TestOptions, fn: TestFunction): void;
}

export interface LinuxOnly {
  /** Off Linux, the note every skip carries (`needs Linux (<why>); skipped on <platform>`); on Linux undefined. */
  readonly skipped: string | undefined;
  /** describe() on Linux; elsewhere the suite is collected, skipped, and named with the note. */
  readonly describe: (name: string, body: () => void) => void;
  /** it() on Linux; elsewhere one skipped test with the note. */
  readonly it: LinuxOnlyTest;
}

/**
 * Tests that need Linux for `why` (what they read or run: /proc/net, ss, getent...). The platform
 * is a parameter so that the skipping itself can be tested on Linux.
 *
 * @example
 * const linux = linuxOnly('netstat() reads /proc/net');
 * linux.describe('netstat() on Linux', () => { it('finds the listener', async () => { ... }) });
 * linux.it('reads /proc/self/fd', async () => { ... });
 */
export function linuxOnly(why: string, platform: string = process.platform): LinuxOnly {
  const note = linuxOnlyNote(why, platform);
  if (note === undefined) {
    return {
      skipped: undefined,
      describe: (name, body) => {
        describe(name, body);
      },
      it,
    };
  }
  const skippedTest = (name: string, first: TestFunction | TestOptions, second?: unknown) => {
    // Keep the test's own options (a timeout, retries) so it is the same test, only skipped.
    const options = typeof first === 'object' ? first : { timeout: second as number | undefined };
    it(name, options, (context) => context.skip(note));
  };
  return {
    skipped: note,
    describe: (name, body) => {
      describe.skip(`${name} [${note}]`, body);
    },
    it: skippedTest as LinuxOnlyTest,
  };
}
