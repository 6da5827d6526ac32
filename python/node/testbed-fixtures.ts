// Run: (started by the Python programs, through python/netprog/fixtures.py)
//      node --import @netprog/run-ts/register python/node/testbed-fixtures.ts <fixture>...
//
// The Python programs talk to the same local targets as their TypeScript twins: the testbed's
// fixtures, started here in Node. For each fixture name given it starts that fixture and prints
// one JSON line on stdout ({"name": ..., "host": ..., "port": ..., "ports": [...]}), then a final
// {"ready": true}. It keeps them open until its stdin closes (the Python program exited or said
// so), then closes them and exits: a Python program that dies cannot leave a fixture behind.

import { runMain, UsageError } from '@netprog/cli';
import {
  type Closable,
  closedPort,
  listenBlackhole,
  listenEcho,
  listenHttp,
  listenOpenPorts,
} from '@netprog/testbed/fixtures';

/** What a fixture tells the Python side: where it listens. */
interface Started extends Closable {
  readonly host: string;
  readonly port?: number;
  readonly ports?: readonly number[];
}

/** The fixtures the Python twins use, each started exactly as its TypeScript twin starts it. */
const FIXTURES: Readonly<Record<string, () => Promise<Started>>> = {
  // chapters/03-client/examples/client-lifecycle.ts
  'http-hello': () => listenHttp({ body: 'hello from the server\n' }),
  // chapters/03-client/examples/connect-vs-connect-ex.ts
  echo: () => listenEcho(),
  closed: () => closedPort(),
  // connect-vs-connect-ex.ts and chapters/05-timeouts/examples/three-modes.ts
  blackhole: () => listenBlackhole(),
  // chapters/03-client/examples/port-scan.ts
  'open-ports': () => listenOpenPorts(3),
};

runMain(async () => {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in FIXTURES));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `unknown fixture ${JSON.stringify(unknown[0] ?? '')}; give one or more of: ${Object.keys(FIXTURES).join(', ')}`,
    );
  }
  const started: Started[] = [];
  try {
    for (const name of names) {
      const fixture = await FIXTURES[name]!();
      started.push(fixture);
      const { host, port, ports } = fixture;
      process.stdout.write(`${JSON.stringify({ name, host, port, ports })}\n`);
    }
    process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
    // Until the Python side closes our stdin (on exit, even a crash: the OS closes the pipe).
    await new Promise<void>((resolve) => {
      process.stdin
        .on('data', () => {})
        .once('end', resolve)
        .once('error', resolve);
    });
  } finally {
    for (const fixture of started.reverse()) await fixture.close();
  }
});
