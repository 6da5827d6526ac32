import { createConnection } from '@netprog/socket-core';
import { listenEcho, listenHttp } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { recvUntilEof } from '../src/read-until-eof.ts';
import { EarlyEofError, recvExactly } from '../src/recv-exactly.ts';

const REQUEST = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';

describe('recvUntilEof', () => {
  it.each([
    ['all at once', false],
    ['one byte at a time', true],
  ])('collects every byte when the server sends %s', async (_label, dribble) => {
    await using target = await listenHttp({ body: 'abcdefghij', dribble, dribbleIntervalMs: 0 });
    await using conn = await createConnection(target.address, 2_000);
    await conn.sendAll(REQUEST);
    const sizes: number[] = [];
    const reply = await recvUntilEof(conn, { onChunk: (chunk) => sizes.push(chunk.length) });
    expect(reply.toString()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nabcdefghij$/);
    expect(sizes.at(-1)).toBe(0); // the loop ends on the empty recv
    if (dribble) expect(sizes.length).toBeGreaterThan(20);
  });

  it('stops a peer that never stops sending', async () => {
    await using target = await listenHttp({ body: 'x'.repeat(5000), noContentLength: true });
    await using conn = await createConnection(target.address, 2_000);
    await conn.sendAll(REQUEST);
    await expect(recvUntilEof(conn, { maxBytes: 1000 })).rejects.toThrow(/more than 1000 bytes/);
  });
});

describe('recvExactly', () => {
  it('returns exactly n bytes and leaves the rest', async () => {
    await using echo = await listenEcho();
    await using conn = await createConnection(echo.address, 2_000);
    await conn.sendAll('0123456789');
    expect((await recvExactly(conn, 4)).toString()).toBe('0123');
    expect((await recvExactly(conn, 6)).toString()).toBe('456789');
  });

  it('rejects with the counts when the peer closes early', async () => {
    await using echo = await listenEcho();
    await using conn = await createConnection(echo.address, 2_000);
    await conn.sendAll('abc');
    conn.shutdown('SHUT_WR'); // the echo server closes after echoing
    const error = await recvExactly(conn, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EarlyEofError);
    expect(error).toMatchObject({ expected: 10, received: 3 });
  });
});
