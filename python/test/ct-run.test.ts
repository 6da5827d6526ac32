// The notes' ct.run() bug, measured: ct_run_timing.py runs three clients of a slow page against
// the notes' accept loop and against the fix. Asserted are the facts that hold however busy the
// machine is: which thread served each client, and the lower bounds that serving one after
// another imposes (the k-th answer of the notes' loop cannot come before k pages were made).
// How much faster the fix is depends on the load; the recorded output shows one run.
import { describe, expect, it } from 'vitest';
import { pythonOrSkip } from '../src/find-python.ts';
import { runPython } from '../src/run-program.ts';

const python = await pythonOrSkip();
const DELAY_MS = 200;

/** The "answer N after T ms, served by thread X" lines of one section. */
function answers(section: string): Array<{ ms: number; thread: string }> {
  return [...section.matchAll(/answer \d after +(\d+) ms, served by thread (\S+)/g)].map((m) => ({
    ms: Number(m[1]),
    thread: m[2]!,
  }));
}

describe.skipIf(python === null)("the notes' ct.run() against ct.start()", () => {
  it('ct.run() serves the clients one after another in the accepting thread; ct.start() gives each a thread', async () => {
    const run = await runPython(
      python!,
      'ct_run_timing.py',
      ['--delay-ms', String(DELAY_MS)],
      60_000,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [notes = '', fix = ''] = run.stdout.split('ct.start() (the fix');
    const bug = answers(notes);
    const fixed = answers(fix);
    expect(bug).toHaveLength(3);
    expect(fixed).toHaveLength(3);
    // ct.run(): no thread was started; the accept loop's own thread made every page, in turn.
    expect(bug.map((a) => a.thread)).toEqual(['accept-loop', 'accept-loop', 'accept-loop']);
    for (const [k, answer] of bug.entries()) {
      expect(answer.ms).toBeGreaterThanOrEqual((k + 1) * DELAY_MS - 1); // printed rounded
    }
    // ct.start(): three threads of their own, none of them the accept loop.
    expect(new Set(fixed.map((a) => a.thread)).size).toBe(3);
    expect(fixed.map((a) => a.thread)).not.toContain('accept-loop');
    expect(run.stdout).toMatch(
      /ct\.run\(\)'s last answer came \d+\.\d x as late as ct\.start\(\)'s/,
    );
  }, 90_000);
});
