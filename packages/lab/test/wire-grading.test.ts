// Grades the `wire` fixture lab (test/fixtures/wire): six deliberately broken exercises, each a
// classic network mistake, and what the grader shows for each, word for word: a server that
// never listens, a client that never reads, a client that never closes, a parser that breaks on a
// split \r\n (with the first byte that differs from the reference solution), a server that closes
// with unread bytes, and a random dribble replayed exactly with --seed. Then --wire: the whole
// transcript and a pcapng file tshark reads. The recordings the lab pages show
// (outputs/wire/*.txt) are checked against these runs; `pnpm docs:record` (NETPROG_RECORD=1)
// writes them from real runs of `pnpm lab wire --only <exercise>`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { JsonReport } from '../src/output/json.ts';
import { maskWire } from './helpers/mask-wire.ts';
import { readReplyWire } from './helpers/read-reply-wire.ts';
import type { CliRun } from './helpers/run-cli.ts';
import { runCliInProcess } from './helpers/run-cli-in-process.ts';
import { copyFixtureLabs, type TempRoot } from './helpers/temp-labs.ts';

const wireFixtures = fileURLToPath(new URL('./fixtures/wire', import.meta.url));
const recordings = fileURLToPath(new URL('../outputs/wire/', import.meta.url));
const RECORDING = process.env.NETPROG_RECORD === '1';
// Generous: each run starts a grading, and a machine shared with other jobs can take 20 times as long.
const LONG = { timeoutMs: 200_000 };

let temp: TempRoot;
let report: JsonReport;

beforeAll(async () => {
  temp = await copyFixtureLabs(['wire'], wireFixtures);
  // The reference solutions first: their transcripts are what a failing exercise is held against.
  const reference = await runCliInProcess(
    ['--root', temp.root, 'wire', '--solution', '--once'],
    LONG,
  );
  expect(reference.code, reference.stdout + reference.stderr).toBe(0);
  const graded = await runCliInProcess(
    ['--root', temp.root, 'wire', '--json', '--seed', '7'],
    LONG,
  );
  report = JSON.parse(graded.stdout) as JsonReport;
  return () => temp[Symbol.asyncDispose]();
}, 420_000);

/** The wire block of an exercise's one test, every run of spaces made one, ports and times masked. */
function wireOf(id: string): string {
  const test = report.exercises.find((e) => e.id === id)?.tests[0];
  if (test?.wire === undefined) throw new Error(`${id}: no wire shown (${JSON.stringify(test)})`);
  return maskWire(test.wire);
}

/** What may differ between two runs of the same code beyond ports and times. */
function scrub(text: string): string {
  return (
    text
      .replace(/FIN_WAIT[12]/g, 'FIN_WAIT')
      .replace(/seen as '\w+' \w+[^)]*\)/g, 'seen as …)')
      // A long payload's preview is cut to the line's width, which the time before it changes.
      .replace(/"x+"…/g, '"x…"…')
  );
}

describe('what a failing network test shows', () => {
  test('a server that never listens: the refused connect, where the test expected it', () => {
    expect(wireOf('echo-server')).toBe(
      "wire (the test's client ⇄ your server 127.0.0.1:PORT): +T ms → connect: refused (ECONNREFUSED) ✗ nothing listened on 127.0.0.1:PORT: the connect was refused (ECONNREFUSED)",
    );
  });

  test('a client that never reads: after the timeout, what it was waiting on', () => {
    expect(wireOf('read-reply')).toBe(readReplyWire);
  });

  test('a client that never closes: CLOSE_WAIT, the peer closed and you never did', () => {
    expect(wireOf('close-after').replace(/FIN_WAIT[12]/, 'FIN_WAIT')).toBe(
      [
        "wire (your client 127.0.0.1:PORT ⇄ the test's server 127.0.0.1:PORT):",
        '+T ms → connect +T ms ← 5 B "bye\\r\\n" +T ms ← FIN',
        "+T ms · kernel: your client CLOSE_WAIT; the test's server FIN_WAIT",
        '+T ms · the test ended: the fixture closed what was still open',
        "✗ your client never closed: the test's server closed its side (FIN) at +T ms, and your socket was still in CLOSE_WAIT (the peer closed and you never did)",
      ].join(' '),
    );
  });

  test('a parser that breaks on a split \\r\\n: the first byte that differs from the reference', () => {
    expect(wireOf('line-server')).toBe(
      [
        "wire (the test's client 127.0.0.1:PORT ⇄ your server 127.0.0.1:PORT):",
        '+T ms → connect +T ms → 6 B "HELLO\\r" +T ms → 8 B "\\nWORLD\\r\\n" +T ms → FIN',
        '+T ms ← 26 B "got: HELLO\\r\\r\\ngot: \\nWORLD\\r\\n" +T ms ← FIN',
        "first difference from the reference solution's server at byte 11 (yours: 26 B, reference: 24 B):",
        'yours: "got: HELLO\\r\\r\\ngot: \\nWORLD\\r\\n"',
        'reference: "got: HELLO\\r\\ngot: WORLD\\r\\n"',
        '^ yours has \\r (0x0d), reference \\n (0x0a)',
      ].join(' '),
    );
    // The caret stands under the backslash of the first byte that differs.
    const wire = report.exercises.find((e) => e.id === 'line-server')?.tests[0]?.wire ?? '';
    const lines = wire.split('\n');
    const yours = lines.find((l) => l.trimStart().startsWith('yours:')) ?? '';
    const caret = lines.find((l) => l.trimStart().startsWith('^')) ?? '';
    expect(yours.slice(caret.indexOf('^'), caret.indexOf('^') + 2)).toBe('\\r');
  });

  test('a server that closes with unread bytes: the RST, and why the kernel sent it', () => {
    const shown = wireOf('upload-server')
      .replace(/seen as '\w+' \w+[^)]*\)/, "seen as 'error' E…)")
      .replace(/"x+"…/, '"x…"…'); // the preview is cut to the line's width, which the time changes
    expect(shown).toBe(
      [
        "wire (the test's client 127.0.0.1:PORT ⇄ your server 127.0.0.1:PORT):",
        '+T ms → connect +T ms → 49 B "POST /upload HTTP/1.1\\r\\nContent-Length: 300000\\r\\n\\r\\n"',
        '+T ms → 300000 B "x…"… (+234513 B not kept)',
        "+T ms ← RST (seen as 'error' E…)",
        "✗ your server closed with unread bytes (it reset the connection after the test's client had sent 300049 B): the kernel answers RST when a socket closes with data still unread",
      ].join(' '),
    );
  });

  test('a failing test whose fixture drew random choices names the seed to replay it', () => {
    expect(report.seed).toBe(7);
    expect(wireOf('status-line')).toMatch(
      /^wire \(your client 127\.0\.0\.1:PORT ⇄ the test's http target 127\.0\.0\.1:PORT, seed 7\):/,
    );
  });
});

describe('--seed N --only <exercise> replays a run exactly', () => {
  const graded: CliRun[] = [];
  const runs: CliRun[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      graded.push(
        await runCliInProcess(
          ['--root', temp.root, 'wire', '--seed', '42', '--only', 'status-line'],
          LONG,
        ),
      );
      runs.push(
        await runCliInProcess(['--root', temp.root, 'wire', '--wire', 'status-line'], LONG),
      );
    }
  }, 420_000);

  test('the same seed splits the response into the same pieces', () => {
    const pieces = (run: CliRun) =>
      run.stdout
        .split('\n')
        .filter((line) => / ← \d+ B /.test(line))
        .map((line) => line.replace(/^\s*\+\d+\.\d ms\s+/, ''));
    expect(runs[0]?.code, runs[0]?.stderr).toBe(0);
    expect(pieces(runs[0] as CliRun).length).toBeGreaterThan(2);
    expect(pieces(runs[1] as CliRun)).toEqual(pieces(runs[0] as CliRun));
    expect(runs[0]?.stdout).toContain(', seed 42):');
  });

  test('a failure prints the seed and the command that replays it', () => {
    expect(graded[0]?.code).toBe(1);
    expect(graded[0]?.stdout).toContain(
      [
        "    The test's fixtures drew their random choices from seed 42: replay exactly with",
        '    pnpm lab wire --seed 42 --only status-line',
      ].join('\n'),
    );
  });
});

describe('--wire <exercise>', () => {
  test('prints every transcript of the last grading and writes a pcapng file tshark reads', async () => {
    const run = await runCliInProcess(['--root', temp.root, 'wire', '--wire', 'line-server'], LONG);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      'line-server: what went over the wire at the last grading of your exercise (1 test, 1 connection)',
    );
    expect(run.stdout).toContain('→ 6 B  "HELLO\\r"');
    const pcap = join(temp.labDir('wire'), '.lab', 'wire', 'exercises', 'line-server.pcapng');
    expect(run.stdout).toContain(
      "a pcapng file synthesised from what the test's sockets saw (not a capture)",
    );
    expect(existsSync(pcap)).toBe(true);
    const tshark = spawnSync('tshark', ['-r', pcap, '-q', '-z', 'follow,tcp,ascii,0'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (tshark.error !== undefined) {
      console.log(`skipped the tshark check: tshark is not installed (${tshark.error.message})`);
      return;
    }
    expect(tshark.status, tshark.stderr).toBe(0);
    expect(tshark.stdout).toContain('HELLO');
    expect(tshark.stdout).toContain('got: HELLO');
  }, 210_000);

  test('says in one line when there is nothing to show', async () => {
    const solutionsWire = join(temp.labDir('wire'), '.lab', 'wire', 'solutions');
    await rm(join(solutionsWire, 'status-line.json'), { force: true });
    const run = await runCliInProcess(
      ['--root', temp.root, 'wire', '--solution', '--wire', 'status-line'],
      LONG,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'no transcripts of status-line from the last grading: its tests recorded no network traffic, or it was not graded yet (grade it with `pnpm lab wire --solution --only status-line`)\n',
    );
  }, 210_000);
});

describe('the recordings the lab pages show', () => {
  const EXAMPLES = ['echo-server', 'read-reply', 'close-after', 'line-server', 'upload-server'];
  test.each(EXAMPLES)(
    'outputs/wire/%s.txt is a real run and shows what this run shows',
    async (id) => {
      const file = join(recordings, `${id}.txt`);
      if (RECORDING || !existsSync(file)) {
        if (process.env.CI && !RECORDING)
          throw new Error(`${file} is missing: run pnpm docs:record`);
        const run = await runCliInProcess(['--root', temp.root, 'wire', '--only', id], LONG);
        await writeFile(file, run.stdout);
      }
      // Each line that starts something (a transcript, an event, a finding, the caret's lines) must
      // be in the recording: continuation lines wrap where times of other widths put them, and
      // another program probing ports on this machine may add a connection to either run.
      const recorded = maskWire(scrub(await readFile(file, 'utf8')));
      const test = report.exercises.find((e) => e.id === id)?.tests[0];
      const anchors = (test?.wire ?? '')
        .split('\n')
        .map((line) => maskWire(scrub(line)))
        .filter((line) => /^(wire \(|· |✗ |\+T ms|first difference|yours:|reference:)/.test(line));
      expect(anchors.length).toBeGreaterThan(0);
      for (const anchor of anchors) expect(recorded).toContain(anchor);
    },
    210_000,
  );
});
