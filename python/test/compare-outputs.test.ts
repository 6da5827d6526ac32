// The comparison itself, without running anything (so it runs even where Python is missing):
// the recorded outputs of every pair agree, and changing any one line of a Python recording makes
// the pair disagree, naming both lines. That is the proof that the pair tests can fail: no line
// a program prints is rewritten out of the comparison except the ones src/twins.ts drops.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compareOutputs, formatDisagreement, normalisePair } from '../src/compare-outputs.ts';
import { normaliseLines, pythonSocketRepr, rewriteLine, secondsToMs } from '../src/normalise.ts';
import { recordingOf, twinRecordingPath } from '../src/run-program.ts';
import { PROGRAMS } from '../src/twins.ts';

describe('the rewrites', () => {
  it("turn Python's spelling into socket-core's", () => {
    expect(secondsToMs('0.25')).toBe('250');
    expect(secondsToMs('0.0')).toBe('0');
    // Python 3.11+ prints the enums as numbers, 3.10 by name: both become socket-core's repr.
    const expected =
      "<socket fd=3 family=AF_INET type=SOCK_STREAM laddr=('127.0.0.1', 1) raddr=('127.0.0.1', 2)>";
    expect(
      pythonSocketRepr(
        "<socket.socket fd=3, family=2, type=1, proto=0, laddr=('127.0.0.1', 1), raddr=('127.0.0.1', 2)>",
      ),
    ).toBe(expected);
    expect(
      pythonSocketRepr(
        "<socket.socket fd=3, family=AddressFamily.AF_INET, type=SocketKind.SOCK_STREAM, proto=0, laddr=('127.0.0.1', 1), raddr=('127.0.0.1', 2)>",
      ),
    ).toBe(expected);
    expect(pythonSocketRepr('<socket.socket [closed] fd=-1, family=2, type=2, proto=0>')).toBe(
      '<socket [closed] fd=-1 family=AF_INET type=SOCK_DGRAM>',
    );
    expect(rewriteLine('x', [{ drop: /x/, why: 'test' }])).toBeNull();
    expect(normaliseLines('a\nb\n', [{ drop: /a/, why: 'test' }])).toEqual([
      { number: 2, original: 'b', text: 'b' },
    ]);
  });

  it('leave a real difference standing', () => {
    const python = '  gettimeout() = 0.5; recv(1024) -> TimeoutError None after 501 ms\n';
    expect(
      compareOutputs(
        python,
        '  gettimeout() = 500; recv(1024) -> SocketTimeoutError ETIMEDOUT after 7 ms\n',
      ),
    ).toBeUndefined();
    const differs = compareOutputs(
      python,
      '  gettimeout() = 250; recv(1024) -> SocketTimeoutError ETIMEDOUT after 7 ms\n',
    );
    expect(differs?.python?.number).toBe(1);
    const message = formatDisagreement(differs!, 'three_modes.py', 'three-modes.ts');
    expect(message).toContain('Python     (three_modes.py:1):   gettimeout() = 0.5;');
    expect(message).toContain('TypeScript (three-modes.ts:1):   gettimeout() = 250;');
    // The socket's own timeout (Python: errno None) is not the kernel's ETIMEDOUT (errno 110).
    const ownTimeout =
      "  sock.connect() throws SocketTimeoutError after ~324 ms: the socket's own timeout ran out\n";
    expect(
      compareOutputs(
        "  sock.connect() raises TimeoutError after ~300 ms: the socket's own timeout ran out\n",
        ownTimeout,
      ),
    ).toBeUndefined();
    expect(
      compareOutputs(
        "  sock.connect() raises TimeoutError code=ETIMEDOUT errno=110 after ~300 ms: the socket's own timeout ran out\n",
        ownTimeout,
      ),
    ).toBeDefined();
    expect(
      compareOutputs(
        '  sock.connect() raises TimeoutError code=ETIMEDOUT errno=110 after ~9 ms\n',
        '  sock.connect() throws SocketError code=ETIMEDOUT errno=110 after ~9 ms\n',
      ),
    ).toBeUndefined();
    // One side longer than the other is a disagreement too.
    expect(formatDisagreement(compareOutputs('a\nb\n', 'a\n')!, 'x.py', 'x.ts')).toContain(
      '(x.ts: no more lines)',
    );
  });
});

describe('the recorded outputs of every pair', () => {
  for (const program of PROGRAMS) {
    const twin = program.twin;
    if (twin === undefined) continue;
    const read = async () => ({
      python: await readFile(recordingOf(program.file), 'utf8'),
      typescript: await readFile(twinRecordingPath(twin), 'utf8'),
    });

    it(`${program.file} and ${twin.example} agree`, async () => {
      const { python, typescript } = await read();
      const disagreement = compareOutputs(python, typescript, program.rewrites);
      if (disagreement !== undefined)
        expect.fail(formatDisagreement(disagreement, program.file, twin.example));
    });

    it(`${program.file} and ${twin.example} disagree when any compared line of the Python side changes`, async () => {
      const { python, typescript } = await read();
      const compared = normalisePair(python, typescript, program.rewrites).python;
      expect(compared.length).toBeGreaterThan(0);
      const lines = python.split('\n');
      for (const { number, original } of compared) {
        const changed = lines.map((line, i) => (i === number - 1 ? `X${line}` : line)).join('\n');
        const disagreement = compareOutputs(changed, typescript, program.rewrites);
        expect(disagreement, `changing line ${number} (${original}) went unnoticed`).toBeDefined();
        expect(disagreement?.python?.number).toBe(number);
        const message = formatDisagreement(disagreement!, program.file, twin.example);
        expect(message).toContain(`(${program.file}:${number}): X${original}`);
        expect(message).toMatch(
          new RegExp(`TypeScript \\(${twin.example.replace('.', '\\.')}:\\d+\\)`),
        );
      }
    });
  }
});
