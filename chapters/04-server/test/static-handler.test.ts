// The file handler on disk: symbolic links that lead out of the folder, files sent a chunk at a
// time (whole and exact, HEAD without a body, every file closed), and a slow reader.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { within } from '@netprog/testbed/timing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.ts';
import { staticHandler } from '../src/static-handler.ts';
import { exchange } from './raw-exchange.ts';

let base: string;
let server: RunningServer;
const BIG = randomBytes(3 * 1024 * 1024 + 123); // not a multiple of the 64 KiB chunk
const SLOW_BYTES = 32 * 1024 * 1024;
/** The server's deadline for a client that makes no progress. */
const DEADLINE_MS = 2_000;

beforeAll(async () => {
  // base/site is served; base/secret.txt and base/private/ are outside it.
  base = await mkdtemp(path.join(tmpdir(), 'netprog-ch04-static-'));
  const site = path.join(base, 'site');
  await mkdir(path.join(site, 'docs'), { recursive: true });
  await mkdir(path.join(base, 'private'));
  await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET\n');
  await writeFile(path.join(base, 'private', 'key.txt'), 'PRIVATE KEY\n');
  await writeFile(path.join(site, 'docs', 'a.txt'), 'inside\n');
  await writeFile(path.join(site, 'big.bin'), BIG);
  await writeFile(path.join(site, 'empty.txt'), '');
  // More than the kernel's socket buffers hold on loopback (several MB each way).
  await writeFile(path.join(site, 'slow.bin'), Buffer.alloc(SLOW_BYTES, 's'));
  await symlink(path.join(base, 'secret.txt'), path.join(site, 'out.txt'));
  await symlink('../private', path.join(site, 'private'));
  await symlink('docs/a.txt', path.join(site, 'alias.txt'));
  await mkdir(path.join(site, 'folder'));
  await symlink(path.join(base, 'secret.txt'), path.join(site, 'folder', 'index.html'));
  server = await startServer({ handler: staticHandler(site), requestTimeoutMs: DEADLINE_MS });
});
afterAll(async () => {
  await server?.close();
  if (base !== undefined) await rm(base, { recursive: true, force: true });
});

const get = (target: string, method = 'GET') =>
  exchange(server, `${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
const statusLine = (reply: string) => reply.split('\r\n', 1)[0];
const body = (reply: string) => reply.slice(reply.indexOf('\r\n\r\n') + 4);

describe('symbolic links', () => {
  it.each([
    ['a link to a file outside the folder', '/out.txt'],
    ['a file under a link to a folder outside', '/private/key.txt'],
    ['a folder whose index.html links outside', '/folder/'],
  ])('refuses %s (403)', async (_name, target) => {
    const reply = await get(target);
    expect(statusLine(reply)).toBe('HTTP/1.1 403 Forbidden');
    expect(reply).not.toMatch(/TOP SECRET|PRIVATE KEY/);
  });

  it('follows a link that stays inside the folder', async () => {
    const reply = await get('/alias.txt');
    expect(statusLine(reply)).toBe('HTTP/1.1 200 OK');
    expect(body(reply)).toBe('inside\n');
  });
});

/** How many files under the test folder this process has open (Linux: /proc/self/fd). */
async function openFiles(): Promise<number> {
  let count = 0;
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target.startsWith(base)) count += 1;
  }
  return count;
}

describe('files sent a chunk at a time', () => {
  it('sends a 3 MB file whole and exact, HEAD without a body, and an empty file', async () => {
    const reply = Buffer.from(await get('/big.bin'), 'latin1');
    const text = reply.toString('latin1');
    expect(statusLine(text)).toBe('HTTP/1.1 200 OK');
    expect(text).toContain(`Content-Length: ${BIG.length}\r\n`);
    expect(reply.subarray(reply.indexOf('\r\n\r\n') + 4).equals(BIG)).toBe(true);

    const head = await get('/big.bin', 'HEAD');
    expect(head).toContain(`Content-Length: ${BIG.length}\r\n`);
    expect(body(head)).toBe('');

    const empty = await get('/empty.txt');
    expect(empty).toContain('Content-Length: 0\r\n');
  });

  linuxOnly('the open files are read from /proc/self/fd').it(
    'closes every file it opened: sent, HEAD, or the client gone mid-file',
    async () => {
      await get('/big.bin', 'HEAD');
      await get('/big.bin');
      // A client that leaves after the first bytes of a file.
      await new Promise<void>((resolve, reject) => {
        const client = net.connect(server.port, server.host);
        client.on('error', reject);
        client.once('data', () => {
          client.destroy();
          resolve();
        });
        client.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      // The server notices the reset, then closes the file: wait (bounded) for it.
      await within(
        (async () => {
          while ((await openFiles()) > 0) await new Promise((r) => setImmediate(r));
        })(),
        5_000,
        'every file under the test folder closed',
      );
    },
  );

  it('keeps a slow reader as long as it makes progress, past requestTimeoutMs in all', async () => {
    // The client stops reading twice, each time for 60% of the deadline: each stall alone is
    // within it, together they are not. The deadline counts from the last progress, so the whole
    // 32 MB file arrives. (A server that counted from the start would drop the client.)
    const stallMs = DEADLINE_MS * 0.6;
    const started = performance.now();
    const received = await within(
      new Promise<number>((resolve, reject) => {
        const client = net.connect(server.port, server.host);
        let bytes = 0;
        let stalls = 0;
        client.on('error', reject);
        client.on('close', () => resolve(bytes));
        client.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          // Stall at 1 MB, then at 16 MB: in between, the client reads enough for the kernel
          // to take more from the server (it wakes a writer when half its buffer is free).
          if ((stalls === 0 && bytes > 1024 * 1024) || (stalls === 1 && bytes > 16 * 1024 * 1024)) {
            stalls += 1;
            client.pause();
            setTimeout(() => client.resume(), stallMs);
          }
        });
        client.write('GET /slow.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      }),
      20_000,
      'the whole file at a slow pace',
    );
    expect(performance.now() - started).toBeGreaterThan(2 * stallMs);
    expect(received).toBeGreaterThan(SLOW_BYTES);
  });
});
