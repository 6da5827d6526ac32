// waitForReceiveQueue: the kernel's count of bytes that arrived but were not read (ss's Recv-Q).
import { socket } from '@netprog/socket-core';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { expect, it } from 'vitest';
import { waitForReceiveQueue } from '../src/receive-queue.ts';

linuxOnly('the receive queue is read from /proc/net/tcp').describe('waitForReceiveQueue', () => {
  it('sees bytes wait in the kernel until accept() hands the connection out and it is read', async () => {
    await using listener = socket('AF_INET', 'SOCK_STREAM');
    await listener.bind(['127.0.0.1', 0]);
    await listener.listen();
    await using client = socket('AF_INET', 'SOCK_STREAM');
    client.settimeout(2_000);
    await client.connect(listener.getsockname());
    await client.sendAll('hello');
    await client.sendAll(' world');
    const here = client.getpeername();
    const from = client.getsockname();
    expect(await waitForReceiveQueue(here, from, 11, 2_000)).toBe(11);

    const [conn] = await listener.accept();
    conn.settimeout(2_000);
    expect((await conn.recv(1_024)).toString()).toBe('hello world');
    // Read now: the queue is empty, so waiting for one more byte runs out, and says why.
    await expect(waitForReceiveQueue(here, from, 1, 50)).rejects.toThrow(
      /after 50 ms the receive queue of 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+ holds 0 bytes, not 1/,
    );
    await conn.close();
  });

  it('says so when this process holds no such connection', async () => {
    await expect(waitForReceiveQueue(['127.0.0.1', 1], ['127.0.0.1', 2], 1, 20)).rejects.toThrow(
      /holds no such connection in this process, not 1/,
    );
  });
});
