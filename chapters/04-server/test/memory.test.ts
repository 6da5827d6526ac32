// A server's memory must not grow with what its clients fail to read. Fifty clients ask for a
// 15 MB file and never read it: a server that reads whole files into memory holds 50 x 15 MB
// (the review measured 810 MB); one that streams with backpressure holds a chunk or two per
// connection. The server runs in a process of its own, so its peak resident memory (VmHWM in
// /proc/PID/status) is its alone.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUN_TS } from '@netprog/run-ts';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { within } from '@netprog/testbed/timing';
import { afterAll, beforeAll, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/static-server-process.ts', import.meta.url));
const CLIENTS = 50;
const FILE_BYTES = 15 * 1024 * 1024;
const LIMIT_MB = 150;

let folder: string;
let server: ChildProcess;
let url: URL;
const messages: unknown[] = [];
const clients: net.Socket[] = [];

/** Waits (bounded) for a message from the server process that `matches`. */
function message<T>(matches: (m: unknown) => m is T, what: string): Promise<T> {
  const seen = messages.find(matches);
  if (seen !== undefined) return Promise.resolve(seen);
  return within(
    new Promise<T>((resolve) => {
      const listen = (m: unknown) => {
        if (!matches(m)) return;
        server.off('message', listen);
        resolve(m);
      };
      server.on('message', listen);
    }),
    30_000,
    what,
  );
}

/** A field of the server process's /proc/PID/status, the kernel's live view of it, in kB. */
function statusKb(field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (match === null) throw new Error(`no ${field} in /proc/${server.pid}/status`);
  return Number(match[1]);
}

/** Writes the big file and starts the server process (Linux only: see below). */
async function startServer(): Promise<void> {
  folder = await mkdtemp(path.join(tmpdir(), 'netprog-ch04-memory-'));
  await writeFile(path.join(folder, 'big.bin'), Buffer.alloc(FILE_BYTES, 'x'));
  // The draining deadline (1 s without progress) ends the non-reading clients' connections.
  server = fork(FIXTURE, [folder, '1000'], {
    execArgv: [...RUN_TS],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  server.on('message', (m) => messages.push(m));
  const started = await message(
    (m): m is { url: string } => typeof (m as { url?: unknown }).url === 'string',
    'the server process to start',
  );
  url = new URL(started.url);
}

async function stopServer(): Promise<void> {
  for (const client of clients) client.destroy();
  if (server !== undefined && server.exitCode === null) {
    const exited = once(server, 'exit');
    server.kill('SIGKILL');
    await exited;
  }
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
}

// The server's memory is read from /proc/PID/status; elsewhere not even the server starts.
const linux = linuxOnly("the server's memory is read from /proc/PID/status");
linux.describe('memory with clients that never read', () => {
  beforeAll(startServer);
  afterAll(stopServer);

  it(`${CLIENTS} clients of a 15 MB file that never read: the server stays under ${LIMIT_MB} MB`, {
    timeout: 90_000,
  }, async () => {
    const before = statusKb('VmRSS');
    // Each client sends its request and reads only the first chunk of the answer (so we know the
    // server has started on it), then stops reading: the kernel buffers fill, and stay full.
    await within(
      Promise.all(
        Array.from(
          { length: CLIENTS },
          () =>
            new Promise<void>((resolve, reject) => {
              const client = net.connect(Number(url.port), url.hostname);
              clients.push(client);
              client.on('error', reject);
              client.once('data', (chunk: Buffer) => {
                client.pause();
                expect(chunk.toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
                resolve();
              });
              client.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
            }),
        ),
      ),
      60_000,
      `the first bytes of ${CLIENTS} responses`,
    );
    // The server gives up on each stalled connection after 1 s without progress; when the last
    // has closed, the whole episode is over, and VmHWM holds the process's peak.
    await message(
      (m): m is { idle: number } => ((m as { idle?: number }).idle ?? 0) >= CLIENTS,
      `the server to close all ${CLIENTS} stalled connections`,
    );
    const peakMb = statusKb('VmHWM') / 1024;
    const afterMb = statusKb('VmRSS') / 1024;
    console.log(
      `server RSS: ${(before / 1024).toFixed(0)} MB before, peak ${peakMb.toFixed(0)} MB, ${afterMb.toFixed(0)} MB after`,
    );
    expect(peakMb).toBeLessThan(LIMIT_MB);
  });
});
