// Every program of the chapter, run as a reader would: once with a bad command line, and every
// server once on a port another program holds. Each must print one line on stderr and exit 2,
// and end by itself (a server that left a worker or a child behind would hang here until killed).
// The parser's every rule is tested in packages/cli; here each program shows it is wired to it.
// The bench command's are in bench.test.ts. The runs go one at a time: each is a fresh Node
// process (the pre-fork server three), and a burst of them would make this chapter's timing tests late.
import { once } from 'node:events';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { runExample } from '@netprog/testbed';
import {
  type BadCommandLine,
  expectUsageLine,
  testBadCommandLines,
} from '@netprog/testbed/bad-command-lines';
import { afterAll, beforeAll, describe, it } from 'vitest';

const program = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));
const RUN = { timeoutMs: 40_000 };

const SERVERS = [
  'examples/echo-server.ts',
  'examples/event-loop-server.ts',
  'examples/http-server.ts',
  'examples/prefork-server.ts',
  'examples/worker-pool-server.ts',
  'bench/servers/bare-responder.ts',
  'bench/servers/node-http-hello.ts',
];

const cases: BadCommandLine[] = [
  [
    'examples/echo-server.ts',
    ['--port', '-1', 'extra', '--bogus'],
    'error: --port must be a whole number from 0 to 65535, got "-1"',
  ],
  [
    'examples/event-loop-server.ts',
    ['--workers', '4'],
    'error: unknown option --workers; usage: event-loop-server.ts [--port N] [--demo]',
  ],
  [
    'examples/http-server.ts',
    ['site', 'other', '--demo'],
    'error: unexpected argument "other"; usage: http-server.ts [dir] [--port N] [--demo]',
  ],
  [
    'examples/prefork-server.ts',
    ['--workers', '0', 'extra'],
    'error: --workers must be a whole number from 1 to 64, got "0"',
  ],
  // --child is how the parent starts its children; typed by a user it is an unknown option.
  [
    'examples/prefork-server.ts',
    ['--child'],
    'error: unknown option --child; usage: prefork-server.ts [--port N] [--workers N] [--demo]',
  ],
  [
    'examples/worker-pool-server.ts',
    ['--workers=-3', '--bogus'],
    'error: --workers must be a whole number from 1 to 64, got "-3"',
  ],
  [
    'bench/servers/bare-responder.ts',
    ['--demo'],
    'error: unknown option --demo; usage: bare-responder.ts [--port N]',
  ],
  [
    'bench/servers/node-http-hello.ts',
    ['--port', 'x', 'extra'],
    'error: --port must be a whole number from 0 to 65535, got "x"',
  ],
];

testBadCommandLines(program, cases, { oneAtATime: true });

describe('each server started on a port in use', () => {
  // One listener holds the port for every server below: none of them may take it. A stray
  // connection (another suite's port scan) is closed at once, or its reset would be uncaught.
  const taken = net.createServer((stray) => stray.destroy());
  let port = 0;
  beforeAll(async () => {
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    port = (taken.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    taken.close();
    await once(taken, 'close');
  });

  it.each(SERVERS)(
    '%s --port <in use>: one line, exit 2',
    async (file) => {
      const run = await runExample(program(file), ['--port', String(port)], RUN);
      expectUsageLine(
        run,
        `error: cannot listen on 127.0.0.1:${port}: the address is already in use (EADDRINUSE): stop the program using it, or pick another port (0 lets the kernel choose a free one)`,
      );
    },
    60_000,
  );
});
