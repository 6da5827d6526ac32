// Runs every example as a reader would, checks that every timeout it reports fired within ±20%
// of its limit, and (on Linux, where they were recorded: errno numbers, the SYN settings) its
// output against the recording shown in the chapter (outputs/*.txt).
import { fileURLToPath } from 'node:url';
import { compareWithRecording, runExample } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { expectNearLimit, TIMING_RETRIES } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { readSynRetrySettings, synRetrySchedule } from '../src/syn-retries.ts';

const example = (name: string) => fileURLToPath(new URL(`../examples/${name}.ts`, import.meta.url));
const recording = (name: string) => new URL(`../outputs/${name}.txt`, import.meta.url);

/** Every "after N ms (limit M ms)" or "after N ms (deadline M ms)" an example printed. */
function reportedTimeouts(stdout: string): Array<{ elapsedMs: number; limitMs: number }> {
  return [...stdout.matchAll(/after (\d+) ms \((?:limit|deadline) (\d+) ms/g)].map((m) => ({
    elapsedMs: Number(m[1]),
    limitMs: Number(m[2]),
  }));
}

/** How many timeouts each example reports, so a changed example cannot silently check nothing. */
const EXAMPLES: Record<string, number> = {
  'connect-timeout': 1,
  'read-timeout': 2,
  'idle-timer-trap': 3,
  'three-modes': 3,
  'retry-late-server': 1,
  'fetch-deadline': 2,
  'errno-table': 0,
  'backoff-table': 0,
};

// Examples start real processes and fixtures; a generous bound, far below any OS default.
const RUN_TIMEOUT_MS = 20_000;

/** What each example printed in its run below, for the comparison with its recording after it. */
const printed = new Map<string, string>();
const recordings = linuxOnly(
  'the recordings were made on Linux: its errno numbers and SYN settings',
);

describe('examples', () => {
  for (const [name, timeouts] of Object.entries(EXAMPLES)) {
    // TIMING_RETRIES (two more tries): each run is a fresh process on a shared 2-core machine, and
    // a run descheduled for 100 ms is late. A timeout that fires early fails every retry too (see
    // testbed's timing), and one that is always late fails every run.
    // One after another, not side by side: measured on 8 December 2026, the six runs together
    // took 7 s instead of 19, but their six process starts at once were a burst that the other
    // worker's timing tests may feel: in a CI rehearsal read-timeout.test.ts's 800 ms deadline
    // test ended at 547 ms, most likely its 300 ms idle timeout after its trickling peer stalled.
    it(`${name}: runs, and each timeout fires within ±20% of its limit`, {
      ...TIMING_RETRIES,
      timeout: RUN_TIMEOUT_MS + 5_000,
    }, async () => {
      const run = await runExample(example(name), [], { timeoutMs: RUN_TIMEOUT_MS });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const reported = reportedTimeouts(run.stdout);
      expect(reported).toHaveLength(timeouts);
      for (const { elapsedMs, limitMs } of reported) expectNearLimit(elapsedMs, limitMs);
      // The trickle's point: the deadline ends the read, never the idle timer (bytes keep
      // coming every 100 ms, five times within its 500 ms even on a busy machine).
      if (name === 'read-timeout')
        expect(run.stdout).toContain('readExactly 30 more: DeadlineError');
      // The point of run 2: the deadline cuts the third try short. A run descheduled for more
      // than the room the example leaves (576 ms) ends after two tries: late, like a late timer,
      // so it is checked here, where a late run gets its retries, not only against the recording.
      if (name === 'retry-late-server')
        expect(run.stdout).toMatch(/RetryError \(deadline, 3 attempts\)/);
      printed.set(name, run.stdout);
    });
  }

  it(
    'syn-retry-schedule: prints this machine’s sysctls and the schedule they give',
    async () => {
      const run = await runExample(example('syn-retry-schedule'), [], {
        timeoutMs: RUN_TIMEOUT_MS,
      });
      expect(run.code).toBe(0);
      const settings = await readSynRetrySettings();
      if (settings !== null) {
        expect(run.stdout).toContain(`tcp_syn_retries = ${settings.synRetries}`);
        const { giveUpAtMs } = synRetrySchedule(settings);
        expect(run.stdout).toContain(`fails with ETIMEDOUT at ${giveUpAtMs / 1000} s.`);
      }
      // The recording shows the machine it was made on; another kernel may have other settings,
      // so those lines are masked for the comparison (they were checked just above).
      const machineSpecific = (text: string) =>
        text
          .replace(/^This machine\b.*$/m, 'This machine: <sysctls>')
          .replace(/^this machine's SYN settings .*$/m, 'This machine: <sysctls>')
          .replace(/^ *\d+ +<time> +(?:-|<time>)\n/gm, '')
          .replace(/fails with ETIMEDOUT at <time>/, 'fails with ETIMEDOUT at <when>');
      const { actual, recorded } = await compareWithRecording(
        run.stdout,
        recording('syn-retry-schedule'),
        {
          normalise: machineSpecific,
        },
      );
      expect(actual).toBe(recorded);
    },
    RUN_TIMEOUT_MS + 5_000,
  );
});

describe('syn-retry-schedule off Linux', () => {
  it("says it cannot read this machine's settings, and prints Linux's default", async () => {
    const run = await runExample(example('syn-retry-schedule'), [], {
      timeoutMs: RUN_TIMEOUT_MS,
      platform: 'darwin',
    });
    expect([run.stderr, run.code]).toEqual(['', 0]);
    expect(run.stdout.split('\n')[0]).toBe(
      "this machine's SYN settings needs Linux (they are read from /proc/sys/net/ipv4); skipped on darwin; the schedule below is the Linux default.",
    );
    expect(run.stdout).toContain('connect() fails with ETIMEDOUT at 127 s.');
  });
});

// The same runs' output (no second run), compared where it was recorded.
recordings.describe('examples match the recordings shown in the chapter', () => {
  for (const name of Object.keys(EXAMPLES)) {
    it(name, async () => {
      const stdout = printed.get(name);
      if (stdout === undefined) throw new Error(`${name} did not run: see its test above`);
      const { actual, recorded } = await compareWithRecording(stdout, recording(name));
      expect(actual).toBe(recorded);
    });
  }
});
