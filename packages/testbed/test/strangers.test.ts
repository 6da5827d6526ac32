// Fixtures record and count only the test's own connections: those of this process, of its child
// processes and of its parent. Another process's connection (a port scanner in another test file)
// is turned away unrecorded. Every wait here is on an event; the strangers are real processes.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { connectionOwner, listenDns, listenEcho, listenRecorder, listenTcp } from '../src/index.ts';
import { linuxOnly } from '../src/linux-only/tests.ts';
import { connectAsStranger } from '../src/strangers/index.ts';
import { within } from '../src/timing/index.ts';

const linux = linuxOnly(
  'a fixture tells its own clients from others through /proc/net/tcp and /proc/<pid>/fd',
);

import { RUN_TS } from '@netprog/run-ts';
import { sendAndClose } from './raw-client.ts';

/** Runs `node -e code ...args` and resolves with its stdout once it exits with 0. */
async function node(args: string[]): Promise<string> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const [code] = (await within(once(child, 'exit'), 15_000, 'the child process')) as [number];
  expect(code, out).toBe(0);
  return out;
}

linux.describe('fixtures and other processes', () => {
  it('a recorder ignores a stranger that connects before and during the exercise', async () => {
    await using recorder = await listenRecorder();
    {
      await using before = await connectAsStranger(recorder.port);
      expect(await before.closedByServer).toMatch(/^(end|close)$/);
    }
    const mine = net.connect(recorder.port, '127.0.0.1');
    await once(mine, 'connect');
    await using during = await connectAsStranger(recorder.port);
    expect(await during.closedByServer).toMatch(/^(end|close)$/);
    mine.end('mine');
    expect((await recorder.waitForBytes(4)).toString()).toBe('mine');
    expect(recorder.connections).toBe(1);
    expect(recorder.receivedBy().map(String)).toEqual(['mine']);
    expect(recorder.wire.transcripts()).toHaveLength(1);
    expect(recorder.wire.transcripts()[0]?.client).toEqual(['127.0.0.1', mine.localPort]);
    expect(recorder.wire.strangers).toBe(2);
  });

  it("listenTcp never calls the fixture's handler for a stranger", async () => {
    const seen: number[] = [];
    await using fixture = await listenTcp((socket) => {
      seen.push(socket.remotePort ?? 0);
      socket.end('hi\n');
    });
    await using stranger = await connectAsStranger(fixture.port);
    await stranger.closedByServer;
    expect(seen).toEqual([]);
    expect(fixture.sockets.size).toBe(0);
    expect(fixture.wire.strangers).toBe(1);
  });

  it("the DNS server's TCP side turns a stranger away unrecorded", async () => {
    await using dns = await listenDns({ tcp: true });
    await using stranger = await connectAsStranger(dns.port);
    expect(await stranger.closedByServer).toMatch(/^(end|close)$/);
    // Its one transcript is the UDP socket's, opened at the start; no TCP connection was recorded.
    expect(dns.wire.transcripts().map((t) => t.protocol)).toEqual(['udp']);
    expect(dns.wire.strangers).toBe(1);
  });

  it("a child process's connection is the test's own: recorded", async () => {
    await using echo = await listenEcho();
    const out = await node([
      '-e',
      `const s = require('node:net').connect(${echo.port}, '127.0.0.1', () => s.end('child'));
       s.on('data', (d) => process.stdout.write(d)); s.resume();`,
    ]);
    expect(out).toBe('child');
    expect(echo.wire.transcripts()).toHaveLength(1);
    expect(echo.wire.strangers).toBe(0);
  });

  it("a fixture in a child process records its parent's connection", async () => {
    const recorderModule = fileURLToPath(new URL('../src/fixtures/recorder.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        ...RUN_TS,
        '-e',
        `const { listenRecorder } = await import(${JSON.stringify(recorderModule)});
         const recorder = await listenRecorder();
         console.log(recorder.port);
         await recorder.waitForBytes(6, 10_000);
         console.log(recorder.connections, recorder.wire.strangers, recorder.received().toString());
         await recorder.close();`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = once(child, 'exit');
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const port = Number((await within(lines.next(), 15_000, "the child's port")).value);
      await sendAndClose(port, 'parent');
      const report = await within(lines.next(), 15_000, "the child's report");
      expect(report.value).toBe('1 0 parent');
    } finally {
      if (child.exitCode === null) child.kill(); // a failed check must not leave it running
      await exited;
    }
  });

  it("finds this process's unref'd client through /proc, where its handles do not show it", async () => {
    const verdicts: string[] = [];
    await using fixture = await listenTcp((socket) => {
      verdicts.push(connectionOwner(socket));
      socket.end();
    });
    const client = net.connect(fixture.port, '127.0.0.1');
    client.unref(); // process._getActiveHandles() lists ref'd handles only
    client.resume();
    await within(once(client, 'close'), 5_000, 'the close of the unref-ed client');
    expect(verdicts).toEqual(['ours']);
  });

  it('says a connection is ours while its client is open, and unknown off Linux', async () => {
    const verdicts: string[] = [];
    await using fixture = await listenTcp((socket) => {
      verdicts.push(connectionOwner(socket), connectionOwner(socket, 'darwin'));
      socket.end();
    });
    // The handler ends the connection, so the client's close comes after the verdicts.
    await sendAndClose(fixture.port, '');
    expect(verdicts).toEqual(['ours', 'unknown']);
  });
});
