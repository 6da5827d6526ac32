// Bad input: every Python program prints one line saying what is wrong, exits 2, and prints no
// stack trace (the course's rule, as for the TypeScript examples).
import { describe, expect, it } from 'vitest';
import { pythonOrSkip } from '../src/find-python.ts';
import { inParallel, runPython } from '../src/run-program.ts';

const python = await pythonOrSkip();

const CASES: ReadonlyArray<[file: string, args: string[], message: RegExp]> = [
  ['socket_methods.py', ['a', 'b'], /unrecognized arguments: b/],
  ['lifecycle.py', ['8080'], /unrecognized arguments: 8080/],
  ['socket_data.py', ['127.0.0.1', 'eighty'], /"eighty" is not a port number \(1-65535\)/],
  ['connect_vs_connect_ex.py', ['127.0.0.1', '99999'], /"99999" is not a port number/],
  ['connect_vs_connect_ex.py', ['127.0.0.1'], /give a host and at least one port/],
  ['socket_ports_open.py', ['127.0.0.1', '0-10'], /port 0 in "0-10" is out of range/],
  ['socket_ports_open.py', ['127.0.0.1', '100-1'], /runs backwards/],
  [
    'socket_ports_open.py',
    ['192.0.2.1', '80'],
    /refusing to scan 192\.0\.2\.1: .*--i-own-this-host/,
  ],
  [
    'socket_ports_open.py',
    ['127.0.0.1', '80', '--engine', 'raw'],
    /--engine belongs to the TypeScript/,
  ],
  ['http_server.py', ['--port', '99999'], /needs a number from 0 to 65535, got '99999'/],
  ['http_server.py', ['/no/such/dir'], /is not a directory/],
  ['http_server_select.py', ['--workers', '0'], /needs a number from 1 to 64/],
  ['http_server_threaded.py', ['--bogus'], /unrecognized arguments: --bogus/],
  ['http_server_threaded_notes.py', ['extra'], /unrecognized arguments: extra/],
  ['http_server_forking.py', ['--port', 'x'], /needs a number from 0 to 65535/],
  ['ct_run_timing.py', ['--delay-ms', '5'], /needs milliseconds from 10 to 5000/],
  ['three_modes.py', ['x'], /unrecognized arguments: x/],
  ['udp_echo.py', ['--bogus'], /unrecognized arguments: --bogus/],
];

/** Each run is bounded; they go AT_ONCE at a time, so the test's bound follows from theirs. */
const RUN_TIMEOUT_MS = 60_000;
const AT_ONCE = 4;
const TEST_TIMEOUT_MS = Math.ceil(CASES.length / AT_ONCE) * RUN_TIMEOUT_MS + 30_000;

describe.skipIf(python === null)('the Python programs given bad input', () => {
  it(
    'each prints one line and exits 2',
    async () => {
      const runs = await inParallel(
        CASES.map(
          ([file, args]) =>
            () =>
              runPython(python!, file, args, RUN_TIMEOUT_MS),
        ),
        AT_ONCE,
      );
      runs.forEach((run, i) => {
        const [file, args, message] = CASES[i]!;
        const label = `${file} ${args.join(' ')}`;
        expect(run.code, label).toBe(2);
        expect(run.stdout, label).toBe('');
        expect(run.stderr, label).toMatch(message);
        expect(run.stderr.trim().split('\n'), label).toHaveLength(1);
        expect(run.stderr, label).toMatch(new RegExp(`^${file.replace('.', '\\.')}: `));
      });
    },
    TEST_TIMEOUT_MS,
  );
});
